import RudderCore
import RudderTemplate
import Testing
import _RudderTestSupport

/// Test-only functions standing in for the few Sprig/Helm functions the
/// golden cases use (the real ones live in RudderFunctions).
enum TestFunctions {
    static let registry: FunctionRegistry = {
        var registry = FunctionRegistry()
        registry.register("list", TemplateFunction([], variadic: .any) { .list($0) })
        registry.register("dict", TemplateFunction([], variadic: .any) { arguments in
            var map: [String: Value] = [:]
            var i = 0
            while i + 1 < arguments.count {
                map[Printer.sprint([arguments[i]])] = arguments[i + 1]
                i += 2
            }
            return .map(map)
        })
        registry.register("fail", TemplateFunction([.string]) { arguments in
            throw FunctionError.helmFailure(arguments[0].stringValue ?? "")
        })
        registry.register("required", TemplateFunction([.string, .any]) { arguments in
            switch arguments[1] {
            case .null: throw FunctionError.helmFailure(arguments[0].stringValue ?? "")
            case .string(let s) where s.isEmpty: throw FunctionError.helmFailure(arguments[0].stringValue ?? "")
            default: return arguments[1]
            }
        })
        registry.register("append", TemplateFunction([.any, .any]) { arguments in
            guard case .list(let list) = arguments[0] else { throw FunctionError("Cannot push on type \(arguments[0].goTypeName)") }
            return .list(list + [arguments[1]])
        })
        // Sprig functions with typed Go parameters, to check argument conversion
        // (bodies are simple re-implementations; Helm provides the expected results).
        registry.register("repeat", TemplateFunction([.int, .string]) { arguments in
            guard case .int(let count) = arguments[0], case .string(let text) = arguments[1] else { return .null }
            return .string(String(repeating: text, count: max(count, 0)))
        })
        registry.register("trunc", TemplateFunction([.int, .string]) { arguments in
            guard case .int(let count) = arguments[0], case .string(let text) = arguments[1] else { return .null }
            let bytes = Array(text.utf8)
            if count >= 0 && bytes.count > count { return .string(String(decoding: bytes[0..<count], as: UTF8.self)) }
            if count < 0 && bytes.count + count > 0 { return .string(String(decoding: bytes[(bytes.count + count)...], as: UTF8.self)) }
            return .string(count < 0 ? "" : text)
        })
        registry.register("ternary", TemplateFunction([.any, .any, .bool]) { arguments in
            arguments[2] == .bool(true) ? arguments[0] : arguments[1]
        })
        registry.register("get", TemplateFunction([.map, .string]) { arguments in
            guard case .map(let map) = arguments[0], case .string(let key) = arguments[1] else { return .string("") }
            return map[key] ?? .string("")
        })
        registry.register("until", TemplateFunction([.int]) { arguments in
            guard case .int(let count) = arguments[0] else { return .list([]) }
            return .list(count > 0 ? (0..<count).map { .int($0) } : [])
        })
        registry.register("default", TemplateFunction([.any], variadic: .any) { arguments in
            guard arguments.count > 1 else { return arguments[0] }
            let given = arguments[1]
            switch given {
            case .null, .bool(false), .int(0), .int64(0), .float(0), .string(""): return arguments[0]
            case .list(let l) where l.isEmpty: return arguments[0]
            case .map(let m) where m.isEmpty: return arguments[0]
            default: return given
            }
        })
        registry.register("quote", TemplateFunction([], variadic: .any) { arguments in
            var parts: [String] = []
            for argument in arguments where !argument.isNull {
                let text: String
                if case .string(let s) = argument { text = s } else { text = Printer.sprint([argument]) }
                parts.append(Printer.sprintf("%q", [.string(text)]))
            }
            return .string(parts.joined(separator: " "))
        })
        registry.register("int64", TemplateFunction([.any]) { arguments in
            switch arguments[0] {
            case .int(let i): return .int64(Int64(i))
            case .int64(let i): return .int64(i)
            case .float(let d): return .int64(Int64(d))
            default: return .int64(0)
            }
        })
        return registry
    }()
}

/// Loads every case of a group and checks our output or error against Helm's.
struct GoldenRunner {
    static let templateName = "c/templates/t.yaml"

    static func data(values: Value) -> Value {
        .map([
            "Values": values,
            "Template": .map(["Name": .string(templateName), "BasePath": "c/templates"]),
            "Release": .map(["Name": "release-name", "Namespace": "default", "Service": "Helm"]),
        ])
    }

    /// nil when the case passes, else a description of the difference.
    static func check(_ golden: GoldenCase) -> String? {
        guard let template = golden["template"], let valuesText = golden["values"] else {
            return "case lacks template or values"
        }
        var values: Value
        do { values = try TestJSON.decode(valuesText) } catch { return "values: \(error)" }
        if let sets = golden["set"] {
            // Only the forms the cases use: `key=INTEGER` and `key={INTEGER,…}` (Helm: int64).
            guard case .map(var map) = values else { return "values are not a map" }
            for line in sets.split(separator: "\n") {
                let parts = line.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { return "bad set line \(line)" }
                let text = parts[1]
                if text.hasPrefix("{") && text.hasSuffix("}") {
                    let items = text.dropFirst().dropLast().split(separator: ",")
                    map[String(parts[0])] = .list(items.map { Int64($0).map(Value.int64) ?? .string(String($0)) })
                } else if let number = Int64(text) {
                    map[String(parts[0])] = .int64(number)
                } else {
                    return "unsupported set value \(text)"
                }
            }
            values = .map(map)
        }
        var set = TemplateSet()
        var actual: Result<String, TemplateError>
        do {
            try set.parse(name: templateName, text: template, functions: TestFunctions.registry)
            actual = .success(try set.execute(name: templateName, data: data(values: values), functions: TestFunctions.registry, options: ExecutionOptions()))
        } catch {
            actual = .failure(error)
        }
        switch actual {
        case .success(let output):
            if let expected = golden["output"] {
                return output == expected ? nil : "output:\n  expected \(String(reflecting: expected))\n  actual   \(String(reflecting: output))"
            }
            return "expected error \(String(reflecting: golden["error"] ?? "")), got output \(String(reflecting: output))"
        case .failure(let error):
            if let expected = golden["error"] {
                let text = error.helmDescription
                return text == expected ? nil : "error:\n  expected \(String(reflecting: expected))\n  actual   \(String(reflecting: text))"
            }
            return "expected output \(String(reflecting: golden["output"] ?? "")), got error \(String(reflecting: error.helmDescription))"
        }
    }
}

@Suite struct TemplateGoldenTests {
    static let groups = [
        "text", "trim", "control", "printf", "compare", "builtins", "parse-errors", "exec-errors", "include",
        "functions", "misc", "lexer", "int64",
    ]

    @Test(arguments: groups)
    func goldenGroup(_ group: String) throws {
        let cases = try GoldenCases.load("template/\(group).cases")
        #expect(!cases.isEmpty)
        for golden in cases {
            if let problem = GoldenRunner.check(golden) {
                Issue.record("\(group)/\(golden.name): \(problem)")
            }
        }
    }
}
