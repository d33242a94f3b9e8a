import RudderCore
import Testing
import _RudderTestSupport
@testable import RudderChart

/// The production rules of issue #12: the fixture chart Tests/Fixtures/lint2/workload
/// meets every rule with its own values; each file of workload-values/ breaks
/// exactly the rule it is named after. The bundled charts lint clean.
@Suite struct LintRuleTests {
    static let root = GoldenCases.repositoryRoot()
    static let chart = "Tests/Fixtures/lint2/workload"

    static func lint(
        _ path: String, valueFiles: [String] = [], disabled: Set<String> = [], readsConfig: Bool = false
    ) throws -> LintChartResult {
        var options = LintOptions()
        options.values.valueFiles = valueFiles.map { root + "/" + $0 }
        options.additionalChecks = [ProductionCheck(disabled: disabled, readsConfigFiles: readsConfig)]
        return try Linter.lint(path: root + "/" + path, options: options)
    }

    static let ruleIDs: [String] = LintRule.productionRules.map(\.rule.id).filter { $0 != LintRule.renderSkipped.id }

    @Test func cleanChartHasNoFindings() throws {
        let result = try Self.lint(Self.chart)
        #expect(result.findings.filter { $0.severity > .info }.isEmpty, "\(result.findings)")
        #expect(!result.failed(strict: true))
    }

    @Test(arguments: ruleIDs)
    func ruleTriggers(_ id: String) throws {
        let result = try Self.lint(Self.chart, valueFiles: ["Tests/Fixtures/lint2/workload-values/\(id).yaml"])
        let ids = Set(result.findings.filter { $0.severity > .info }.map(\.ruleID))
        #expect(ids == [id], "\(result.findings)")
        let finding = result.findings.first { $0.ruleID == id }
        #expect(finding?.file.hasPrefix("templates/") == true)
        #expect(finding?.line != nil && finding?.column != nil)
        #expect(LintRule.fix(for: id)?.isEmpty == false)
    }

    /// Where each rule's finding is in the template source of the fixture
    /// (a place inside a block written by toYaml goes to the key above it).
    static let sourcePlaces: [String: String] = [
        "container-capabilities-drop": "templates/deployment.yaml:24:11", "container-image-tag": "templates/deployment.yaml:22:11",
        "container-privilege-escalation": "templates/deployment.yaml:24:11", "container-privileged": "templates/deployment.yaml:24:11",
        "container-probes": "templates/deployment.yaml:21:11", "container-read-only-root": "templates/deployment.yaml:24:11",
        "container-resources": "templates/deployment.yaml:21:11", "env-secret-literal": "templates/deployment.yaml:37:11",
        "hpa-target": "templates/hpa.yaml:7:5", "ingress-tls": "templates/ingress.yaml:11:3",
        "pdb-present": "templates/deployment.yaml:6:3", "pdb-target": "templates/pdb.yaml:9:5",
        "pod-host-namespaces": "templates/deployment.yaml:15:7", "pod-host-path": "templates/deployment.yaml:46:13",
        "pod-run-as-non-root": "templates/deployment.yaml:24:11", "service-selector": "templates/service.yaml:6:3",
    ]

    @Test(arguments: ruleIDs)
    func findingIsPlacedInTheSource(_ id: String) throws {
        let result = try Self.lint(Self.chart, valueFiles: ["Tests/Fixtures/lint2/workload-values/\(id).yaml"])
        let finding = try #require(result.findings.first { $0.ruleID == id })
        #expect(!finding.rendered)
        #expect("\(finding.file):\(finding.line ?? 0):\(finding.column ?? 0)" == Self.sourcePlaces[id])
    }

    /// Rendered lines trace back to the one source line that spells them out;
    /// lines written from values, or matching several source lines, do not.
    @Test func sourceTrace() {
        let source = "kind: Pod\nspec:\n  securityContext:\n    {{- toYaml .Values.a | nindent 4 }}\n  containers:\n"
            + "    - name: {{ .Values.name }}\n      securityContext:\n        {{- toYaml .Values.b | nindent 8 }}\n"
            + "      image: \"{{ .Values.repo }}:{{ .Values.tag }}\"\n      - name: other\n"
        let trace = SourceTrace(source: Array(source.utf8))
        #expect(trace.trace("    - name: web", column: 7)?.line == 6)
        #expect(trace.trace("    - name: web", column: 7)?.column == 7)
        #expect(trace.trace("      image: \"nginx:1.27\"", column: 14)?.line == 9)
        #expect(trace.trace("      image: \"nginx:1.27\"", column: 14)?.column == 14)  // in the literal part
        #expect(trace.trace("      image: \"nginx:1.27\"", column: 16)?.column == 7)  // past it: the line's start
        #expect(trace.trace("  securityContext:", column: 3)?.line == 3)  // two match; one is indented alike
        #expect(trace.trace("      securityContext:", column: 7)?.line == 7)
        #expect(trace.trace("    securityContext:", column: 5) == nil)  // two match, neither indented alike
        #expect(trace.trace("    runAsNonRoot: true", column: 5) == nil)  // written by toYaml
        #expect(trace.trace("", column: 1) == nil)
    }

