import RudderCore
import RudderTemplate
import Testing

/// The parser decodes each name (field, variable, function) once per parse
/// and keeps it in a table that grows: these tests use enough distinct names
/// to make it grow several times, repeat them, and mix names that differ only
/// late or in non-ASCII letters, so a wrong slot or a stale entry shows.
@Suite struct ParserNameTests {
    let functions = TestFunctions.registry

    @Test func manyDistinctFieldNamesEachResolveToTheirOwnValue() throws {
        var map: [String: Value] = [:]
        var text = ""
        var expected = ""
        for index in 0..<600 {
            let key = "key_\(index)_" + String(repeating: "x", count: index % 7)
            map[key] = .string("v\(index);")
            text += "{{ .\(key) }}"
            expected += "v\(index);"
        }
        // Every name again, in reverse order: found in the table this time.
        for index in stride(from: 599, through: 0, by: -1) {
            let key = "key_\(index)_" + String(repeating: "x", count: index % 7)
            text += "{{ .\(key) }}"
            expected += "v\(index);"
        }
        var set = TemplateSet()
        try set.parse(name: "t", text: text, functions: functions)
        #expect(try set.execute(name: "t", data: .map(map), functions: functions) == expected)
    }

    @Test func variablesAndChainsKeepTheirNames() throws {
        let text = """
            {{ $alpha := .a }}{{ $alphabet := .b }}{{ $älpha := .c }}\
            {{ $alpha }}-{{ $alphabet }}-{{ $älpha }}-{{ .m.ä }}-{{ .m.a }}-{{ $m := .m }}{{ $m.a }}{{ $m.ä }}
            """
        let data: Value = .map([
            "a": .string("1"), "b": .string("2"), "c": .string("3"),
            "m": .map(["a": .string("A"), "ä": .string("Ä")]),
        ])
        var set = TemplateSet()
        try set.parse(name: "t", text: text, functions: functions)
        #expect(try set.execute(name: "t", data: data, functions: functions) == "1-2-3-Ä-A-AÄ")
    }

    @Test func anUnknownFunctionIsReportedEvenAfterKnownOnes() {
        // The first use of a name asks the registry; later uses reuse the answer.
        var set = TemplateSet()
        do {
            try set.parse(name: "t", text: "{{ list 1 }}{{ list 2 }}\n{{ lists 3 }}", functions: functions)
            Issue.record("expected an error")
        } catch {
            #expect(error.helmDescription == #"parse error at (t:2): function "lists" not defined"#)
        }
    }
}
