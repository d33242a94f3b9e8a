import Testing
import RudderCore
@testable import RudderChart

/// Deeply nested input must give an error or a result, never a crash.
@Suite struct DeepValuesTests {
    @Test func deeplyNestedValuesFileCoalesces() throws {
        let depth = 9000
        let yaml = String(repeating: "k: {", count: depth) + "v: 1" + String(repeating: "}", count: depth) + "\n"
        let chart = try FileSystemHelper.chart(["values.yaml": yaml])
        defer { FileSystemHelper.remove(chart + "/..") }
        let loaded = try ChartLoader.load(path: chart)
        let prepared = try ValuesCoalescer.prepare(chart: loaded, userValues: ["k": ["x": 1]])
        #expect(prepared.values["k"]?.mapValue?["x"] == 1)
    }

    @Test func deeplyNestedSetJSONIsRefusedOrRead() {
        let depth = 100_000
        let line = "a=" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var values: [String: Value] = [:]
        #expect(throws: ChartError.self) { try SetValueParser.parse(line, into: &values, mode: .json) }
    }
}
