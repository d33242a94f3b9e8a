import RudderCore
import Testing
import _RudderTestSupport

@testable import RudderChart

/// Skipping the subtrees of a chart's defaults already found valid must give
/// exactly the report of a full validation: checked on every schema of the
/// schema goldens, against its defaults and against variants of them where
/// one subtree is replaced (its parents are rebuilt, its siblings stay the
/// defaults' own storage, as coalescing leaves them).
@Suite struct KnownValidSubtreesTests {
    static let cases = (try? GoldenCases.load("schema/validation.cases")) ?? []

    /// The compiled schema and defaults of a golden case without a chart folder.
    static func compiled(_ testCase: GoldenCase) -> (JSONSchemaValidator, [String: Value])? {
        guard testCase["chart"] == nil, let schema = testCase["schema"] else { return nil }
        guard let chart = try? ChartLoader.loadFiles([
            ChartFile(name: "Chart.yaml", data: Array("apiVersion: v2\nname: schema\nversion: 0.1.0\n".utf8)),
            ChartFile(name: "values.yaml", data: Array((testCase["values"] ?? "").utf8)),
            ChartFile(name: "values.schema.json", data: Array(schema.utf8)),
        ]), let data = chart.schemaData else { return nil }
        guard case .success(let validator) = SchemaValidation.compile(chart, data) else { return nil }
        return (validator, chart.values)
    }

    static let replacements: [Value] = [
        .null, .bool(true), .float(1), .float(-2.5), .string("x"), .string(""), .list([]), .map([:]),
        .list([.string("a"), .float(1)]), .map(["a": .string("b")]),
    ]

    /// `value` with the node at `path` replaced (parents rebuilt, siblings shared).
    static func replacing(_ value: Value, at path: ArraySlice<PathStep>, with replacement: Value) -> Value {
        guard let step = path.first else { return replacement }
        switch (value, step) {
        case (.map(var map), .key(let key)):
            guard let child = map[key] else { return value }
            map[key] = replacing(child, at: path.dropFirst(), with: replacement)
            return .map(map)
        case (.list(var list), .index(let index)):
            guard index < list.count else { return value }
            list[index] = replacing(list[index], at: path.dropFirst(), with: replacement)
            return .list(list)
        default:
            return value
        }
    }

    enum PathStep { case key(String), index(Int) }

    /// Every path to a node of `value` (the top excluded), at most `limit`.
    static func paths(in value: Value, prefix: [PathStep] = [], limit: Int = 40) -> [[PathStep]] {
        var found: [[PathStep]] = []
        switch value {
        case .map(let map):
            for key in map.keys.sorted() where found.count < limit {
                let path = prefix + [.key(key)]
                found.append(path)
                if let child = map[key] { found += paths(in: child, prefix: path, limit: limit - found.count) }
            }
        case .list(let list):
            for index in list.indices where found.count < limit {
                let path = prefix + [.index(index)]
                found.append(path)
                found += paths(in: list[index], prefix: path, limit: limit - found.count)
            }
        default:
            break
        }
        return found
    }

    @Test func sameReportsAsAFullValidation() {
        #expect(Self.cases.count >= 150)
        var schemas = 0
        var checked = 0
        var remembered = 0
        for testCase in Self.cases {
            guard let (validator, defaults) = Self.compiled(testCase) else { continue }
            schemas += 1
            let top = Value.map(defaults)
            let known = validator.knownValidSubtrees(of: top)
            remembered += known.count
            var variants = [top]
            for path in Self.paths(in: top) {
                for replacement in Self.replacements {
                    variants.append(Self.replacing(top, at: path[...], with: replacement))
                }
            }
            for variant in variants {
                checked += 1
                let skipping = validator.validate(variant, skipping: known)?.description
                let full = validator.validate(variant)?.description
                #expect(skipping == full, "\(testCase.name): \(variant)")
            }
        }
        #expect(schemas >= 100)
        #expect(checked >= 1_000)
        #expect(remembered >= 10)
    }

    @Test func remembersTheBundledChartsDefaults() throws {
        let root = GoldenCases.repositoryRoot()
        for name in ["anything-llm", "lobe-chat"] {
            let chart = try ChartLoader.load(path: root + "/charts/" + name)
            let schema = try #require(chart.schemaData)
            guard case .success(let validator) = SchemaValidation.compile(chart, schema) else {
                Issue.record("\(name): the schema does not compile")
                continue
            }
            let known = validator.knownValidSubtrees(of: .map(chart.values))
            #expect(known.count >= 10, "\(name)")
            // A release leaving the defaults alone shares their storage; a copy
            // with new storage (same content) is not taken for them.
            let shared = chart.values.first { if case .map(let m) = $0.value { return !m.isEmpty } else { return false } }
            let (key, value) = try #require(shared)
            guard case .map(let map) = value else { continue }
            var copy: [String: Value] = [:]
            for (k, v) in map { copy[k] = v }
            let property = try #require(validator.rootNode.flatMap { validator.nodes[$0].object?.properties[key] })
            #expect(known.contains(node: property, depth: 1, value: value), "\(name).\(key)")
            #expect(!known.contains(node: property, depth: 1, value: .map(copy)), "\(name).\(key)")
            #expect(validator.validate(.map(chart.values), skipping: known)?.description
                == validator.validate(.map(chart.values))?.description)
        }
    }
}
