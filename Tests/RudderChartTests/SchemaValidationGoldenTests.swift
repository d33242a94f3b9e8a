import Testing
import RudderCore
import _RudderTestSupport
@testable import RudderChart

/// Every keyword of every draft, passing and failing, metaschema failures and
/// JSON syntax errors, against what the reference Helm printed
/// (`scripts/schema-goldens.py` writes `Tests/Golden/schema/validation.cases`).
@Suite struct SchemaValidationGoldenTests {
    static let cases = (try? GoldenCases.load("schema/validation.cases")) ?? []
    static let root = GoldenCases.repositoryRoot()

    @Test func goldenFileIsPresent() {
        #expect(Self.cases.count >= 150)
    }

    /// Cases where Rudder's answer is known to differ from Helm's, and why.
    /// Each must still differ: a fix shows up as a failure until it leaves this list.
    static let knownDifferences: [String: String] = [
        "format-uri": "the uri format's reason differs (Go's url.Parse wording)",
        "format-ipv6": "Go's netip.ParseAddr adds the place of the error",
        "json-number-range": "jsonschema reads numbers as exact decimals; 1e400 is out of float64's range here",
        "meta-dependencies-bad-draft7": "the metaschema check does not look at draft 7's dependencies",
        "meta-exclusive-number-draft4": "the metaschema check reports the first problem only",
        "meta-first-of-several": "the metaschema check reports the first problem only",
        "meta-unknown-keywords-ok": "the metaschema check reports the first problem only",
        "meta-items-number-draft7": "the metaschema check does not word a bad draft 7 items as an anyOf",
        "meta-type-list-item": "a non-string in a type list is worded as a wrong type",
        "meta-pattern-properties-regex": "a patternProperties key that is not a regex is worded differently",
    ]

    @Test(arguments: cases)
    func validation(_ testCase: GoldenCase) {
        guard let expected = testCase["result"] else {
            Issue.record("\(testCase.name): no result section")
            return
        }
        let got = Self.result(of: testCase)
        // Helm lists a map's failures in Go's random map order: compare the
        // reports as trees with each level's entries sorted.
        let same = got == expected || Self.canonical(got) == Self.canonical(expected)
        if let reason = Self.knownDifferences[testCase.name] {
            #expect(!same, "\(testCase.name) now matches Helm: remove it from knownDifferences (\(reason))")
            return
        }
        #expect(same, "\(testCase.name):\n got: \(got)\n expected: \(expected)")
    }

    /// `ok`, or the message `helm template` fails with.
    static func result(of testCase: GoldenCase) -> String {
        do throws(ChartError) {
            let chart: Chart
            var options = ValuesOptions()
            var userFile: [UInt8] = []
            if let path = testCase["chart"] {
                chart = try ChartLoader.load(path: root + "/" + path)
                if let file = testCase["file"] {
                    options.valueFiles = [root + "/" + file]
                } else {
                    options.valueFiles = ["user.yaml"]
                    userFile = Array((testCase["values"] ?? "").utf8)
                }
            } else {
                chart = try ChartLoader.loadFiles([
                    ChartFile(name: "Chart.yaml", data: Array("apiVersion: v2\nname: schema\nversion: 0.1.0\n".utf8)),
                    ChartFile(name: "values.yaml", data: Array((testCase["values"] ?? "").utf8)),
                    ChartFile(name: "values.schema.json", data: Array((testCase["schema"] ?? "").utf8)),
                    ChartFile(name: "templates/cm.yaml", data: Array("# {{ len .Values }}\n".utf8)),
                ])
            }
            let prepared = try ValuesCoalescer.prepare(chart: chart, options: options) { path throws(ChartError) in
                path == "user.yaml" ? userFile : try ValuesOptions.readFileFromDisk(path)
            }
            try SchemaValidation.validateValues(of: prepared)
            return "ok"
        } catch {
            return error.message
        }
    }

    /// `additional properties 'b', 'a' not allowed` with the names sorted (Helm lists them in map order).
    static func sortedNames(_ line: String) -> String {
        let prefix = "additional properties "
        let suffix = " not allowed"
        guard let start = line.firstRange(of: prefix), line.hasSuffix(suffix) else { return line }
        let names = String(line[start.upperBound...].dropLast(suffix.count))
        let sorted = names.split(separator: ", '").map { $0.hasPrefix("'") ? String($0) : "'" + $0 }.sorted()
        return String(line[..<start.upperBound]) + sorted.joined(separator: ", ") + suffix
    }

    /// The report's lines as a tree (children indented two more spaces), each
    /// level sorted, flattened back to text.
    static func canonical(_ text: String) -> String {
        struct Node {
            var line: String
            var children: [Node] = []
            func flattened(_ depth: Int) -> String {
                String(repeating: " ", count: depth) + line + "\n"
                    + children.map { $0.flattened(depth + 1) }.sorted().joined()
            }
        }
        var roots: [Node] = []
        func insert(_ node: Node, depth: Int, into nodes: inout [Node]) {
            if depth == 0 || nodes.isEmpty {
                nodes.append(node)
            } else {
                insert(node, depth: depth - 1, into: &nodes[nodes.count - 1].children)
            }
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var depth = 0
            var rest = Substring(line)
            while rest.hasPrefix("  ") {
                depth += 1
                rest = rest.dropFirst(2)
            }
            insert(Node(line: sortedNames(String(rest))), depth: depth, into: &roots)
        }
        return roots.map { $0.flattened(0) }.sorted().joined()
    }
}
