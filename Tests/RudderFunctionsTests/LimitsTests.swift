import RudderCore
import RudderTemplate
import Testing

@testable import RudderFunctions

/// Functions that build big results stop with a clear error before allocating
/// (Helm itself crashes on `repeat 100000000000 "x"` and `until 1000000000`).
@Suite struct LimitsTests {
    static let registry = HelmFunctions.registry

    func call(_ name: String, _ arguments: [Value]) throws -> Value {
        guard let function = Self.registry[name] else { throw FunctionError("no function \(name)") }
        return try function.body(arguments)
    }

    func expectLimitError(_ name: String, _ arguments: [Value], mentioning text: String) {
        do {
            _ = try call(name, arguments)
            Issue.record("\(name) \(arguments) succeeded")
        } catch let error as FunctionError {
            #expect(error.message.contains(text), "\(error.message)")
        } catch {
            Issue.record("\(name) threw \(error)")
        }
    }

    @Test func untilRefusesHugeLists() {
        expectLimitError("until", [.int(1_000_000_000)], mentioning: "limit")
        expectLimitError("until", [.int(-1_000_000_000)], mentioning: "limit")
    }

    @Test func untilStepRefusesHugeLists() {
        expectLimitError("untilStep", [.int(0), .int(Int.max), .int(1)], mentioning: "limit")
        expectLimitError("untilStep", [.int(Int.max), .int(Int.min), .int(-1)], mentioning: "limit")
    }

    @Test func seqRefusesHugeLists() {
        expectLimitError("seq", [.int(100_000_000)], mentioning: "limit")
        expectLimitError("seq", [.int(0), .int(1), .int(Int.max - 1)], mentioning: "limit")
    }

    @Test func repeatRefusesHugeStrings() {
        expectLimitError("repeat", [.int(100_000_000_000), .string("x")], mentioning: "limit")
        expectLimitError("repeat", [.int(Int.max), .string("xy")], mentioning: "limit")
    }

    @Test func indentAndReplaceRefuseHugeStrings() {
        expectLimitError("indent", [.int(Int.max), .string("a")], mentioning: "limit")
        expectLimitError("nindent", [.int(1 << 40), .string("a\nb")], mentioning: "limit")
        let big = String(repeating: "a", count: 1 << 20)
        expectLimitError("replace", [.string("a"), .string(String(repeating: "b", count: 100)), .string(big)], mentioning: "limit")
    }

    @Test func limitsAreConfigurable() throws {
        var options = FunctionOptions()
        options.maximumListLength = 3
        options.maximumStringBytes = 4
        var registry = FunctionRegistry()
        HelmFunctions.register(into: &registry, options: options)
        #expect(try registry["until"]?.body([.int(3)]) == .list([.int(0), .int(1), .int(2)]))
        #expect(throws: FunctionError.self) { try registry["until"]?.body([.int(4)]) }
        #expect(try registry["repeat"]?.body([.int(2), .string("ab")]) == .string("abab"))
        #expect(throws: FunctionError.self) { try registry["repeat"]?.body([.int(5), .string("a")]) }
    }

    @Test func withinLimitsStillWorks() throws {
        #expect(try call("until", [.int(3)]) == .list([.int(0), .int(1), .int(2)]))
        #expect(try call("seq", [.int(1), .int(3)]) == .string("1 2 3"))
        #expect(try call("repeat", [.int(3), .string("ab")]) == .string("ababab"))
    }
}

/// Hostile TOML and YAML input ends in an error value, never a crash.
@Suite struct HostileInputTests {
    func call(_ name: String, _ arguments: [Value]) throws -> Value {
        guard let function = HelmFunctions.registry[name] else { throw FunctionError("no function \(name)") }
        return try function.body(arguments)
    }

    @Test func deeplyNestedTOMLArraysFail() throws {
        let text = "a = " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let result = try call("fromToml", [.string(text)])
        #expect(result.lookup(["Error"]) != nil)
    }

    @Test func longTOMLKeysFail() throws {
        let text = "[" + Array(repeating: "k", count: 5000).joined(separator: ".") + "]"
        let result = try call("fromToml", [.string(text)])
        #expect(result.lookup(["Error"]) != nil)
    }

    @Test func yamlAliasBombFails() throws {
        var text = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for level in 1..<12 {
            let name = "l\(level)"
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            previous = name
        }
        let result = try call("fromYaml", [.string(text)])
        #expect(result.lookup(["Error"]) != nil)
    }
}
