import RudderCore
import RudderTemplate
import Testing

@Suite struct TemplateSetTests {
    let functions = TestFunctions.registry

    @Test func laterParseOfADefineWins() throws {
        var set = TemplateSet()
        try set.parse(name: "a", text: #"{{ define "x" }}A{{ end }}"#, functions: functions)
        try set.parse(name: "b", text: #"{{ define "x" }}B{{ end }}{{ template "x" }}"#, functions: functions)
        #expect(try set.execute(name: "b", data: .null, functions: functions) == "B")
        #expect(set.contains("x") && set.contains("a") && !set.contains("zz"))
    }

    @Test func emptyRedefinitionKeepsTheOldBody() throws {
        var set = TemplateSet()
        try set.parse(name: "a", text: #"{{ define "x" }}A{{ end }}"#, functions: functions)
        try set.parse(name: "b", text: #"{{ define "x" }}  {{ end }}{{ template "x" }}"#, functions: functions)
        #expect(try set.execute(name: "b", data: .null, functions: functions) == "A")
    }

    @Test func parseErrorIsStructured() {
        var set = TemplateSet()
        do {
            try set.parse(name: "c/templates/t.yaml", text: "a\nb {{ nosuch }}", functions: functions)
            Issue.record("expected an error")
        } catch {
            #expect(error.phase == .parse)
            #expect(error.line == 2)
            #expect(error.description == #"template: c/templates/t.yaml:2: function "nosuch" not defined"#)
            #expect(error.helmDescription == #"parse error at (c/templates/t.yaml:2): function "nosuch" not defined"#)
        }
    }

    @Test func executionErrorIsStructured() throws {
        var set = TemplateSet()
        try set.parse(name: "t", text: "x\n  {{ .a.b }}", functions: functions)
        do {
            _ = try set.execute(name: "t", data: .map([:]), functions: functions)
            Issue.record("expected an error")
        } catch {
            #expect(error.phase == .execution)
            #expect(error.line == 2 && error.column == 7)
            #expect(error.nodeText == ".a.b")
            #expect(error.message == "nil pointer evaluating interface {}.b")
        }
    }

    @Test func missingKeyOptions() throws {
        var set = TemplateSet()
        try set.parse(name: "t", text: "{{ .a }}", functions: functions)
        var options = ExecutionOptions()
        #expect(try set.execute(name: "t", data: .map([:]), functions: functions, options: options) == "<no value>")
        options.missingKey = .error
        #expect(throws: TemplateError.self) {
            try set.execute(name: "t", data: .map([:]), functions: functions, options: options)
        }
    }

    @Test func includeCanBeDisabled() throws {
        var set = TemplateSet()
        try set.parse(name: "t", text: #"{{ define "x" }}X{{ end }}{{ include "x" . }}"#, functions: functions)
        var options = ExecutionOptions()
        options.includeAndTpl = false
        do {
            _ = try set.execute(name: "t", data: .null, functions: functions, options: options)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == #""include" is not a defined function"#)
        }
    }

    @Test func parallelExecutionsShareOneSet() async throws {
        var set = TemplateSet()
        try set.parse(
            name: "t", text: #"{{ define "row" }}{{ . }},{{ end }}{{ range .n }}{{ include "row" . }}{{ end }}"#,
            functions: functions)
        let shared = set
        let registry = functions
        let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for i in 0..<16 {
                group.addTask {
                    (i, try shared.execute(name: "t", data: .map(["n": .int(i)]), functions: registry))
                }
            }
            var out: [Int: String] = [:]
            for try await (i, s) in group { out[i] = s }
            return out
        }
        for i in 0..<16 {
            #expect(results[i] == (0..<i).map { "\($0)," }.joined())
        }
    }

    @Test func unknownTemplate() {
        do {
            _ = try TemplateSet().execute(name: "nope", data: .null, functions: functions)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == #"template: no template "nope" associated with template "gotpl""#)
        }
    }
}

@Suite struct PrinterTests {
    @Test(arguments: [
        (Value.float(1_000_000), "1e+06"), (.float(12_345_678_901), "1.2345678901e+10"), (.float(3), "3"),
        (.float(100_000.5), "100000.5"), (.float(0.00001), "1e-05"), (.float(-0.0), "-0"),
        (.int64(1_000_000), "1000000"), (.list([1, "a", nil]), "[1 a <nil>]"),
        (.map(["b": 2, "a": .list([])]), "map[a:[] b:2]"), (.bytes([104, 105]), "[104 105]"),
    ])
    func defaultFormat(_ value: Value, _ expected: String) {
        #expect(Printer.format(value) == expected)
    }

    @Test func sprintSpacing() {
        #expect(Printer.sprint([1, 2, "a", "b", 3]) == "1 2ab3")
        #expect(Printer.sprintln([1, "a"]) == "1 a\n")
        #expect(Printer.sprintf("%05.1f|%-4d|%q", [.float(3.14159), 7, "x"]) == "003.1|7   |\"x\"")
    }
}
