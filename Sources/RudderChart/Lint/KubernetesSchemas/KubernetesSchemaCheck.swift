import RudderCore

extension LintRule {
    public static let kubernetesSchema = LintRule(id: "kubernetes-schema", severity: .error, summary: "rendered objects meet the Kubernetes schemas of the target version (unknown fields are errors)")
    public static let kubernetesSchemaSkipped = LintRule(id: "kubernetes-schema-skipped", severity: .info, summary: "kinds without a schema (CRDs) are not validated")

    public static let schemaRules: [LintRuleFix] = [
        LintRuleFix(rule: kubernetesSchema, fix: "fix the field named in the message (see kubectl explain KIND.FIELD)"),
        LintRuleFix(rule: kubernetesSchemaSkipped, fix: "give --schema-location DIR with a JSON schema for the kind"),
    ]
}

/// Every rendered object validated against the Kubernetes schemas offline.
public struct KubernetesSchemaCheck: LintCheck {
    public var bundle: KubernetesSchemaBundle
    public var disabled: Set<String>
    /// Read `.rudder-lint.yaml` next to the chart and at the repository root.
    public var readsConfigFiles: Bool

    public init(bundle: KubernetesSchemaBundle, disabled: Set<String> = [], readsConfigFiles: Bool = true) {
        self.bundle = bundle
        self.disabled = disabled
        self.readsConfigFiles = readsConfigFiles
    }

    public var rules: [LintRule] { LintRule.schemaRules.map(\.rule) }

    public func check(_ input: LintInput) -> [LintFinding] {
        guard let rendered = input.rendered, let chart = input.chart else { return [] }
        if input.logs.contains(where: { $0.contains("msg=\"missing required value\"") }) { return [] }
        guard case .success(let off) = LintConfigFile.effectiveDisabled(disabled, chartPath: input.chartPath, readsFiles: readsConfigFiles)
        else { return [] }  // reported once, by ProductionCheck
        var collector = FindingCollector(disabled: off)
        var skipped: Set<String> = []
        for object in RenderedObject.read(rendered, chart: chart) {
            let apiVersion = object.value["apiVersion"]?.stringValue ?? ""
            switch bundle.validate(.map(object.value), apiVersion: apiVersion, kind: object.kind) {
            case .valid:
                continue
            case .noSchema:
                let key = "\(apiVersion)/\(object.kind)"
                if skipped.insert(key).inserted {
                    collector.add(.kubernetesSchemaSkipped, object, [],
                        "\(object.label): no schema for \(key) in Kubernetes \(bundle.version); not validated")
                }
            case .invalid(let violation):
                let first = Self.deepest(violation)
                let place = first.instanceLocation.isEmpty ? "" : " at " + first.instanceLocation.joined(separator: ".")
                collector.add(.kubernetesSchema, object, first.instanceLocation,
                    "\(object.label)\(place): \(first.message) (Kubernetes \(bundle.version))")
            }
        }
        return collector.findings
    }

    /// The first leaf violation (the most specific message).
    static func deepest(_ violation: SchemaViolation) -> SchemaViolation {
        var current = violation
        var depth = 0
        while let next = current.causes.first, depth < 100 {
            current = next
            depth += 1
        }
        return current
    }
}
