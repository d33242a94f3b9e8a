import RudderChart
import RudderCore
import Testing

/// The release-set file: layers, environments, selection, and errors with positions.
@Suite struct BatchReleaseSetTests {
    static func parse(_ text: String) throws(ReleaseSetError) -> ReleaseSet {
        try ReleaseSet.parse(Array(text.utf8), file: "set.yaml", baseDirectory: "base")
    }

    static let layered = """
        defaults:
          namespace: shared
          values: [common.yaml]
          set: ["a=1"]
        environments:
          prod:
            values: [prod.yaml]
            set: [{name: b, value: "2"}]
            kubeVersion: "1.30"
        releases:
          - name: one
            chart: charts/app
            environment: prod
            values: [one.yaml, {inline: true}, /abs.yaml]
            set: ["c=3"]
            labels: {team: x}
          - name: two
            chart: /charts/other
            namespace: own
            includeCRDs: true
        """

    @Test func layersApplyInOrder() throws {
        let set = try Self.parse(Self.layered)
        #expect(set.releases.map(\.name) == ["one", "two"])
        let one = set.releases[0].batchRelease().request
        #expect(one.chartPath == "base/charts/app")
        #expect(one.namespace == "shared")
        #expect(one.values.valueFiles == ["base/common.yaml", "base/prod.yaml", "base/one.yaml", "set.yaml:14:24", "/abs.yaml"])
        #expect(one.values.set == ["a=1", "b=2", "c=3"])
        #expect(one.kubeVersion == "1.30")
        #expect(set.releases[0].batchRelease().inlineValues["set.yaml:14:24"].map { String(decoding: $0, as: UTF8.self) } == "{\"inline\":true}")
        let two = set.releases[1].batchRelease().request
        #expect(two.namespace == "own" && two.includeCRDs && two.chartPath == "/charts/other")
        #expect(two.values.valueFiles == ["base/common.yaml"])
    }

    @Test func selection() throws {
        let set = try Self.parse(Self.layered)
        func names(_ only: [String] = [], _ selectors: [String] = []) throws -> [String] {
            try ReleaseSelection(only: only, selectors: selectors).apply(to: set.releases).map(\.name)
        }
        #expect(try names() == ["one", "two"])
        #expect(try names(["two"]) == ["two"])
        #expect(try names(["two,one"]) == ["one", "two"])
        #expect(try names([], ["team=x"]) == ["one"])
        #expect(try names([], ["team!=x"]) == ["two"])
        #expect(try names([], ["environment=prod,name=one"]) == ["one"])
        #expect(try names([], ["chart=other", "team=x"]) == ["one", "two"])
        #expect(try names(["one"], ["chart=other"]) == [])
        #expect(throws: ReleaseSetError.self) { try names(["three"]) }
        #expect(throws: ReleaseSetError.self) { try ReleaseSelection(selectors: ["team"]) }
    }

    @Test(arguments: [
        ("releases: [{name: a}]", "set.yaml:1:12: release \"a\" has no chart"),
        ("releases: [{name: a, chart: c, colour: red}]", "set.yaml:1:32: unknown key \"colour\""),
        ("releases: [{name: A_b, chart: c}]", "set.yaml:1:19: invalid release name \"A_b\""),
        ("releases: [{name: a, chart: c}, {name: a, chart: c}]", "set.yaml:1:33: release \"a\" is listed twice"),
        ("releases: [{name: a, chart: c, environment: prod}]", "set.yaml:1:45: unknown environment \"prod\""),
        ("releases: [{chart: c}]", "set.yaml:1:12: a release needs a name"),
        ("releases: {a: 1}", "set.yaml:1:11: releases must be a list"),
        ("release: []", "set.yaml:1:1: unknown key \"release\""),
        ("releases: [{name: a, chart: c, includeCRDs: maybe}]", "set.yaml:1:45: expected true or false"),
        ("releases: [", "set.yaml:"),
        ("- a", "set.yaml:1:1: the release set must be a mapping"),
    ])
    func errorsSayWhere(_ text: String, _ expected: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        }
    }

    @Test(arguments: [
        ("engineering", true), ("a.b-c", true), ("a", true), ("", false), ("A", false), ("-a", false),
        ("a-", false), ("a..b", false), ("a/b", false), ("..", false), (String(repeating: "a", count: 53), true),
        (String(repeating: "a", count: 54), false),
    ])
    func releaseNames(_ name: String, _ valid: Bool) {
        #expect(ReleaseName.isValid(name) == valid)
    }
}
