import RudderCore
import Testing
import _RudderTestSupport

/// `rudder lint` with the CI flags: exit statuses 0/1/2, production rules on
/// for the CI formats, and plain `rudder lint` unchanged (Helm's rules only).
@Suite struct LintFormatTests {
    static let chart = "Tests/Fixtures/lint2/workload"
    static let values = "Tests/Fixtures/lint2/workload-values"

    static func lint(_ arguments: [String]) throws -> ProcessResult {
        try TestProcess.run([TestProcess.rudderPath(), "lint"] + arguments, directory: GoldenCases.repositoryRoot())
    }

    @Test func plainLintKeepsHelmsRules() throws {
        let result = try Self.lint([Self.chart, "-f", Self.values + "/env-secret-literal.yaml"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("env-secret-literal"))
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

    @Test func bundledChartsPassEveryDepartment() throws {
        for chart in ["anything-llm", "lobe-chat"] {
            let result = try Self.lint(["charts/\(chart)", "--values-dir", "charts/\(chart)/departments", "--format", "github", "--fail-level", "info"])
            #expect(result.status == 0, "\(result.stdout)")
            #expect(result.stdout.isEmpty)
        }
    }
}
