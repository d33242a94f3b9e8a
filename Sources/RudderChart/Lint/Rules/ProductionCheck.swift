import RudderCore
import RudderYAML

/// The production rules of issue #12 over the rendered objects of a chart.
/// Rules in `disabled` (ids) report nothing; so do rules disabled by a
/// `.rudder-lint.yaml` in the chart or in the repository root around it.
public struct ProductionCheck: LintCheck {
    public var disabled: Set<String>
    /// Read `.rudder-lint.yaml` next to the chart and at the repository root.
    public var readsConfigFiles: Bool

    public init(disabled: Set<String> = [], readsConfigFiles: Bool = true) {
        self.disabled = disabled
        self.readsConfigFiles = readsConfigFiles
    }

    public var rules: [LintRule] { LintRule.productionRules.map(\.rule) }

    public func check(_ input: LintInput) -> [LintFinding] {
        guard let rendered = input.rendered, let chart = input.chart else { return [] }
        var off = disabled
        if readsConfigFiles {
            switch LintConfigFile.disabledRules(forChartAt: input.chartPath) {
            case .success(let ids): off.formUnion(ids)
            case .failure(let problem): return [problem.finding]
            }
        }
        if input.logs.contains(where: { $0.contains("msg=\"missing required value\"") }) {
            guard !off.contains(LintRule.renderSkipped.id) else { return [] }
            return [LintFinding(.renderSkipped, file: "templates/",
                message: "objects not checked: the render failed on a missing required value")]
        }
        var collector = FindingCollector(disabled: off)
        let objects = RenderedObject.read(rendered, chart: chart)
        let templates = objects.compactMap(PodTemplate.init)
        for template in templates { Self.checkPod(template, into: &collector) }
        Self.checkServices(objects, templates, into: &collector)
        Self.checkIngresses(objects, into: &collector)
        Self.checkScalers(objects, templates, into: &collector)
        Self.checkDisruptionBudgets(objects, templates, into: &collector)
        return collector.findings
    }

    // MARK: Services, Ingresses, HPAs, PDBs

    static func checkServices(_ objects: [RenderedObject], _ templates: [PodTemplate], into collector: inout FindingCollector) {
        for service in objects where service.kind == "Service" {
            guard let selector = labelMap(Value.map(service.value).lookup(["spec", "selector"])), !selector.isEmpty else { continue }
            if !templates.contains(where: { $0.matches(selector) }) {
                collector.add(.serviceSelector, service, ["spec", "selector"],
                    "\(service.label): selector \(describe(selector)) matches no pod template of the chart")
            }
        }
    }

    static func checkIngresses(_ objects: [RenderedObject], into collector: inout FindingCollector) {
        for ingress in objects where ingress.kind == "Ingress" {
            let tls = Value.map(ingress.value).lookup(["spec", "tls"])?.listValue ?? []
            if tls.isEmpty {
                collector.add(.ingressTLS, ingress, ["spec"], "\(ingress.label): no spec.tls; traffic is served in plain HTTP")
            }
        }
    }

    static func checkScalers(_ objects: [RenderedObject], _ templates: [PodTemplate], into collector: inout FindingCollector) {
        for scaler in objects where scaler.kind == "HorizontalPodAutoscaler" {
            let reference = Value.map(scaler.value).lookup(["spec", "scaleTargetRef"])
            let kind = reference?.lookup(["kind"])?.stringValue ?? ""
            let name = reference?.lookup(["name"])?.stringValue ?? ""
            if kind.isEmpty || name.isEmpty {
                collector.add(.scalerTarget, scaler, ["spec", "scaleTargetRef"],
                    "\(scaler.label): scaleTargetRef does not name a kind and a name")
            } else if !objects.contains(where: { $0.kind == kind && $0.name == name }) {
                collector.add(.scalerTarget, scaler, ["spec", "scaleTargetRef"],
                    "\(scaler.label): scaleTargetRef \(kind)/\(name) is not rendered by the chart")
            }
        }
    }

    static func checkDisruptionBudgets(_ objects: [RenderedObject], _ templates: [PodTemplate], into collector: inout FindingCollector) {
        var budgets: [[String: String]] = []
        for budget in objects where budget.kind == "PodDisruptionBudget" {
            let selector = labelMap(Value.map(budget.value).lookup(["spec", "selector", "matchLabels"])) ?? [:]
            budgets.append(selector)
            if !templates.contains(where: { $0.matches(selector) }) {
                collector.add(.disruptionBudgetTarget, budget, ["spec", "selector"],
                    "\(budget.label): selector \(describe(selector)) matches no pod template of the chart")
            }
        }
        for template in templates where (template.replicas ?? 0) > 1 {
            if !budgets.contains(where: { template.matches($0) }) {
                collector.add(.disruptionBudgetPresent, template.object, ["spec", "replicas"],
                    "\(template.object.label): \(template.replicas ?? 0) replicas and no PodDisruptionBudget selects them")
            }
        }
    }

    // MARK: Helpers

    static func labelMap(_ value: Value?) -> [String: String]? {
        guard let map = value?.mapValue else { return nil }
        var result: [String: String] = [:]
        for (key, entry) in map { result[key] = scalarText(entry) }
        return result
    }

    static func describe(_ labels: [String: String]) -> String {
        "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
    }

    static func scalarText(_ value: Value) -> String {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .int64(let number): return String(number)
        case .float(let number): return formatYAMLFloat(number)
        default: return ""
        }
    }

    static func integer(_ value: Value) -> Int64? {
        switch value {
        case .int(let number): return Int64(number)
        case .int64(let number): return number
        case .float(let number) where number.rounded() == number && abs(number) < 1e15: return Int64(number)
        default: return nil
        }
    }
}

/// Findings of one run, leaving out disabled rules.
struct FindingCollector {
    var disabled: Set<String>
    var findings: [LintFinding] = []

    mutating func add(_ rule: LintRule, _ object: RenderedObject, _ path: [String], _ message: String) {
        guard !disabled.contains(rule.id) else { return }
        let place = object.place(path)
        var finding = LintFinding(rule, file: object.file, position: place.position, message: message)
        finding.rendered = place.rendered
        findings.append(finding)
    }
}
