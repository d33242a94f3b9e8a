import RudderCore
import Testing
import _RudderTestSupport

/// `rudder lint` with Rudder's rules on by default: marked text lines, fixes in
/// JSON, the CI flags' exit statuses 0/1/2, and `--rules helm` for Helm's rules only.
@Suite struct LintFormatTests {
    static let chart = "Tests/Fixtures/lint2/workload"
    static let values = "Tests/Fixtures/lint2/workload-values"

    static func lint(_ arguments: [String]) throws -> ProcessResult {
        try TestProcess.run([TestProcess.rudderPath(), "lint"] + arguments, directory: GoldenCases.repositoryRoot())
    }

    /// Plain `rudder lint` runs Rudder's rules too, one marked line each; `--rules helm` does not.
    @Test func plainLintRunsRuddersRules() throws {
        let secret = [Self.chart, "-f", Self.values + "/env-secret-literal.yaml"]
        let result = try Self.lint(secret)
        #expect(result.status == 1)
        #expect(result.stdout.contains("\n[ERROR] templates/deployment.yaml:37:11: (env-secret-literal) Deployment/web: container \"web\": env DB_PASSWORD holds a literal value\n"))
        #expect(result.stderr == "Error: 1 chart(s) linted, 1 chart(s) failed\n")
        let helm = try Self.lint(secret + ["--rules", "helm"])
        #expect(helm.status == 0)
        #expect(!helm.stdout.contains("env-secret-literal"))
        // A warning fails with --strict only, as Helm's warnings do.
        let warning = [Self.chart, "-f", Self.values + "/ingress-tls.yaml"]
        #expect(try Self.lint(warning).status == 0)
        #expect(try Self.lint(warning + ["--strict"]).status == 1)
        #expect(try Self.lint(warning + ["--strict", "--disable", "ingress-tls"]).status == 0)
        #expect(try Self.lint(warning + ["--strict", "--rules", "helm"]).status == 0)
        // The clean chart prints Helm's layout and nothing more.
        let clean = try Self.lint([Self.chart, "--strict"])
        #expect(clean.status == 0)
        #expect(clean.stdout == "==> Linting \(Self.chart)\n\n1 chart(s) linted, 0 chart(s) failed\n")
    }

    /// JSON findings carry the rule's fix; Helm's rules have none.
    @Test func jsonHasFixes() throws {
        let result = try Self.lint([Self.chart, "-f", Self.values + "/ingress-tls.yaml", "--format", "json"])
        #expect(result.stdout.contains("\"rule\":\"ingress-tls\",\"severity\":\"warning\",\"file\":\"templates/ingress.yaml\",\"line\":"))
        #expect(result.stdout.contains("\"fix\":\"add spec.tls with the Ingress's hosts and a certificate Secret\",\"rendered\":false}"))
        let helm = try Self.lint(["Tests/Fixtures/lint/many-problems", "--format", "json", "--rules", "helm"])
        #expect(helm.stdout.contains("\"fix\":null,\"rendered\":false}"))
        #expect(!helm.stdout.contains("\"fix\":\""))
    }

    @Test func exitStatuses() throws {
        #expect(try Self.lint([Self.chart, "--format", "github"]).status == 0)
        #expect(try Self.lint([Self.chart, "--format", "github"]).stdout.isEmpty)
        let warning = ["-f", Self.values + "/ingress-tls.yaml", "--format", "github"]
        #expect(try Self.lint([Self.chart] + warning).status == 0)
        #expect(try Self.lint([Self.chart] + warning + ["--fail-level", "warning"]).status == 1)
        #expect(try Self.lint([Self.chart] + warning + ["--strict"]).status == 1)
        #expect(try Self.lint([Self.chart, "-f", Self.values + "/env-secret-literal.yaml", "--format", "sarif"]).status == 1)
        #expect(try Self.lint(["Tests/Fixtures/lint2/no-such-chart", "--format", "junit"]).status == 2)
        #expect(try Self.lint([Self.chart, "--format", "junit", "--disable", "no-such-rule"]).status == 2)
        #expect(try Self.lint([Self.chart] + warning + ["--fail-level", "warning", "--disable", "ingress-tls"]).status == 0)
    }

    /// `--values-dir`: one run per values file, reported per file.
    @Test func valuesDirectoryMatrix() throws {
        let result = try Self.lint([Self.chart, "--values-dir", Self.values, "--format", "junit", "--fail-level", "warning"])
        #expect(result.status == 1)
        let suites = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  <testsuite ") }
        #expect(suites.count == 16)
        #expect(suites.allSatisfy { $0.contains("failures=\"1\"") }, "\(suites)")
        #expect(result.stdout.contains("name=\"\(Self.chart) (\(Self.values)/pdb-present.yaml)\""))
    }

    /// Plain `rudder lint --strict` (every rule) prints Helm's clean report for each department.
    @Test func bundledChartsLintCleanByDefault() throws {
        for chart in ["anything-llm", "lobe-chat"] {
            for department in [nil, "engineering", "legal", "sales", "support"] {
                let values = department.map { ["-f", "charts/\(chart)/departments/\($0).yaml"] } ?? []
                let result = try Self.lint(["charts/\(chart)", "--strict"] + values)
                #expect(result.status == 0)
                #expect(result.stdout == "==> Linting charts/\(chart)\n\n1 chart(s) linted, 0 chart(s) failed\n", "\(result.stdout)")
                #expect(result.stderr.isEmpty)
            }
        }
    }

    @Test func bundledChartsPassEveryDepartment() throws {
        for chart in ["anything-llm", "lobe-chat"] {
            let result = try Self.lint(["charts/\(chart)", "--values-dir", "charts/\(chart)/departments", "--format", "github", "--fail-level", "info"])
            #expect(result.status == 0, "\(result.stdout)")
            #expect(result.stdout.isEmpty)
        }
    }
}
