import RudderCore
import RudderTemplate
import Testing

/// Engine-level checks of map references that the Helm goldens
/// (Tests/RudderChartTests/MapReferenceGoldenTests.swift) cannot make: sharing
/// across executions through `MapReferences`, cycles, and that no reference
/// escapes the public API. `set`/`merge` here are simple stand-ins with the
/// pure bodies the function library has.
@Suite struct MapReferenceTests {
    static let registry: FunctionRegistry = {
        var registry = TestFunctions.registry
        registry.register("set", TemplateFunction([.map, .string, .any]) { arguments in
            guard case .map(var map) = arguments[0], case .string(let key) = arguments[1] else { return .null }
            map[key] = arguments[2]
            return .map(map)
        })
        registry.register("merge", TemplateFunction([.map], variadic: .map) { arguments in
            guard case .map(var map) = arguments[0] else { return .null }
            for case .map(let source) in arguments.dropFirst() {
                for (key, value) in source where map[key] == nil { map[key] = value }
            }
            return .map(map)
        })
        registry.register("echo", TemplateFunction([.any]) { arguments in
            // A body must never see a reference: only plain data.
            if case .object = arguments[0] { throw FunctionError("saw an object") }
            return arguments[0]
        })
        return registry
    }()

    func run(_ text: String, data: Value = .map([:]), references: MapReferences? = nil) throws -> String {
        var set = TemplateSet()
        try set.parse(name: "t", text: text, functions: Self.registry)
        return try set.execute(name: "t", data: data, functions: Self.registry, references: references)
    }

    @Test func setChangesTheVariable() throws {
        #expect(try run(#"{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $d }}"#) == "map[a:1 b:2]")
    }

    @Test func bodiesSeePlainData() throws {
        #expect(try run(#"{{ $d := dict "a" (dict "b" 1) }}{{ echo $d }} {{ echo (list $d) }}"#)
            == "map[a:map[b:1]] [map[a:map[b:1]]]")
    }

    @Test func sharedReferencesCarryChangesToTheNextExecution() throws {
        let references = MapReferences()
        let values = references.share(.map(["x": .map(["a": 1])]))
        let first = try run(#"{{ $_ := set .Values.x "b" 2 }}{{ .Values.x }}"#, data: .map(["Values": values]), references: references)
        let second = try run(#"{{ .Values.x }}"#, data: .map(["Values": values]), references: references)
        #expect(first == "map[a:1 b:2]")
        #expect(second == "map[a:1 b:2]")
    }

    @Test func withoutSharedReferencesEachExecutionStartsFresh() throws {
        let data: Value = .map(["Values": .map(["x": 1])])
        _ = try run(#"{{ $_ := set .Values "y" 2 }}"#, data: data)
        #expect(try run(#"{{ .Values }}"#, data: data) == "map[x:1]")
    }

    @Test func scopeIsPartOfTheSharedValue() throws {
        let references = MapReferences()
        let values = references.share(.map(["sub": .map(["k": 1])]))
        let scope = try #require(MapReferences.scope(values, path: ["sub"]))
        _ = try run(#"{{ $_ := set .Values "fromSub" true }}"#, data: .map(["Values": scope]), references: references)
        #expect(try run(#"{{ .Values.sub }}"#, data: .map(["Values": values]), references: references) == "map[fromSub:true k:1]")
        #expect(MapReferences.scope(values, path: ["sub", "k"]) == nil)
        #expect(MapReferences.scope(values, path: ["missing"]) == nil)
    }

    @Test func aMapCannotBeSetIntoItself() {
        #expect(throws: TemplateError.self) {
            try run(#"{{ $d := dict }}{{ $e := dict "d" $d }}{{ $_ := set $d "e" $e }}"#)
        }
    }

    @Test func cachedSnapshotsFollowChanges() throws {
        let text = #"{{ $d := dict "a" 1 }}{{ echo $d }} {{ $_ := set $d "a" 2 }}{{ echo $d }} {{ $_ := merge $d (dict "b" 3) }}{{ echo $d }}"#
        #expect(try run(text) == "map[a:1] map[a:2] map[a:2 b:3]")
    }

    /// A `set` on a map made after the last snapshot keeps snapshots: these
    /// check that every change that reaches a snapshot still refreshes it.
    @Test func snapshotsFollowChangesToMapsStoredLater() throws {
        let stored = #"{{ $x := dict "a" 1 }}{{ echo $x }} {{ $d := dict }}{{ $_ := set $x "d" $d }}{{ echo $x }} {{ $_ := set $d "k" 2 }}{{ echo $x }}"#
        #expect(try run(stored) == "map[a:1] map[a:1 d:map[]] map[a:1 d:map[k:2]]")
        let unseen = #"{{ $x := dict }}{{ echo $x }} {{ $d := dict }}{{ $_ := set $x "d" $d }}{{ $_ := set $d "k" 2 }}{{ echo $x }}"#
        #expect(try run(unseen) == "map[] map[d:map[k:2]]")
        let inner = #"{{ $x := dict "in" (dict "k" 1) }}{{ echo $x }} {{ $_ := set $x.in "k" 2 }}{{ echo $x }} {{ $_ := set $x.in "j" 3 }}{{ echo $x }}"#
        #expect(try run(inner) == "map[in:map[k:1]] map[in:map[k:2]] map[in:map[j:3 k:2]]")
        let values = #"{{ echo .Values }} {{ $_ := set .Values.x "b" 2 }}{{ echo .Values }}"#
        #expect(try run(values, data: .map(["Values": .map(["x": .map(["a": 1])])])) == "map[x:map[a:1]] map[x:map[a:1 b:2]]")
    }

    @Test func rangeOverAReferenceSharesItsMaps() throws {
        let text = #"{{ $d := dict "x" (dict) "y" (dict) }}{{ range $k, $v := $d }}{{ $_ := set $v "k" $k }}{{ end }}{{ $d }}"#
        #expect(try run(text) == "map[x:map[k:x] y:map[k:y]]")
    }

    /// A run that exhausts a small thread's stack is retried on a large one:
    /// the changes the first attempt made to shared maps are undone first.
    @Test func retryOnALargeStackDoesNotRepeatChanges() async throws {
        var set = TemplateSet()
        try set.parse(
            name: "t",
            text: #"{{ $_ := set .Values "marks" (append .Values.marks "x") }}{{ define "r" }}{{ if lt (len .) 900 }}{{ include "r" (append . 1) }}{{ else }}{{ len . }}{{ end }}{{ end }}{{ include "r" (list) }} {{ len .Values.marks }}"#,
            functions: Self.registry)
        let shared = set
        let output = try await Task.detached {
            let references = MapReferences()
            let values = references.share(.map(["marks": .list([])]))
            return try shared.execute(name: "t", data: .map(["Values": values]), functions: Self.registry, references: references)
        }.value
        #expect(output == "900 1")
    }
}
