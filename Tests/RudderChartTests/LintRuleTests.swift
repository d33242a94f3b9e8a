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

    @Test(arguments: ruleIDs)
    func ruleCanBeDisabled(_ id: String) throws {
        let result = try Self.lint(
            Self.chart, valueFiles: ["Tests/Fixtures/lint2/workload-values/\(id).yaml"], disabled: [id])
        #expect(result.findings.filter { $0.severity > .info }.isEmpty, "\(result.findings)")
    }

    /// `.rudder-lint.yaml` in the chart switches rules off.
    @Test func configFileDisablesRules() throws {
        let result = try Self.lint("Tests/Fixtures/lint2/configured", readsConfig: true)
        #expect(result.findings.map(\.ruleID) == ["ingress-tls"], "\(result.findings)")
        let unconfigured = try Self.lint("Tests/Fixtures/lint2/configured", readsConfig: false)
        #expect(Set(unconfigured.findings.map(\.ruleID)) == ["ingress-tls", "container-probes", "container-read-only-root"])
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
