import RudderCore
import RudderTemplate
import Testing

@testable import RudderFunctions

/// `include` results reused within a render (RudderTemplate's `IncludeMemo`):
/// each test checks the output against the same execution with reuse off, and
/// counts the reuses, with the real function library (its purity flags).
@Suite struct IncludeMemoTests {
    static let registry = EngineGoldenTests.registry

    /// Executes `files` (name, text) one after another with one shared
    /// `MapReferences`, as a chart render does; each file's dot is `data` plus
    /// its own `.Template`. Returns the outputs (or error texts) and the reuse count.
    static func render(
        _ files: [(String, String)], defines: String, data: [String: Value] = [:], memoize: Bool = true,
        maxSteps: Int? = nil
    ) throws -> (outputs: [String], reuses: Int) {
        var set = TemplateSet()
        try set.parse(name: "_helpers.tpl", text: defines, functions: registry)
        for (name, text) in files { try set.parse(name: name, text: text, functions: registry) }
        var options = ExecutionOptions()
        options.memoizeIncludes = memoize
        if let maxSteps { options.maxSteps = maxSteps }
        let references = MapReferences()
        var shared = data
        if let values = data["Values"] { shared["Values"] = references.share(values) }
        var outputs: [String] = []
        for (name, _) in files {
            var dot = shared
            dot["Template"] = .map(["Name": .string(name), "BasePath": "templates"])
            do {
                outputs.append(
                    try set.execute(name: name, data: .map(dot), functions: registry, options: options, references: references))
            } catch {
                outputs.append("error: \(error)")
            }
        }
        return (outputs, references.includeReuses)
    }

    /// The outputs with reuse on, after checking they equal the outputs with reuse off.
    static func checked(
        _ files: [(String, String)], defines: String, data: [String: Value] = [:], maxSteps: Int? = nil
    ) throws -> (outputs: [String], reuses: Int) {
        let plain = try render(files, defines: defines, data: data, memoize: false, maxSteps: maxSteps)
        let memoized = try render(files, defines: defines, data: data, maxSteps: maxSteps)
        #expect(plain.reuses == 0)
        #expect(memoized.outputs == plain.outputs)
        return memoized
    }

    static let values: [String: Value] = ["Values": .map(["name": "app", "inner": .map(["k": 1])])]

