import RudderCore
import RudderTemplate
import Testing

@testable import RudderFunctions

/// Direct calls of the most used bodies, with the answers the reference Helm
/// gave in Tests/Golden/functions (the case names are noted).
@Suite struct FunctionBodyTests {
    func call(_ name: String, _ arguments: [Value]) throws -> Value {
        guard let function = HelmFunctions.registry[name] else { throw FunctionError("no function \(name)") }
        return try function.body(arguments)
    }

    @Test func defaultAndEmpty() throws {
        // defaults-000
        #expect(try call("default", ["foo", ""]) == "foo")
        #expect(try call("default", ["foo", "bar"]) == "bar")
        #expect(try call("default", ["foo", 0]) == "foo")
        #expect(try call("empty", [.map([:])]) == true)
        #expect(try call("empty", [.list([.null])]) == false)
    }

    @Test func quoteAndIndent() throws {
        // strings-040, strings-046
        #expect(try call("quote", ["a\"b", 5, .null]) == "\"a\\\"b\" \"5\"")
        #expect(try call("indent", [4, "a\nb\n\nc"]) == "    a\n    b\n    \n    c")
        #expect(try call("nindent", [2, "a\nb"]) == "\n  a\n  b")
    }

    @Test func truncAndTrimSuffix() throws {
        // strings-013, strings-022
        #expect(try call("trunc", [3, "hello"]) == "hel")
        #expect(try call("trunc", [-2, "hello"]) == "lo")
        #expect(try call("trimSuffix", ["-", "hello-"]) == "hello")
    }

    @Test func looseNumbers() throws {
        // math-000, math-022
        #expect(try call("add", ["42", 1]) == .int64(43))
        #expect(try call("int", ["abc"]) == .int(0))
        #expect(try call("int", ["0x1F"]) == .int(31))
        #expect(try call("float64", ["1.5"]) == .float(1.5))
        #expect(try call("addf", [0.1, 0.2]) == .float(0.3))
    }

    @Test func dictionaries() throws {
        // dicts-018, dicts-033
        let merged = try call("merge", [["a": 1, "b": ["x": 1]], ["a": 2, "b": ["y": 2], "c": 3]])
        #expect(merged == ["a": 1, "b": ["x": 1, "y": 2], "c": 3])
        #expect(try call("dig", ["a", "b", "def", ["a": ["b": 1]]]) == 1)
        #expect(try call("hasKey", [["a": .null], "a"]) == true)
    }

    @Test func hashesAndEncodings() throws {
        // hashes-000, encoding-000
        #expect(try call("sha256sum", ["hello"]) == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
        #expect(try call("b64enc", ["hello world"]) == "aGVsbG8gd29ybGQ=")
        #expect(try call("b64dec", ["not base64!"]) == "illegal base64 data at input byte 3")
    }

    @Test func semverCompare() throws {
        // semver-003
        #expect(try call("semverCompare", [">=1.19.0-0", "1.20.1-gke.100"]) == true)
        #expect(try call("semverCompare", [">=1.19.0", "1.20.1-gke.100"]) == false)
        #expect(throws: FunctionError("improper constraint: not-a-constraint")) {
            try call("semverCompare", ["not-a-constraint", "1.2.3"])
        }
    }

    @Test func requiredAndFail() throws {
        // defaults-010, defaults-013
        #expect(throws: FunctionError.helmFailure("value foo is required!")) { try call("required", ["value foo is required!", .null]) }
        #expect(try call("required", ["x", 0]) == 0)
        #expect(throws: FunctionError.helmFailure("boom")) { try call("fail", ["boom"]) }
        var options = FunctionOptions()
        options.lintMode = true
        var registry = FunctionRegistry()
        HelmFunctions.register(into: &registry, options: options)
        #expect(try registry["fail"]?.body(["boom"]) == "")
    }

    @Test func lookupAndHostNames() throws {
        // defaults-015, defaults-016
        #expect(try call("lookup", ["v1", "Pod", "default", "x"]) == .map([:]))
        #expect(try call("getHostByName", ["localhost"]) == "")
    }
}

/// `now` carries Go's monotonic clock reading, which `String()` prints.
@Suite struct NowTests {
    @Test func nowPrintsMonotonicReading() throws {
        var options = FunctionOptions()
        options.localZoneName = "UTC"
        options.clock = { (1_709_634_030, 5) }
        options.monotonicClock = { 1_234_567_890 }
        var registry = FunctionRegistry()
        HelmFunctions.register(into: &registry, options: options)
        let now = try #require(try registry["now"]?.body([]))
        #expect(try registry["toString"]?.body([now]) == "2024-03-05 10:20:30.000000005 +0000 UTC m=+1.234567890")
        // Converting to a zone drops the reading, as Go's In does.
        #expect(try registry["dateInZone"]?.body(["15:04:05", now, "UTC"]) == "10:20:30")
    }
}