    /// A chart whose objects come whole from values keeps places in the rendered output, marked so.
    @Test func untraceablePlacesStayInTheRenderedOutput() throws {
        let result = try Self.lint("Tests/Fixtures/lint2/from-values")
        let finding = try #require(result.findings.first { $0.ruleID == "ingress-tls" })
        #expect(finding.rendered)
        #expect(finding.file == "templates/objects.yaml")
        #expect(finding.line == 8 && finding.column == 3)
        #expect(finding.description == "[WARNING] templates/objects.yaml: (ingress-tls) Ingress/plain: no spec.tls; "
            + "traffic is served in plain HTTP (line 8, column 3 of the rendered output)")
    }

    @Test(arguments: ruleIDs)
    func ruleCanBeDisabled(_ id: String) throws {
        let result = try Self.lint(
            Self.chart, valueFiles: ["Tests/Fixtures/lint2/workload-values/\(id).yaml"], disabled: [id])
        #expect(result.findings.filter { $0.severity > .info }.isEmpty, "\(result.findings)")
    }

    /// `.rudder-lint.yaml` switches off rules of every check.
    @Test func configFileDisablesRulesOfEveryCheck() throws {
        guard let bundle = KubernetesSchemaBundle.bundled() else {
            Issue.record("no bundle")
            return
        }
        func run(_ reads: Bool) throws -> Set<String> {
            var options = LintOptions()
            options.additionalChecks = [
                ProductionCheck(readsConfigFiles: reads), HygieneCheck(readsConfigFiles: reads),
                KubernetesSchemaCheck(bundle: bundle, readsConfigFiles: reads),
            ]
            return Set(try Linter.lint(path: Self.root + "/Tests/Fixtures/lint2/configured", options: options).findings.map(\.ruleID))
        }
        #expect(try run(true) == ["ingress-tls"])
        #expect(try run(false) == [
            "ingress-tls", "container-probes", "container-read-only-root", "values-yaml11-key", "kubernetes-schema-skipped",
        ])
    }

    /// `.rudder-lint.yaml` in the chart switches rules off.
    @Test func configFileDisablesRules() throws {
        let result = try Self.lint("Tests/Fixtures/lint2/configured", readsConfig: true)
        #expect(result.findings.map(\.ruleID) == ["ingress-tls"], "\(result.findings)")
        let unconfigured = try Self.lint("Tests/Fixtures/lint2/configured", readsConfig: false)
        #expect(Set(unconfigured.findings.map(\.ruleID)) == ["ingress-tls", "container-probes", "container-read-only-root"])
    }

    /// A `.rudder-lint.yaml` that cannot be used is an error of its own (lint-config).
    @Test func unusableConfigFileIsReported() throws {
        let result = try Self.lint("Tests/Fixtures/lint2/bad-config", readsConfig: true)
        #expect(result.findings.map(\.ruleID) == ["lint-config"], "\(result.findings)")
        #expect(result.findings.first?.severity == .error)
        #expect(result.findings.first?.file.hasSuffix("/Tests/Fixtures/lint2/bad-config/.rudder-lint.yaml") == true)
        #expect(result.findings.first?.message == "disable must be a list of rule ids")
        #expect(LintRule.fix(for: "lint-config")?.isEmpty == false)
        #expect(try Self.lint("Tests/Fixtures/lint2/configured", readsConfig: true).findings.allSatisfy { $0.ruleID != "lint-config" })
    }

    /// A render that failed on `required` skips the checks, at info.
    @Test func missingRequiredSkipsObjects() throws {
        let result = try Self.lint("Tests/Fixtures/lint2/required")
        #expect(result.findings.map(\.ruleID) == [LintRule.renderSkipped.id], "\(result.findings)")
        #expect(result.findings.first?.severity == .info)
    }

    @Test(arguments: ["/etc", "/var/run/docker.sock", "/", "/proc/1", "/var/lib/kubelet/pods"])
    func sensitiveHostPaths(_ path: String) { #expect(ProductionCheck.isSensitiveHostPath(path)) }

    @Test(arguments: ["/data", "/mnt/cache", "/srv/app", "/var/cache/app"])
    func harmlessHostPaths(_ path: String) { #expect(!ProductionCheck.isSensitiveHostPath(path)) }

    @Test(arguments: [
        ("nginx", false), ("nginx:latest", false), ("nginx:", false), ("", false),
        ("nginx:1.27", true), ("registry:5000/team/app:2.1", true), ("registry:5000/team/app", false),
        ("app@sha256:0123abcd", true),
    ])
    func imagePinning(_ row: (image: String, pinned: Bool)) {
        #expect((ProductionCheck.imageProblem(row.image) == nil) == row.pinned)
    }

    @Test(arguments: [
        ("OPENAI_API_KEY", true), ("GITHUB_TOKEN", true), ("DB_PASSWORD", true), ("client_secret", true),
        ("LOG_LEVEL", false), ("KEYCLOAK_URL", false), ("TOKEN_TTL", false),
    ])
    func secretNames(_ row: (name: String, secret: Bool)) {
        #expect(ProductionCheck.looksSecret(row.name) == row.secret)
    }

    static let departments: [(chart: String, department: String?)] = ["anything-llm", "lobe-chat"].flatMap { chart in
        [nil, "engineering", "legal", "sales", "support"].map { (chart, $0) }
    }

    /// Both bundled charts meet every rule, with and without each department file.
    @Test(arguments: departments)
    func bundledChartsMeetEveryRule(_ item: (chart: String, department: String?)) throws {
        let files = item.department.map { ["charts/\(item.chart)/departments/\($0).yaml"] } ?? []
        let result = try Self.lint("charts/\(item.chart)", valueFiles: files, readsConfig: true)
        #expect(result.findings.isEmpty, "\(result.findings)")
    }
}
