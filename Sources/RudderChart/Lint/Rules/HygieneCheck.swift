import RudderCore
import RudderYAML

extension LintRule {
    public static let valuesYAML11Key = LintRule(id: "values-yaml11-key", severity: .warning, summary: "no values key that YAML 1.1 reads as a boolean (on, y, no …)")
    public static let valuesYAML11Value = LintRule(id: "values-yaml11-value", severity: .warning, summary: "no unquoted value that YAML 1.1 changes (yes/on/off as booleans, 1.10 as 1.1)")
    public static let valuesExponent = LintRule(id: "values-exponent", severity: .warning, summary: "no number that templates print in exponent form (1e+06)")
    public static let valuesDuplicateKey = LintRule(id: "values-duplicate-key", severity: .warning, summary: "no key given twice in one mapping of values.yaml")
    public static let valuesSchemaDefault = LintRule(id: "values-schema-default", severity: .error, summary: "values.yaml's defaults meet the chart's own values.schema.json")

    /// The chart hygiene rules with their fixes.
    public static let hygieneRules: [LintRuleFix] = [
        LintRuleFix(rule: valuesYAML11Key, fix: "quote the key (\"on\": …)"),
        LintRuleFix(rule: valuesYAML11Value, fix: "quote the value (\"1.10\", \"yes\") or write true/false"),
        LintRuleFix(rule: valuesExponent, fix: "quote the number, or print it with int or printf \"%d\" in the template"),
        LintRuleFix(rule: valuesDuplicateKey, fix: "remove all but one of the entries"),
        LintRuleFix(rule: valuesSchemaDefault, fix: "change the default in values.yaml or the schema so they agree"),
        LintRuleFix(rule: valuesUndefined, fix: "fix the name, or add the value (maybe empty) to values.yaml"),
    ]
}

/// Chart hygiene of issue #12 over the chart's own values.yaml: YAML 1.1
/// surprises, numbers printed as `1e+06`, duplicate keys, and defaults that
/// break the chart's own schema. Positions are in values.yaml.
public struct HygieneCheck: LintCheck {
    public var disabled: Set<String>
    /// Read `.rudder-lint.yaml` next to the chart and at the repository root.
    public var readsConfigFiles: Bool

    public init(disabled: Set<String> = [], readsConfigFiles: Bool = true) {
        self.disabled = disabled
        self.readsConfigFiles = readsConfigFiles
    }

    public var rules: [LintRule] { LintRule.hygieneRules.map(\.rule) }

    static let booleanWords: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    ]

    public func check(_ input: LintInput) -> [LintFinding] {
        guard let chart = input.chart,
            let file = chart.raw.first(where: { $0.name == "values.yaml" }),
            let document = (try? YAMLReader.readDocuments(file.data, file: "values.yaml"))?.first
        else { return [] }
        let disabled: Set<String>
        switch LintConfigFile.effectiveDisabled(self.disabled, chartPath: input.chartPath, readsFiles: readsConfigFiles) {
        case .success(let ids): disabled = ids
        case .failure: return []  // reported once, by ProductionCheck
        }
        var findings: [LintFinding] = []
        func add(_ rule: LintRule, _ position: SourcePosition, _ message: String) {
            guard !disabled.contains(rule.id) else { return }
            findings.append(LintFinding(rule, file: "values.yaml", position: position, message: message))
        }
        walk(document, path: "", depth: 0, add: add)
        undefinedReads(chart) { rule, position, file, message in
            guard !disabled.contains(rule.id) else { return }
            findings.append(LintFinding(rule, file: file, position: position, message: message))
        }
        // The chart's own defaults against its schema, when Helm's rule (with the user's values) said nothing
        // and schema validation is not switched off.
        let helmReported = input.findings.contains { $0.ruleID == LintRule.valuesFile.id }
        if !helmReported, !input.skipSchemaValidation, let schema = chart.schemaData, !schema.isEmpty,
            case .map(let values) = document.value, let failure = Self.schemaFailure(values, schema: schema, chart: chart)
        {
            let position = LintContext.position(ofFirstViolationIn: failure, values: file.data) ?? document.position
            let reason = failure.hasSuffix("\n") ? String(failure.dropLast()) : failure
            add(.valuesSchemaDefault, position, "the defaults do not meet values.schema.json: " + reason)
        }
        return findings
    }

    /// How the defaults break the schema, leaving out missing properties: a
    /// schema may require what only the user can give (an image, a host).
    static func schemaFailure(_ values: [String: Value], schema: [UInt8], chart: Chart) -> String? {
        switch SchemaValidation.compile(chart, schema) {
        case .success(let validator):
            return validator.validate(.map(values)).flatMap { withoutMissingProperties($0, depth: 0) }?.description
        case .failure(let error):
            return error.message
        }
    }

    /// `violation` without its `required` failures; nil when nothing else is left.
    static func withoutMissingProperties(_ violation: SchemaViolation, depth: Int) -> SchemaViolation? {
        if case .keyword(let message) = violation.kind, message.hasPrefix("missing propert") { return nil }
        guard !violation.causes.isEmpty, depth < 200 else { return violation }
        var kept = violation
        kept.causes = violation.causes.compactMap { withoutMissingProperties($0, depth: depth + 1) }
        return kept.causes.isEmpty ? nil : kept
    }

    func walk(_ node: YAMLNode, path: String, depth: Int, add: (LintRule, SourcePosition, String) -> Void) {
        guard depth < 200 else { return }
        switch node.kind {
        case .mapping(let entries, _, _):
            var seen: Set<String> = []
            for entry in entries {
                guard case .scalar(let key, let tag, let style) = entry.key.kind else { continue }
                let child = path.isEmpty ? key : path + "." + key
                if tag == nil, style == .plain, Self.booleanWords.contains(key) {
                    add(.valuesYAML11Key, entry.key.position, "key \(child) is read as a boolean by YAML 1.1 (Helm's key is \"\(Self.resolvedKey(key))\")")
                }
                if !seen.insert(key).inserted {
                    add(.valuesDuplicateKey, entry.key.position, "key \(child) is given more than once; the last one wins")
                }
                walk(entry.value, path: child, depth: depth + 1, add: add)
            }
        case .sequence(let items, _, _):
            for (index, item) in items.enumerated() { walk(item, path: "\(path)[\(index)]", depth: depth + 1, add: add) }
        case .scalar(let text, let tag, let style):
            guard tag == nil, style == .plain else { return }
            if Self.booleanWords.contains(text) {
                add(.valuesYAML11Value, node.position, "\(path): \(text) is read as the boolean \(Self.resolvedKey(text)) by YAML 1.1")
            } else if case .float(let number) = node.value {
                let printed = GoFloatFormat.g(number)
                if printed.contains("e") && !text.lowercased().contains("e") {
                    add(.valuesExponent, node.position, "\(path): \(text) prints as \(printed) in templates")
                } else if Self.looksLikeVersion(text), printed != text {
                    add(.valuesYAML11Value, node.position, "\(path): \(text) is the number \(printed), not the version \(text)")
                }
            }
        case .alias:
            return
        }
    }

    /// `1.10`, `2.0`: digits, a dot, digits; the number prints differently.
    static func looksLikeVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    static func resolvedKey(_ word: String) -> String {
        ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON"].contains(word) ? "true" : "false"
    }
}
