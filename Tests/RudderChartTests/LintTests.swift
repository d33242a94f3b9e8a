import RudderCore
import Testing
import _RudderTestSupport
@testable import RudderChart

/// The linter as a library: findings are data with rule ids and positions,
/// the bundled charts lint clean with every department, and the checks
/// behind Helm's rules behave as apimachinery's and govalidator's do.
@Suite struct LintTests {
    static let root = GoldenCases.repositoryRoot()

    static func lint(_ path: String, _ configure: (inout LintOptions) -> Void = { _ in }) throws -> LintChartResult {
        var options = LintOptions()
        configure(&options)
        return try Linter.lint(path: root + "/" + path, options: options)
    }

    static let departments: [(chart: String, department: String)] = ["anything-llm", "lobe-chat"].flatMap { chart in
        ["engineering", "legal", "sales", "support"].map { (chart, $0) }
    }

    @Test(arguments: departments)
    func bundledChartsLintClean(_ item: (chart: String, department: String)) throws {
        let result = try Self.lint("charts/\(item.chart)") { options in
            options.values.valueFiles = [Self.root + "/charts/\(item.chart)/departments/\(item.department).yaml"]
            options.strict = true
        }
        #expect(result.findings.isEmpty, "\(result.findings)")
        #expect(!result.failed(strict: true))
    }

