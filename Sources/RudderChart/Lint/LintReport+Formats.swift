import RudderYAML

/// Output formats of a lint report. The library builds the text; the CLI prints it.
///
/// `text` is Helm's layout: per chart `==> Linting <path>`, one
/// `[SEVERITY] <file>: <message>` line per finding of Helm's rules
/// (`[SEVERITY] <file>:<line>:<column>: (<rule id>) <message>` on one line for
/// Rudder's rules) (or `Error <reason>` when the
/// path is not a chart), a blank line; then the summary
/// `N chart(s) linted, M chart(s) failed` on stdout, or, when a chart failed,
/// `Error: <summary>` on stderr (exit status 1). `--quiet` leaves out INFO
/// findings, charts with nothing worse, and the summary when nothing was found.
///
/// `json` is one object, schema version 1 (stable; fields are only ever added):
///
///     {
///       "schemaVersion": 1,
///       "strict": false,
///       "linted": 2,                      // charts linted
///       "failed": 1,                      // charts that failed (errors; with strict, warnings too)
///       "charts": [
///         {
///           "path": "charts/web",         // as given on the command line
///           "failed": true,
///           "error": null,                // or why the path is not a chart
///           "findings": [
///             {
///               "rule": "template-yaml",  // stable rule id (LintRule.id)
///               "severity": "error",      // "info", "warning" or "error"
///               "file": "templates/a.yaml",
///               "line": 3,                // 1-based, or null when unknown
///               "column": 5,              // 1-based, or null when unknown
///               "message": "unable to parse YAML: …",
///               "fix": null,              // one line saying how to meet one of Rudder's rules, or null
///               "rendered": false         // true: line and column are in the template's rendered output
///             }
///           ]
///         }
///       ]
///     }
extension LintReport {
    /// Helm's text output: `stdout`, and `errorLine` (what follows `Error: `) when the run failed.
    public func text(quiet: Bool = false, colour: Bool = false) -> (stdout: String, errorLine: String?) {
        var out = ""
        var warned = 0
        for chart in charts {
            if chart.hasWarningsOrErrors { warned += 1 }
            if quiet && !chart.hasWarningsOrErrors { continue }
            out += "==> Linting \(chart.path)\n"
            if chart.findings.isEmpty, let loadError = chart.loadError {
                out += "Error \(loadError)\n"
            }
            for finding in chart.findings where !quiet || finding.severity > .info {
                out += (colour ? Self.coloured(finding) : finding.description) + "\n"
            }
            out += "\n"
        }
        if failed { return (out, summary) }
        if !quiet || warned > 0 { out += summary + "\n" }
        return (out, nil)
    }

    static func coloured(_ finding: LintFinding) -> String {
        let code: String
        switch finding.severity {
        case .error: code = "31"
        case .warning: code = "33"
        case .info: code = "36"
        }
        return "\u{1B}[\(code)m[\(finding.severity.label)]\u{1B}[0m " + finding.body
    }

    /// The JSON document described above, with a trailing newline.
    public func json(quiet: Bool = false) -> String {
        var chartsText: [String] = []
        for chart in charts {
            if quiet && !chart.hasWarningsOrErrors { continue }
            let findings = chart.findings.filter { !quiet || $0.severity > .info }.map { finding in
                "{\"rule\":\(Self.jsonString(finding.ruleID)),\"severity\":\(Self.jsonString(finding.severity.name)),"
                    + "\"file\":\(Self.jsonString(finding.file)),\"line\":\(finding.line.map(String.init) ?? "null"),"
                    + "\"column\":\(finding.column.map(String.init) ?? "null"),\"message\":\(Self.jsonString(finding.message)),"
                    + "\"fix\":\(LintRule.fix(for: finding.ruleID).map(Self.jsonString) ?? "null"),\"rendered\":\(finding.rendered)}"
            }
            chartsText.append(
                "{\"path\":\(Self.jsonString(chart.path)),\"failed\":\(chart.failed(strict: strict)),"
                    + "\"error\":\(chart.loadError.map(Self.jsonString) ?? "null"),"
                    + "\"findings\":[\(findings.joined(separator: ","))]}")
        }
        return "{\"schemaVersion\":1,\"strict\":\(strict),\"linted\":\(charts.count),\"failed\":\(failedCount),"
            + "\"charts\":[\(chartsText.joined(separator: ","))]}\n"
    }

    /// A JSON string literal, as RudderYAML's JSON writer (Go's encoding/json,
    /// without HTML escaping) writes it.
    static func jsonString(_ text: String) -> String {
        JSONWriter.encode(.string(text), escapeHTML: false)
    }
}
