/// JUnit XML: one `<testsuite>` per chart and values file, one `<testcase>`
/// per rule that ran (classname the chart). A rule with findings at or above
/// the fail level has a `<failure>`; findings below it go to `<system-out>`.
/// A path that is not a chart is one test case with an `<error>`.
extension LintReport {
    public func junit(_ options: CIFormatOptions) -> String {
        let rules = Self.ruleTable(options.rules, charts: charts)
        var suites: [String] = []
        var totalTests = 0
        var totalFailures = 0
        var totalErrors = 0
        for chart in charts {
            let suite = Self.suiteName(chart)
            var cases: [String] = []
            var failures = 0
            if let loadError = chart.loadError {
                cases.append("    <testcase name=\"chart-load\" classname=\(Self.xmlAttribute(suite))>\n"
                    + "      <error message=\(Self.xmlAttribute(loadError)) type=\"load\"></error>\n    </testcase>\n")
                totalErrors += 1
            } else {
                for rule in rules {
                    let found = chart.findings.filter { $0.ruleID == rule.id }
                    let failing = found.filter { $0.severity >= options.failLevel }
                    var body = ""
                    if let first = failing.first {
                        failures += 1
                        let text = failing.map(Self.junitLine).joined(separator: "\n")
                        body += "      <failure message=\(Self.xmlAttribute(first.message)) type=\(Self.xmlAttribute(first.severity.name))>"
                            + Self.xmlText(text) + "</failure>\n"
                    }
                    let quiet = found.filter { $0.severity < options.failLevel }
                    if !quiet.isEmpty {
                        body += "      <system-out>" + Self.xmlText(quiet.map(Self.junitLine).joined(separator: "\n")) + "</system-out>\n"
                    }
                    let open = "    <testcase name=\(Self.xmlAttribute(rule.id)) classname=\(Self.xmlAttribute(suite))"
                    cases.append(body.isEmpty ? open + "/>\n" : open + ">\n" + body + "    </testcase>\n")
                }
            }
            totalTests += cases.count
            totalFailures += failures
            let errors = chart.loadError == nil ? 0 : 1
            suites.append("  <testsuite name=\(Self.xmlAttribute(suite)) tests=\"\(cases.count)\" failures=\"\(failures)\" "
                + "errors=\"\(errors)\" skipped=\"0\">\n" + cases.joined() + "  </testsuite>\n")
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"rudder lint\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"\(totalErrors)\">\n"
            + suites.joined() + "</testsuites>\n"
    }

    static func junitLine(_ finding: LintFinding) -> String {
        let place = finding.rendered ? finding.file
            : [finding.file, finding.line.map(String.init), finding.column.map(String.init)].compactMap { $0 }.joined(separator: ":")
        return "[\(finding.severity.label)] \(place): \(finding.message)\(finding.renderedNote)"
    }

    /// Text content: `&`, `<`, `>` escaped; characters XML 1.0 forbids dropped.
    static func xmlText(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default:
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" { continue }
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A quoted attribute value (quotes and white space escaped too).
    static func xmlAttribute(_ text: String) -> String {
        var result = ""
        for character in xmlText(text).unicodeScalars {
            switch character {
            case "\"": result += "&quot;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            case "\t": result += "&#9;"
            default: result.unicodeScalars.append(character)
            }
        }
        return "\"" + result + "\""
    }
}
