import RudderCore
import RudderTemplate
import Testing

/// Hostile templates end with a clear error, never a crash or a hang.
@Suite struct LimitTests {
    static let name = "c/templates/t.yaml"

    func run(_ text: String, options: ExecutionOptions = ExecutionOptions(), data: Value = .map([:])) -> Result<String, TemplateError> {
        var set = TemplateSet()
        do {
            try set.parse(name: LimitTests.name, text: text, functions: TestFunctions.registry)
            return .success(try set.execute(name: LimitTests.name, data: data, functions: TestFunctions.registry, options: options))
        } catch {
            return .failure(error)
        }
    }

    func occurrences(of needle: String, in text: String) -> Int {
        let n = Array(needle.utf8)
        let t = Array(text.utf8)
        guard t.count >= n.count else { return 0 }
        var count = 0
        for i in 0...(t.count - n.count) where t[i] == n[0] && Array(t[i..<i + n.count]) == n { count += 1 }
        return count
    }

    func errorText(_ result: Result<String, TemplateError>) -> String? {
        if case .failure(let error) = result { return error.description }
        return nil
    }

    @Test func rangeOverHugeIntegerStopsAtStepLimit() {
        var options = ExecutionOptions()
        options.maxSteps = 10_000
        let text = errorText(run("{{ range 1000000000000 }}{{ end }}", options: options))
        #expect(text?.contains("exceeded the limit of 10000 steps") == true)
    }

    @Test func rangeOverHugeIntegerWithBreakIsFine() {
        #expect((try? run("{{ range $i := 9000000000000000000 }}{{ if eq $i 3 }}{{ break }}{{ end }}{{ $i }}{{ end }}").get()) == "012")
    }

    @Test func outputLimit() {
        var options = ExecutionOptions()
        options.maxOutputBytes = 1000
        let text = errorText(run("{{ range 200 }}0123456789{{ end }}", options: options))
        #expect(text?.contains("output exceeds the limit of 1000 bytes") == true)
    }

    @Test func doublingStringsStopAtTheLimit() {
        var options = ExecutionOptions()
        options.maxOutputBytes = 1 << 16
        let text = errorText(run(#"{{ $x := "ab" }}{{ range 100 }}{{ $x = print $x $x }}{{ end }}"#, options: options))
        #expect(text?.contains("result of print exceeds the limit") == true)
    }

    @Test func deadlineStopsExecution() {
        var options = ExecutionOptions()
        options.deadlineNanoseconds = ExecutionOptions.monotonicNanoseconds()
        let text = errorText(run("{{ range 100000000 }}x{{ end }}", options: options))
        #expect(text?.contains("time budget") == true)
    }

    @Test func includeRecursionLimitPerName() {
        let result = run(#"{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}"#)
        guard case .failure(let error) = result else {
            Issue.record("expected an error")
            return
        }
        #expect(error.description.hasSuffix("rendering template has a nested reference name: r: unable to execute template"))
        // Helm's message names every level: 1002 nested "error calling include".
        #expect(occurrences(of: "error calling include", in: error.description) == 1002)
    }

    @Test func lowerIncludeLimit() {
        var options = ExecutionOptions()
        options.includeRecursionLimit = 5
        let text = errorText(run(#"{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}"#, options: options))
        #expect(occurrences(of: "error calling include", in: text ?? "") == 7)
    }

    @Test func selfRecursiveTplEnds() {
        // Helm overflows Go's stack here; we stop at the call depth limit.
        var options = ExecutionOptions()
        options.maxCallDepth = 200
        let data: Value = .map(["Values": .map(["t": .string("{{ tpl .Values.t . }}")])])
        let result = run("{{ tpl .Values.t . }}", options: options, data: data)
        guard case .failure(let error) = result else {
            Issue.record("expected an error")
            return
        }
        #expect(error.innermostMessage.contains("exceeded maximum template depth (200)"))
    }

    @Test func templateDepthLimit() {
        var options = ExecutionOptions()
        options.maxTemplateDepth = 50
        let text = errorText(run(#"{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}"#, options: options))
        #expect(text?.hasSuffix("exceeded maximum template depth (50)") == true)
    }

    @Test func manyNamesOfNestedIncludesStayWithinTheStack() {
        // 200 names, each including the next up to 900 times: far deeper than
        // any per-name limit, bounded by the call depth and the stack check.
        var text = ""
        for i in 0..<200 {
            text += "{{ define \"n\(i)\" }}{{ include \"n\((i + 1) % 200)\" . }}{{ end }}"
        }
        text += "{{ include \"n0\" . }}"
        var options = ExecutionOptions()
        options.maxCallDepth = 3_000
        let result = run(text, options: options)
        guard case .failure(let error) = result else {
            Issue.record("expected an error")
            return
        }
        #expect(error.innermostMessage.contains("exceeded maximum template depth") || error.innermostMessage.contains("nested"))
    }
}

/// Deep nesting runs on a large stack instead of overflowing the caller's.
@Suite struct DeepNestingTests {
    @Test func deeplyNestedParentheses() throws {
        let depth = 5_000
        let text = "{{ " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + " }}"
        var set = TemplateSet()
        try set.parse(name: "t", text: text, functions: TestFunctions.registry)
        #expect(try set.execute(name: "t", data: .null, functions: TestFunctions.registry) == "1")
    }

    @Test func deeplyNestedIfs() throws {
        let depth = 3_000
        let text = String(repeating: "{{ if true }}", count: depth) + "x" + String(repeating: "{{ end }}", count: depth)
        var set = TemplateSet()
        try set.parse(name: "t", text: text, functions: TestFunctions.registry)
        #expect(try set.execute(name: "t", data: .null, functions: TestFunctions.registry) == "x")
    }

    @Test func deepIncludeOnASmallThread() async throws {
        var set = TemplateSet()
        try set.parse(
            name: "t",
            text: #"{{ define "r" }}{{ if lt (len .) 900 }}{{ include "r" (append . 1) }}{{ else }}{{ len . }}{{ end }}{{ end }}{{ include "r" (list) }}"#,
            functions: TestFunctions.registry)
        let shared = set
        let output = try await Task.detached { try shared.execute(name: "t", data: .null, functions: TestFunctions.registry) }.value
        #expect(output == "900")
    }
}