    @Test func sameDataIsReused() throws {
        let result = try Self.checked(
            [("a.yaml", #"{{ include "x" . }} {{ include "x" . }} {{ include "s" (list . "one") }} {{ include "s" (list . "one") }}"#)],
            defines: #"{{ define "x" }}{{ .Values.name | upper }}{{ end }}{{ define "s" }}{{ index . 1 }}{{ end }}"#,
            data: Self.values)
        #expect(result.outputs == ["APP APP one one"])
        #expect(result.reuses == 2)
    }

    @Test func aSetBetweenTwoIncludesChangesTheSecond() throws {
        let result = try Self.checked(
            [("a.yaml", #"{{ $d := dict "a" 1 }}{{ include "x" $d }}{{ $_ := set $d "a" 2 }}{{ include "x" $d }}"#)],
            defines: #"{{ define "x" }}{{ .a }}{{ end }}"#)
        #expect(result.outputs == ["12"])
        #expect(result.reuses == 0)
    }

    @Test func aSetDeepInsideTheDataChangesTheNextInclude() throws {
        let result = try Self.checked(
            [
                ("a.yaml", #"{{ include "x" . }}{{ $_ := set .Values.inner "k" 2 }}{{ include "x" . }}"#),
                ("b.yaml", #"{{ include "x" . }}{{ $_ := merge .Values.inner (dict "k" 9 "j" 3) }}{{ include "x" . }}"#),
            ],
            defines: #"{{ define "x" }}{{ .Values.inner.k }}{{ .Values.inner.j }}{{ end }}"#, data: Self.values)
        #expect(result.outputs == ["1<no value>2<no value>", "2<no value>23"])
    }

    @Test func changesToMapsMadeInsideTheIncludeDoNotStopReuse() throws {
        let result = try Self.checked(
            [("a.yaml", #"{{ include "x" . }},{{ include "x" . }}"#)],
            defines: #"{{ define "x" }}{{ $d := dict }}{{ $_ := set $d "k" .Values.name }}{{ $d.k }}{{ end }}"#,
            data: Self.values)
        #expect(result.outputs == ["app,app"])
        #expect(result.reuses == 1)
    }

    @Test func otherFilesOfTheChartReuseWhatDoesNotReadTemplate() throws {
        let result = try Self.checked(
            [("a.yaml", #"{{ include "x" . }} {{ include "t" . }}"#), ("b.yaml", #"{{ include "x" . }} {{ include "t" . }}"#)],
            defines: #"{{ define "x" }}{{ .Values.name }}{{ end }}{{ define "t" }}{{ .Template.Name }}{{ end }}"#,
            data: Self.values)
        #expect(result.outputs == ["app a.yaml", "app b.yaml"])
        #expect(result.reuses == 1)
    }

    @Test func readingTheWholeDotPinsTheResultToItsFile() throws {
        let result = try Self.checked(
            [("a.yaml", #"{{ include "j" . }}|{{ include "j" . }}"#), ("b.yaml", #"{{ include "j" . }}"#)],
            defines: #"{{ define "j" }}{{ keys . | sortAlpha | join "," }}{{ get . "Template" }}{{ end }}"#,
            data: Self.values)
        #expect(result.outputs[1].contains("b.yaml"))
        #expect(result.reuses == 1)
    }

    @Test func aFileThatChangedItsDotDoesNotReuseAnotherFilesResult() throws {
        let result = try Self.checked(
            [("a.yaml", #"{{ include "w" . }}"#), ("b.yaml", #"{{ $_ := set . "extra" "B" }}{{ include "w" . }}"#)],
            defines: #"{{ define "w" }}[{{ .extra }}]{{ end }}"#, data: Self.values)
        #expect(result.outputs == ["[<no value>]", "[B]"])
        #expect(result.reuses == 0)
    }

    @Test func impureFunctionsAreCalledEachTime() throws {
        let result = try Self.render(
            [("a.yaml", #"{{ include "u" . }} {{ include "u" . }}"#)], defines: #"{{ define "u" }}{{ uuidv4 }}{{ end }}"#)
        let ids = result.outputs[0].split(separator: " ")
        #expect(ids.count == 2 && ids[0] != ids[1])
        #expect(result.reuses == 0)
    }

    @Test func tplIsNotReused() throws {
        let result = try Self.checked(
            [("a.yaml", #"{{ include "p" . }}{{ include "p" . }}"#)],
            defines: #"{{ define "p" }}{{ tpl "{{ .Values.name }}" . }}{{ end }}"#, data: Self.values)
        #expect(result.outputs == ["appapp"])
        #expect(result.reuses == 0)
    }

    @Test func theMemoIsBoundedPerTemplate() throws {
        let result = try Self.checked(
            [("a.yaml", #"{{ range until 100 }}{{ include "x" . }}{{ end }}|{{ range until 100 }}{{ include "x" . }}{{ end }}"#)],
            defines: #"{{ define "x" }}{{ . }},{{ end }}"#)
        let once = (0..<100).map { "\($0)," }.joined()
        #expect(result.outputs == [once + "|" + once])
        #expect(result.reuses == 64)
    }

    @Test func theStepLimitStopsWhereItStoppedWithoutReuse() throws {
        let files = [("a.yaml", #"{{ include "x" . }}{{ include "x" . }}{{ include "x" . }}"#)]
        let defines = #"{{ define "x" }}{{ range until 5 }}{{ . }}{{ end }}{{ end }}"#
        let unlimited = try Self.checked(files, defines: defines)
        #expect(unlimited.outputs == ["012340123401234"])
        let limited = try Self.checked(files, defines: defines, maxSteps: 20)
        #expect(limited.outputs[0].contains("exceeded the limit of 20 steps"))
    }
}
