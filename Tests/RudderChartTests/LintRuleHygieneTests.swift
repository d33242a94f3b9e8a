import RudderCore
import Testing
import _RudderTestSupport
@testable import RudderChart

/// Chart hygiene rules over values.yaml: Tests/Fixtures/lint2/hygiene breaks each
/// (with positions), hygiene-clean writes the same values safely.
@Suite struct LintRuleHygieneTests {
    static let root = GoldenCases.repositoryRoot()

    static func lint(_ chart: String, valueFiles: [String] = [], disabled: Set<String> = []) throws -> LintChartResult {
        var options = LintOptions()
        options.values.valueFiles = valueFiles.map { root + "/" + $0 }
        options.additionalChecks = [HygieneCheck(disabled: disabled)]
        return try Linter.lint(path: root + "/Tests/Fixtures/lint2/" + chart, options: options)
    }

    static func summary(_ result: LintChartResult) -> [String] {
        result.findings.filter { $0.severity > .info }.map { "\($0.ruleID) \($0.file):\($0.line ?? 0):\($0.column ?? 0)" }
    }

    @Test func everyRuleTriggersWithItsPosition() throws {
        #expect(Self.summary(try Self.lint("hygiene")) == [
            "values-exponent values.yaml:1:7",
            "values-yaml11-key values.yaml:2:1",
            "values-yaml11-key values.yaml:4:3",
            "values-yaml11-value values.yaml:5:11",
            "values-yaml11-value values.yaml:6:13",
            "values-duplicate-key values.yaml:10:1",
        ])
    }

    @Test func cleanValuesHaveNoFindings() throws {
        #expect(Self.summary(try Self.lint("hygiene-clean")).isEmpty)
    }

    @Test(arguments: LintRule.hygieneRules.map(\.rule.id).filter { $0 != "values-schema-default" })
    func ruleCanBeDisabled(_ id: String) throws {
        let ids = Self.summary(try Self.lint("hygiene", disabled: [id])).map { String($0.prefix { $0 != " " }) }
        #expect(!ids.contains(id))
        #expect(!ids.isEmpty)
    }

    /// Defaults that break the schema are found even when the user's values hide them from Helm's rule.
    @Test func schemaDefaults() throws {
        let hidden = try Self.lint("hygiene-schema", valueFiles: ["Tests/Fixtures/lint2/hygiene-schema/ci-values.yaml"])
        #expect(Self.summary(hidden) == ["values-schema-default values.yaml:2:11"])
        #expect(hidden.findings.first?.message == "the defaults do not meet values.schema.json: - at '/replicas': got string, want integer")
        // Without them Helm's values-file rule reports it, and this rule stays quiet.
        let plain = try Self.lint("hygiene-schema")
        #expect(!plain.findings.contains { $0.ruleID == "values-schema-default" })
        #expect(plain.findings.contains { $0.ruleID == "values-file" })
        let disabled = try Self.lint(
            "hygiene-schema", valueFiles: ["Tests/Fixtures/lint2/hygiene-schema/ci-values.yaml"], disabled: ["values-schema-default"])
        #expect(Self.summary(disabled).isEmpty)
    }

    @Test(arguments: [("1.10", true), ("2.0", true), ("1.5", true), ("1.2.3", false), ("v1.1", false), ("10", false)])
    func versionShapes(_ row: (text: String, version: Bool)) {
        #expect(HygieneCheck.looksLikeVersion(row.text) == row.version)
    }

    @Test(arguments: ["anything-llm", "lobe-chat"])
    func bundledChartsAreClean(_ chart: String) throws {
        var options = LintOptions()
        options.additionalChecks = [HygieneCheck()]
        let result = try Linter.lint(path: Self.root + "/charts/" + chart, options: options)
        #expect(result.findings.isEmpty, "\(result.findings)")
    }
}
