import RudderCore
import Testing
import _RudderTestSupport

@testable import RudderChart

/// A chart without subcharts is coalesced on plain values (shared defaults);
/// the result must be exactly that of the reference-tree walk Helm's
/// coalescing is ported onto, which `ValuesCoalescer.coalesce` still runs.
@Suite struct CoalescingFastPathTests {

    /// Keys from a small set, so that user values and defaults overlap often.
    static func tree(_ generator: inout SplitMix64, depth: Int) -> [String: Value] {
        var map: [String: Value] = [:]
        for _ in 0..<generator.next(5) {
            map["k\(generator.next(6))"] = value(&generator, depth: depth)
        }
        return map
    }

    static func value(_ generator: inout SplitMix64, depth: Int) -> Value {
        switch generator.next(depth > 0 ? 7 : 5) {
        case 0: return .null
        case 1: return .int(generator.next(3))
        case 2: return .string("s\(generator.next(3))")
        case 3: return .bool(generator.next(2) == 1)
        case 4: return .list([.int(1), .map(["in": .null])])
        default: return .map(tree(&generator, depth: depth - 1))
        }
    }

    static func chart(values: [String: Value]) -> Chart {
        var metadata = ChartMetadata()
        metadata.name = "leaf"
        metadata.version = "1.0.0"
        return Chart(metadata: metadata, values: values, path: "somewhere/leaf")
    }

    @Test func sameResultAsTheReferenceTreeWalk() throws {
        var generator = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15)
        var differences = 0
        var nullsSeen = 0
        for _ in 0..<10_000 {
            let defaults = Self.tree(&generator, depth: 3)
            let user = Self.tree(&generator, depth: 3)
            let chart = Self.chart(values: defaults)
            let fast = try ValuesCoalescer.prepare(chart: chart, userValues: user)
            let reference = try ValuesCoalescer.coalesce(chart: chart, values: user)
            if fast.values != reference { differences += 1 }
            if "\(user)".contains("null") { nullsSeen += 1 }
        }
        #expect(differences == 0)
        #expect(nullsSeen > 100, "the generated values exercise nulls")
    }

    /// The prepared chart is the chart as the full path finishes it.
    @Test func preparedChartAsTheFullPathGivesIt() throws {
        let chart = Self.chart(values: ["a": ["b": 1], "c": .null])
        let prepared = try ValuesCoalescer.prepare(chart: chart, userValues: ["a": ["b": .null, "d": 2], "c": 3])
        let working = WorkingChart(chart)
        let finished = working.finished(path: working.name)
        #expect(prepared.chart.path == finished.path)
        #expect(prepared.chart.values == finished.values)
        #expect(prepared.chart.metadata.name == finished.metadata.name)
        #expect(prepared.chart.dependencies.isEmpty && finished.dependencies.isEmpty)
        #expect(prepared.values == ["a": ["d": 2], "c": 3])
    }
}
