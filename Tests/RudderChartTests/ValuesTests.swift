import Testing
import RudderCore
@testable import RudderChart

@Suite struct ValuesTests {
    /// Helm's `TestCoalesceTables` (coalesce_test.go): the destination wins,
    /// maps merge, a null in the destination removes the source's value.
    @Test func coalesceTablesAsHelmsTest() {
        let destination: [String: Value] = [
            "name": "Ishmael",
            "address": ["street": "123 Spouter Inn Ct.", "city": "Nantucket", "country": nil],
            "details": ["friends": ["Tashtego"]],
            "boat": "pequod",
            "hole": nil,
        ]
        let source: [String: Value] = [
            "occupation": "whaler",
            "address": ["state": "MA", "street": "234 Spouter Inn Ct.", "country": "US"],
            "details": "empty",
            "boat": ["mast": true],
            "hole": "black",
        ]
        let result = ValuesCoalescer.coalesceTables(destination, source)
        #expect(result["name"] == "Ishmael")
        #expect(result["occupation"] == "whaler")
        #expect(result["address"] == ["street": "123 Spouter Inn Ct.", "city": "Nantucket", "state": "MA"])
        #expect(result["details"] == ["friends": ["Tashtego"]])
        #expect(result["boat"] == "pequod")
        #expect(result["hole"] == nil)
        // With no source, the destination stays whole (the --reuse-values case).
        let whole: [String: Value] = ["name": "Ishmael", "hole": "black", "address": ["country": "US"]]
        #expect(ValuesCoalescer.coalesceTables(whole, [:]) == whole)
    }

    @Test func setParserNeverCrashesOnArbitraryInput() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab.[]{},=\\0129- \"".unicodeScalars)
        for _ in 0..<3000 {
            let length = Int.random(in: 0...24, using: &generator)
            var text = String.UnicodeScalarView()
            for _ in 0..<length { text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]) }
            let line = String(text)
            var values: [String: Value] = [:]
            for mode in [SetValueParser.Mode.typed, .string, .json] {
                _ = try? SetValueParser.parse(line, into: &values, mode: mode)
            }
            _ = try? LiteralValueParser.parse(line, into: &values)
        }
    }

    @Test func listIndexLimitIsCheckedBeforeAllocating() {
        var values: [String: Value] = [:]
        #expect(throws: ChartError("index of 9223372036854775807 is greater than maximum supported index of 65536")) {
            try SetValueParser.parse("a[9223372036854775807]=1", into: &values, mode: .typed)
        }
        #expect(throws: Never.self) { try SetValueParser.parse("a[65536]=1", into: &values, mode: .typed) }
        #expect(values["a"]?.listValue?.count == 65537)
    }

    @Test func nestingLimitAppliesToLiteralsToo() {
        var values: [String: Value] = [:]
        let line = (0...31).map { "k\($0)" }.joined(separator: ".") + "=1"
        #expect(throws: ChartError("value name nested level is greater than maximum supported nested level of 30")) {
            try LiteralValueParser.parse(line, into: &values)
        }
    }

    @Test func setFileUsesTheReader() throws {
        let options = ValuesOptions(setFile: ["a=one,b={two}"])
        let values = try options.mergedValues { path throws(ChartError) in Array("<\(path)>".utf8) }
        #expect(values == ["a": "<one>", "b": ["<two>"]])
    }

    @Test func flagPrecedenceIsByType() throws {
        let options = ValuesOptions(setJSON: ["a=1"], set: ["a=2"], setString: ["a=3"], setLiteral: ["a=5"])
        #expect(try options.mergedValues()["a"] == "5")
    }

    @Test func preparedValuesForSubchartPaths() throws {
        let sub = Chart(metadata: { var m = ChartMetadata(); m.name = "sub"; m.version = "1.0.0"; return m }(), values: ["x": 1])
        var parentMetadata = ChartMetadata()
        parentMetadata.name = "parent"
        parentMetadata.dependencies = [ChartDependency(name: "sub", version: "^1", alias: "renamed")]
        let parent = Chart(metadata: parentMetadata, values: ["renamed": ["y": 2]], dependencies: [sub])
        let prepared = try ValuesCoalescer.prepare(chart: parent, userValues: ["global": ["g": true]])
        #expect(prepared.chart.dependencies.map(\.path) == ["parent/charts/renamed"])
        #expect(prepared.values(forSubchartPath: ["renamed"]) == ["x": 1, "y": 2, "global": ["g": true]])
    }

    @Test(arguments: [
        ("1.2.3", true), ("v1.2.3", true), ("1.2", true), ("1", true), ("1.2.3-alpha.1+build.5", true),
        ("1.2.3-01", false), ("abc", false), ("1.2.3.4", false), ("", false), ("1..2", false),
    ])
    func chartVersionsAreCheckedLikeMastermindsSemver(version: String, valid: Bool) {
        #expect(SemanticVersion.isValid(version) == valid)
    }

    @Test(arguments: [
        ("^1.2.0", "1.9.9", true), ("^1.2.0", "2.0.0", false), ("~1.2", "1.2.9", true), ("~1.2", "1.3.0", false),
        (">=1.0.0 <2.0.0", "1.5.0", true), (">=1.0.0, <2.0.0", "2.0.0", false), ("1.x", "1.4.0", true),
        ("*", "3.0.0", true), ("1.0.0 - 2.0.0", "2.0.0", true), ("<1.0.0 || >=3.0.0", "3.1.0", true),
        ("", "1.0.0", false), ("^1.0.0", "1.1.0-beta.1", false), ("^1.0.0-0", "1.1.0-beta.1", true),
    ])
    func dependencyVersionConstraints(constraint: String, version: String, compatible: Bool) {
        #expect(SemanticVersionConstraint.isCompatible(constraint, version) == compatible)
    }
}
