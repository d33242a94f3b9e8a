import RudderCore

/// SARIF 2.1.0 for code-scanning upload: one run, the rules as
/// `tool.driver.rules` (id, short description, help text, default level),
/// one result per finding with its level, a repository-relative location
/// (`uriBaseId` `%SRCROOT%`), a region where the line in the source is known
/// (a place only known in the rendered output is named in the message), and a
/// `partialFingerprints` entry that depends on the rule, file, message and
/// values file only (not on line numbers), so results stay matched across commits.
extension LintReport {
    public func sarif(_ options: CIFormatOptions) -> String {
        let rules = Self.ruleTable(options.rules, charts: charts)
        let index = Dictionary(rules.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let ruleTexts = rules.map { rule in
            "{\"id\":\(Self.jsonString(rule.id)),\"name\":\(Self.jsonString(Self.camelName(rule.id))),"
                + "\"shortDescription\":{\"text\":\(Self.jsonString(rule.summary))},"
                + "\"fullDescription\":{\"text\":\(Self.jsonString(rule.summary))},"
                + "\"help\":{\"text\":\(Self.jsonString(Self.help(rule)))},"
                + "\"defaultConfiguration\":{\"level\":\(Self.jsonString(Self.sarifLevel(rule.severity)))}}"
        }
        var results: [String] = []
        for chart in charts {
            if let loadError = chart.loadError {
                let uri = Self.repositoryPath(chart: chart, file: "", root: options.repositoryRoot)
                results.append(Self.sarifResult(
                    ruleID: "chart-load", ruleIndex: nil, level: "error", message: loadError, uri: uri,
                    line: nil, column: nil, fingerprint: Self.fingerprint("chart-load|\(uri)")))
            }
            for finding in chart.findings {
                let uri = Self.repositoryPath(chart: chart, file: finding.file, root: options.repositoryRoot)
                let key = [finding.ruleID, uri, finding.message, chart.valuesFile ?? ""].joined(separator: "|")
                results.append(Self.sarifResult(
                    ruleID: finding.ruleID, ruleIndex: index[finding.ruleID], level: Self.sarifLevel(finding.severity),
                    message: finding.message + finding.renderedNote, uri: uri,
                    line: finding.rendered ? nil : finding.line, column: finding.rendered ? nil : finding.column,
                    fingerprint: Self.fingerprint(key)))
            }
        }
        return "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{"
            + "\"tool\":{\"driver\":{\"name\":\"rudder lint\",\"informationUri\":\"https://github.com/rudder-charts/rudder\","
            + "\"version\":\(Self.jsonString(options.toolVersion)),\"rules\":[\(ruleTexts.joined(separator: ","))]}},"
            + "\"originalUriBaseIds\":{\"%SRCROOT%\":{\"description\":{\"text\":\"The repository root.\"}}},"
            + "\"results\":[\(results.joined(separator: ","))]}]}\n"
    }

    static func sarifResult(
        ruleID: String, ruleIndex: Int?, level: String, message: String, uri: String, line: Int?, column: Int?,
        fingerprint: String
    ) -> String {
        var region = ""
        if let line, line > 0 {
            region = ",\"region\":{\"startLine\":\(line)" + (column.map { $0 > 0 ? ",\"startColumn\":\($0)" : "" } ?? "") + "}"
        }
        return "{\"ruleId\":\(jsonString(ruleID))" + (ruleIndex.map { ",\"ruleIndex\":\($0)" } ?? "")
            + ",\"level\":\(jsonString(level)),\"message\":{\"text\":\(jsonString(message))},"
            + "\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\(jsonString(percentEncodedURI(uri))),"
            + "\"uriBaseId\":\"%SRCROOT%\"}\(region)}}],"
            + "\"partialFingerprints\":{\"rudderFinding/v1\":\(jsonString(fingerprint))}}"
    }

    static func sarifLevel(_ severity: LintSeverity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// `container-probes` → `ContainerProbes`.
    static func camelName(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A relative URI reference: unreserved characters and `/` kept, the rest percent-encoded.
    static func percentEncodedURI(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "-._~/".unicodeScalars.contains(scalar)
            {
                result.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
