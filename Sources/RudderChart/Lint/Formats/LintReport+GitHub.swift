/// GitHub Actions workflow commands: one `::error`, `::warning` or `::notice`
/// line per finding, worst first (stable within a severity), with
/// `file`, `line`, `col` and `title` (the rule id) properties. Data escapes
/// `%`, CR and LF; property values also `:` and `,`, as the runner expects.
extension LintReport {
    public func github(_ options: CIFormatOptions) -> String {
        var entries: [(severity: LintSeverity, order: Int, line: String)] = []
        for chart in charts {
            if let loadError = chart.loadError {
                let file = Self.repositoryPath(chart: chart, file: "", root: options.repositoryRoot)
                entries.append((.error, entries.count, "::error file=\(Self.githubProperty(file)),title=chart-load::\(Self.githubData(loadError))"))
            }
            for finding in chart.findings {
                let file = Self.repositoryPath(chart: chart, file: finding.file, root: options.repositoryRoot)
                var properties = ["file=" + Self.githubProperty(file)]
                if !finding.rendered, let line = finding.line {
                    properties.append("line=\(line)")
                    if let column = finding.column { properties.append("col=\(column)") }
                }
                properties.append("title=" + Self.githubProperty(finding.ruleID))
                let text = finding.message + finding.renderedNote
                let message = chart.valuesFile.map { "\(text) (values: \($0))" } ?? text
                let command: String
                switch finding.severity {
                case .error: command = "error"
                case .warning: command = "warning"
                case .info: command = "notice"
                }
                entries.append((finding.severity, entries.count,
                    "::\(command) \(properties.joined(separator: ","))::\(Self.githubData(message))"))
            }
        }
        entries.sort { $0.severity != $1.severity ? $0.severity > $1.severity : $0.order < $1.order }
        return entries.map { $0.line + "\n" }.joined()
    }

    static func githubData(_ text: String) -> String {
        var result = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    static func githubProperty(_ text: String) -> String {
        githubData(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}
