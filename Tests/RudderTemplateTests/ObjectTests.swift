import RudderCore
import RudderTemplate
import Testing

/// A host object like Helm's `.Files` / `.Capabilities`.
struct TestFiles: TemplateObject {
    var files: [String: String]
    var goTypeName: String { "engine.files" }
    func field(_ name: String) -> Value? {
        name == "Count" ? .int(files.count) : nil
    }
    func hasMethod(_ name: String) -> Bool { name == "Get" || name == "Has" || name == "Self" }
    func callMethod(_ name: String, arguments: [Value]) throws -> Value {
        switch name {
        case "Get":
            guard arguments.count == 1, case .string(let path) = arguments[0] else {
                throw TemplateObjectError("wrong number of args for Get: want 1 got \(arguments.count)")
            }
            return .string(files[path] ?? "")
        case "Has":
            guard case .string(let path)? = arguments.first else { return .bool(false) }
            return .bool(files[path] != nil)
        default:
            return .object(self)
        }
    }
    var printed: String { "map[\(files.keys.sorted().joined(separator: " "))]" }
}

@Suite struct ObjectTests {
    func render(_ text: String) throws(TemplateError) -> String {
        var set = TemplateSet()
        try set.parse(name: "t", text: text, functions: TestFunctions.registry)
        let data: Value = .map(["Files": .object(TestFiles(files: ["a.txt": "A!", "b.txt": "B"]))])
        return try set.execute(name: "t", data: data, functions: TestFunctions.registry)
    }

    @Test(arguments: [
        (#"{{ .Files.Get "a.txt" }}"#, "A!"),
        (#"{{ .Files.Has "b.txt" }} {{ .Files.Has "zz" }}"#, "true false"),
        (#"{{ "a.txt" | .Files.Get }}"#, "A!"),
        (#"{{ .Files.Get "a.txt" | printf "[%s]" }}"#, "[A!]"),
        (#"{{ .Files.Count }}"#, "2"),
        (#"{{ .Files.Self.Get "b.txt" }}"#, "B"),
        (#"{{ with .Files }}{{ .Get "a.txt" }}{{ end }}"#, "A!"),
        (#"{{ $f := .Files }}{{ $f.Get "b.txt" }}"#, "B"),
        (#"{{ (.Files).Get "a.txt" }}"#, "A!"),
        (#"{{ .Files }}"#, "map[a.txt b.txt]"),
        (#"{{ printf "%T" .Files }}"#, "engine.files"),
    ])
    func methodCalls(_ text: String, _ expected: String) throws {
        #expect(try render(text) == expected)
    }

    @Test func methodErrorsAreCallErrors() {
        do {
            _ = try render(#"{{ .Files.Get }}"#)
        } catch {
            // Go checks a method's argument count itself: no "error calling" prefix.
            #expect(error.description == #"template: t:1:9: executing "t" at <.Files.Get>: wrong number of args for Get: want 1 got 0"#)
        }
    }

    @Test func unknownFieldOnObject() {
        do {
            _ = try render(#"{{ .Files.Nope }}"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == #"template: t:1:9: executing "t" at <.Files.Nope>: can't evaluate field Nope in type interface {}"#)
        }
    }
}
