import Testing
import _RudderTestSupport
@testable import RudderChart

/// Charts, values flags and bad inputs, against what the reference Helm
/// printed (`scripts/loading-goldens.py`).
@Suite struct LoadingGoldenTests {
    static let valueCases = (try? GoldenCases.load("loading/values.cases")) ?? []
    static let setCases = (try? GoldenCases.load("loading/set.cases")) ?? []
    static let badChartCases = (try? GoldenCases.load("loading/bad-charts.cases")) ?? []
    static let schemaCases = (try? GoldenCases.load("loading/schema.cases")) ?? []
    static let archiveCases = (try? GoldenCases.load("loading/archives.cases")) ?? []

    @Test func goldenFilesArePresent() {
        #expect(Self.valueCases.count >= 30)
        #expect(Self.setCases.count >= 50)
        #expect(Self.badChartCases.count >= 20)
        #expect(Self.schemaCases.count >= 20)
        #expect(Self.archiveCases.count >= 10)
    }

    @Test(arguments: valueCases)
    func chartValues(_ testCase: GoldenCase) {
        let problem = LoadingGoldenRunner.check(testCase)
        #expect(problem == nil, "\(testCase.name): \(problem ?? "")")
    }

    @Test(arguments: setCases)
    func setFlags(_ testCase: GoldenCase) {
        let problem = LoadingGoldenRunner.check(testCase)
        #expect(problem == nil, "\(testCase.name): \(problem ?? "")")
    }

    @Test(arguments: badChartCases)
    func badCharts(_ testCase: GoldenCase) {
        let problem = LoadingGoldenRunner.check(testCase)
        #expect(problem == nil, "\(testCase.name): \(problem ?? "")")
    }

    @Test(arguments: schemaCases)
    func schemas(_ testCase: GoldenCase) {
        let problem = LoadingGoldenRunner.check(testCase)
        #expect(problem == nil, "\(testCase.name): \(problem ?? "")")
    }

    @Test(arguments: archiveCases)
    func archives(_ testCase: GoldenCase) {
        let problem = LoadingGoldenRunner.check(testCase)
        #expect(problem == nil, "\(testCase.name): \(problem ?? "")")
    }
}
