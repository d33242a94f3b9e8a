import RudderCore
import RudderYAML
import Testing
import _RudderTestSupport
@testable import RudderChart

/// The CI formats as data: SARIF 2.1.0's required properties, JUnit's
/// structure, GitHub's annotation escaping and order, the CI exit statuses.
@Suite struct LintRuleFormatsTests {
    static let root = GoldenCases.repositoryRoot()

    static func report(_ valueFiles: [String]) throws -> LintReport {
        var options = LintOptions()
        options.values.valueFiles = valueFiles.map { root + "/Tests/Fixtures/lint2/workload-values/\($0).yaml" }
        options.additionalChecks = [ProductionCheck(readsConfigFiles: false)]
        var report = try Linter.lint(paths: [root + "/Tests/Fixtures/lint2/workload"], options: options)
        for index in report.charts.indices { report.charts[index].valuesFile = valueFiles.first }
        return report
    }

    static let options = CIFormatOptions(
        repositoryRoot: root, rules: LintRule.helmRules + LintRule.productionRules.map(\.rule), toolVersion: "1.2.3")

    @Test func sarifHasTheRequiredProperties() throws {
        let report = try Self.report(["ingress-tls", "env-secret-literal"])
        let document = try JSONReader.parse(Array(report.sarif(Self.options).utf8), file: "lint.sarif")
        #expect(document.lookup(["version"]) == .string("2.1.0"))
        #expect(document.lookup(["$schema"])?.stringValue?.contains("sarif-2.1.0") == true)
        let runs = document.lookup(["runs"])?.listValue ?? []
        #expect(runs.count == 1)
        let run = runs.first ?? .null
        #expect(run.lookup(["tool", "driver", "name"]) == .string("rudder lint"))
        let rules = run.lookup(["tool", "driver", "rules"])?.listValue ?? []
        #expect(rules.count == Self.options.rules.count)
        for rule in rules {
            #expect(rule.lookup(["id"])?.stringValue?.isEmpty == false)
            #expect(rule.lookup(["shortDescription", "text"])?.stringValue?.isEmpty == false)
            #expect(["error", "warning", "note"].contains(rule.lookup(["defaultConfiguration", "level"])?.stringValue ?? ""))
        }
        let results = run.lookup(["results"])?.listValue ?? []
        let ids = results.compactMap { $0.lookup(["ruleId"])?.stringValue }.sorted()
        #expect(ids == ["env-secret-literal", "ingress-tls"])
        for result in results {
            #expect(result.lookup(["message", "text"])?.stringValue?.isEmpty == false)
            let level = result.lookup(["level"])?.stringValue ?? ""
            #expect(level == (result.lookup(["ruleId"]) == .string("ingress-tls") ? "warning" : "error"))
            // ruleIndex points at the rule's metadata.
            if let index = result.lookup(["ruleIndex"]).flatMap(ProductionCheck.integer), rules.indices.contains(Int(index)) {
                #expect(rules[Int(index)].lookup(["id"]) == result.lookup(["ruleId"]))
            } else {
                Issue.record("no valid ruleIndex")
            }
            let location = result.lookup(["locations"])?.listValue?.first?.lookup(["physicalLocation"])
            #expect(location?.lookup(["artifactLocation", "uri"]) == .string("Tests/Fixtures/lint2/workload/templates/"
                + (result.lookup(["ruleId"]) == .string("ingress-tls") ? "ingress.yaml" : "deployment.yaml")))
            #expect(location?.lookup(["artifactLocation", "uriBaseId"]) == .string("%SRCROOT%"))
            #expect((location?.lookup(["region", "startLine"]).flatMap(ProductionCheck.integer) ?? 0) >= 1)
            #expect(result.lookup(["partialFingerprints", "rudderFinding/v1"])?.stringValue?.count == 16)
        }
    }

    /// Fingerprints do not depend on the run, and differ between findings.
    @Test func sarifFingerprintsAreStable() throws {
        let first = try Self.report(["env-secret-literal"]).sarif(Self.options)
        let second = try Self.report(["env-secret-literal"]).sarif(Self.options)
        #expect(first == second)
        #expect(LintReport.fingerprint("a|b") != LintReport.fingerprint("a|c"))
        #expect(LintReport.fingerprint("") == "cbf29ce484222325")
    }

    @Test func junitSuitePerChartAndValuesFile() throws {
        var report = try Self.report(["env-secret-literal"])
        report.charts += try Self.report(["ingress-tls"]).charts
        let xml = report.junit(Self.options)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "))
        #expect(xml.hasSuffix("</testsuites>\n"))
        let suites = xml.components("<testsuite ")
        #expect(suites == 2)
        #expect(xml.contains("name=\"\(Self.root)/Tests/Fixtures/lint2/workload (env-secret-literal)\""))
        // Errors fail; the warning is below the fail level and goes to system-out.
        #expect(xml.components("<failure ") == 1)
        #expect(xml.contains("<testcase name=\"env-secret-literal\""))
        #expect(xml.components("<system-out>") == 1)
        #expect(xml.components("<testcase ") == 2 * Self.options.rules.count)
        #expect(xml.contains("<testsuites name=\"rudder lint\" tests=\"\(2 * Self.options.rules.count)\" failures=\"1\" errors=\"0\">"))
    }

    @Test func xmlEscaping() {
        #expect(LintReport.xmlAttribute("a<b & \"c\"\nd\u{1}") == "\"a&lt;b &amp; &quot;c&quot;&#10;d\"")
        #expect(LintReport.xmlText("x > y") == "x &gt; y")
    }

    @Test func githubAnnotationsWorstFirst() throws {
        var report = try Self.report(["ingress-tls"])
        report.charts += try Self.report(["env-secret-literal"]).charts
        let lines = report.github(Self.options).split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("::error file=Tests/Fixtures/lint2/workload/templates/deployment.yaml,line=") == true)
        #expect(lines.last?.hasPrefix("::warning file=Tests/Fixtures/lint2/workload/templates/ingress.yaml,line=") == true)
        #expect(lines.last?.contains(",title=ingress-tls::Ingress/web: no spec.tls") == true)
    }

    @Test func githubEscaping() {
        #expect(LintReport.githubData("50% done\r\nnext") == "50%25 done%0D%0Anext")
        #expect(LintReport.githubProperty("a:b,c%") == "a%3Ab%2Cc%25")
    }

    @Test func ciExitStatus() throws {
        #expect(try Self.report(["ingress-tls"]).ciExitStatus(failLevel: .error) == 0)
        #expect(try Self.report(["ingress-tls"]).ciExitStatus(failLevel: .warning) == 1)
        #expect(try Self.report(["env-secret-literal"]).ciExitStatus(failLevel: .error) == 1)
        #expect(LintReport(charts: [LintChartResult(path: "x", loadError: "no chart")], strict: false).ciExitStatus(failLevel: .error) == 2)
        #expect(LintReport(charts: [LintChartResult(path: "x")], strict: false).ciExitStatus(failLevel: .info) == 0)
    }
}

extension String {
    /// How many times `part` occurs.
    fileprivate func components(_ part: String) -> Int { replacingAll(part, with: part + "\u{0}").count - count }
}