    @Test func findingsCarryRuleIdentifiersAndPositions() throws {
        let result = try Self.lint("Tests/Fixtures/lint/many-problems")
        let rules = Set(result.findings.map(\.ruleID))
        #expect(rules.isSuperset(of: [
            "chart-yaml-strict", "chart-version-type", "chart-app-version-type", "chart-maintainers", "chart-sources",
            "chart-icon-url", "chart-version-semver-v2", "template-extension", "template-selector", "crd-api-version", "crd-kind",
        ]))
        let version = result.findings.first { $0.ruleID == "chart-version-type" }
        #expect(version?.line == 3)
        #expect(version?.column == 10)
        #expect(version?.severity == .error)
        #expect(result.failed(strict: false))
    }

    @Test func schemaFailureSuppressesTemplateChecks() throws {
        let failing = try Self.lint("Tests/Fixtures/lint/values-schema")
        #expect(failing.findings.contains { $0.ruleID == "values-file" })
        #expect(failing.findings.contains { $0.ruleID == "templates-render" })
        #expect(!failing.findings.contains { $0.ruleID == "template-metadata-name" })
        // The first violation (a missing property at the top) is traced to values.yaml's root.
        let values = failing.findings.first { $0.ruleID == "values-file" }
        #expect(values?.line == 1)
        #expect(values?.column == 1)
        let nested = LintContext.position(
            ofFirstViolationIn: "- at '/a/1/b~1c': got number, want string\n",
            values: Array("a:\n  - x\n  - b/c: 5\n".utf8))
        #expect(nested?.line == 3)
        #expect(nested?.column == 10)
        let skipped = try Self.lint("Tests/Fixtures/lint/values-schema") { $0.skipSchemaValidation = true }
        #expect(skipped.findings.map(\.ruleID) == ["template-metadata-name"])
    }

    @Test func requiredAndFailOnlyLog() throws {
        var options = LintOptions()
        let report = try Linter.lint(paths: [Self.root + "/Tests/Fixtures/lint/template-required"], options: options)
        #expect(report.logs == [
            "level=WARN msg=\"missing required value\" message=\"name is required\"",
            "level=INFO msg=\"funcMap fail\" message=\"stop here\"",
        ])
        options.values.set = ["name=x"]
        let given = try Linter.lint(paths: [Self.root + "/Tests/Fixtures/lint/template-required"], options: options)
        #expect(given.logs == ["level=INFO msg=\"funcMap fail\" message=\"stop here\""])
    }

    @Test func notAChart() throws {
        let result = try Self.lint("Tests/Fixtures/lint/does-not-exist")
        #expect(result.loadError?.hasPrefix("unable to check Chart.yaml file in chart: stat ") == true)
        #expect(result.failed(strict: false))
    }

    @Test func badKubeVersionFailsTheRun() {
        var options = LintOptions()
        options.kubeVersion = "x"
        #expect(throws: LintFailure.self) { try Linter.lint(paths: ["."], options: options) }
    }

    @Test func textLayoutAndSummary() {
        let finding = LintFinding(LintRule.templateIndent, file: "templates/a.yaml", message: "indented")
        let report = LintReport(charts: [LintChartResult(path: "c", findings: [finding])], strict: false)
        #expect(report.text().stdout == "==> Linting c\n[WARNING] templates/a.yaml: indented\n\n1 chart(s) linted, 0 chart(s) failed\n")
        #expect(report.text().errorLine == nil)
        let strict = LintReport(charts: report.charts, strict: true)
        #expect(strict.text().errorLine == "1 chart(s) linted, 1 chart(s) failed")
        #expect(strict.json().contains("\"failed\":1"))
    }

    @Test(arguments: [
        ("Service", "web", true), ("Service", "1web", false), ("Service", String(repeating: "a", count: 64), false),
        ("ConfigMap", "a.b-c", true), ("ConfigMap", "A", false), ("ConfigMap", "", false),
        ("Namespace", "team-a", true), ("Namespace", "team.a", false), ("Role", "system:x", true), ("Role", "a/b", false),
        ("CertificateSigningRequest", "Any_Thing", true),
    ])
    func kubernetesNames(_ row: (kind: String, name: String, valid: Bool)) {
        #expect((KubernetesNames.problem(kind: row.kind, name: row.name) == nil) == row.valid)
    }

    @Test func namespaceDots() {
        #expect(KubernetesNames.problems(kind: "Namespace", name: "team.a") == ["must not contain dots"])
    }

    @Test(arguments: [
        ("https://example.com/x.png", true), ("http://localhost:8080", true), ("mailto:ann@example.com", true),
        ("icon.png", false), ("/abs/path", false), ("not a url", false), ("", false), ("http://exa mple.com", false),
        ("ftp://example.com/%zz", false),
    ])
    func requestURLs(_ row: (text: String, valid: Bool)) {
        #expect(URLValidation.isRequestURL(row.text) == row.valid)
    }

    // Rows checked against the reference Helm (maintainer email and url).
    @Test(arguments: [
        ("ann@example.com", true), ("ann.lee+charts@mail.example.org", true), ("ann-at-example", false),
        ("ann@localhost", false), ("@example.com", false), ("ann@example.c0m", true), ("ann@example.c0", false),
        ("a b@example.com", false), ("ann@-example.com", false),
    ])
    func emails(_ row: (text: String, valid: Bool)) {
        #expect(URLValidation.isEmail(row.text) == row.valid)
    }

    @Test(arguments: [
        ("https://example.com", true), ("example.com/path", true), ("http://10.0.0.1:80/x", true),
        ("not a url", false), ("abc", false), (".example.com", false), ("http://localhost:8080", true),
        ("localhost:8080", true), ("http://exa mple.com", false), ("http://a_b.com", true), ("ftp://x.org/%zz", false),
        ("https://例え.jp", true),
    ])
    func urls(_ row: (text: String, valid: Bool)) {
        #expect(URLValidation.isURL(row.text) == row.valid)
    }

    @Test(arguments: [("1.2.3", true), ("1.2.3-rc.1+build.5", true), ("v1.2.3", false), ("1.2", false), ("01.2.3", false), ("1.2.3-01", false)])
    func strictSemver(_ row: (text: String, valid: Bool)) {
        #expect(StrictSemanticVersion.isValid(row.text) == row.valid)
    }

    @Test func deprecationFollowsTheTargetVersion() throws {
        let old = try KubeVersion.parse("1.15")
        #expect(APIDeprecations.problem(apiVersion: "batch/v1beta1", kind: "CronJob", kubeVersion: old) == nil)
        #expect(APIDeprecations.problem(apiVersion: "batch/v1beta1", kind: "CronJob", kubeVersion: nil)
            == "batch/v1beta1 CronJob is deprecated in v1.21+, unavailable in v1.25+; use batch/v1 CronJob")
        #expect(APIDeprecations.problem(apiVersion: "example.com/v1", kind: "Widget", kubeVersion: nil) == nil)
    }

    @Test func manifestSeparators() {
        guard case .success(let chunks) = ManifestDocuments.chunks("a: 1\n--- # c\nb: 2\n---\n") else {
            Issue.record("separator refused")
            return
        }
        #expect(chunks == ["a: 1\n", "b: 2\n"])
        guard case .failure(let failure) = ManifestDocuments.chunks("a: 1\n---x\n") else {
            Issue.record("bad separator accepted")
            return
        }
        #expect(failure.message == "invalid Yaml document separator: x")
    }

    /// A further rule plugs in through `LintCheck` and is reported like Helm's.
    struct ConfigMapCounter: LintCheck {
        static let rule = LintRule(id: "test-configmaps", severity: .warning, summary: "counts rendered templates")
        var rules: [LintRule] { [Self.rule] }
        func check(_ input: LintInput) -> [LintFinding] {
            guard let rendered = input.rendered, input.prepared != nil else { return [] }
            return rendered.map { LintFinding(Self.rule, file: $0.path, message: "rendered") }
        }
    }

    @Test func additionalChecksPlugIn() throws {
        let result = try Self.lint("Tests/Fixtures/lint/clean") { $0.additionalChecks = [ConfigMapCounter()] }
        let added = result.findings.filter { $0.ruleID == "test-configmaps" }
        #expect(added.map(\.file).sorted() == [
            "clean/templates/NOTES.txt", "clean/templates/configmap.yaml", "clean/templates/deployment.yaml",
        ])
        #expect(result.failed(strict: true))
        #expect(!result.failed(strict: false))
    }
}
