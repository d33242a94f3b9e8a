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
    ]
}

/// Chart hygiene of issue #12 over the chart's own values.yaml: YAML 1.1
/// surprises, numbers printed as `1e+06`, duplicate keys, and defaults that
/// break the chart's own schema. Positions are in values.yaml.
public struct HygieneCheck: LintCheck {
    public var disabled: Set<String>

    public init(disabled: Set<String> = []) { self.disabled = disabled }

    public var rules: [LintRule] { LintRule.hygieneRules.map(\.rule) }

    static let booleanWords: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    ]

    public func check(_ input: LintInput) -> [LintFinding] {
        guard let chart = input.chart,
            let file = chart.raw.first(where: { $0.name == "values.yaml" }),
            let document = (try? YAMLReader.readDocuments(file.data, file: "values.yaml"))?.first
        else { return [] }
        var findings: [LintFinding] = []
        func add(_ rule: LintRule, _ position: SourcePosition, _ message: String) {
            guard !disabled.contains(rule.id) else { return }
            findings.append(LintFinding(rule, file: "values.yaml", position: position, message: message))
        }
        walk(document, path: "", depth: 0, add: add)
        // The chart's own defaults against its schema, when Helm's rule (with the user's values) said nothing.
        let helmReported = input.findings.contains { $0.ruleID == LintRule.valuesFile.id }
        if !helmReported, let schema = chart.schemaData, !schema.isEmpty, case .map(let values) = document.value,
            let failure = SchemaValidation.validate(values, schemaData: schema, chart: chart)
        {
            let position = LintContext.position(ofFirstViolationIn: failure, values: file.data) ?? document.position
            let reason = failure.hasSuffix("\n") ? String(failure.dropLast()) : failure
            add(.valuesSchemaDefault, position, "the defaults do not meet values.schema.json: " + reason)
        }
        return findings
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
