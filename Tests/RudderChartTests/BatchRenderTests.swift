import RudderChart
import RudderCore
import Testing
import _RudderTestSupport

/// Batch rendering against the reference Helm: Tests/Golden/batch/releases.cases
/// (scripts/batch-goldens.py) holds what `helm template` prints for each release
/// of Tests/Fixtures/batch/releases.yaml run alone.
@Suite struct BatchRenderTests {
    static let cases: [GoldenCase] = (try? GoldenCases.load("batch/releases.cases")) ?? []
    static let root = GoldenCases.repositoryRoot()

    static func releases() throws -> [BatchRelease] {
        try ReleaseSet.load(path: root + "/Tests/Fixtures/batch/releases.yaml").releases.map { $0.batchRelease() }
    }

    static func render(_ releases: [BatchRelease], _ options: BatchOptions) async -> ([BatchReleaseResult], BatchSummary) {
        var results: [BatchReleaseResult] = []
        var order: [Int] = []
        let summary = await BatchRenderer.run(releases, options: options) { index, result in
            order.append(index)
            results.append(result)
        }
        #expect(order == Array(releases.indices), "results are delivered in the releases' order")
        return (results, summary)
    }

    static func temporaryDirectory() -> String {
        "/tmp/rudder-batch-test-\(Int.random(in: 0..<1_000_000_000))"
    }

    @Test func casesMatchTheReleaseSet() throws {
        let releases = try Self.releases()
        #expect(Self.cases.count == 14)
        #expect(releases.map(\.name) == Self.cases.map(\.name))
        #expect(Self.cases.contains { $0["status"] == "1" } && Self.cases.contains { $0["status"] == "0" })
    }

    /// Each release renders exactly as it renders alone in Helm; failures carry Helm's message.
    @Test func rendersEachReleaseAsHelmDoesAlone() async throws {
        let (results, summary) = await Self.render(try Self.releases(), BatchOptions())
        #expect(results.count == Self.cases.count)
        for (result, golden) in zip(results, Self.cases) {
            #expect(result.name == golden.name)
            if golden["status"] == "0" {
                #expect(result.failure == nil, "\(golden.name): \(result.failure?.message ?? "")")
                #expect(result.stdout == golden["stdout"], "\(golden.name)")
            } else {
                let helm = golden["stderr"] ?? ""
                let text = "Error: " + (result.failure?.message ?? "(no failure)") + "\n"
                #expect(helm.hasPrefix(text) || text.hasPrefix(helm), "\(golden.name): \(text)")
            }
        }
        #expect(summary.failed == Self.cases.filter { $0["status"] != "0" }.count)
        #expect(summary.releases == Self.cases.count)
    }

    /// The same set renders the same whatever the parallelism and however often.
    @Test func outputIsDeterministic() async throws {
        let releases = try Self.releases()
        var serial = BatchOptions()
        serial.maxInFlight = 1
        var wide = BatchOptions()
        wide.maxInFlight = 64
        let (one, _) = await Self.render(releases, serial)
        let (many, _) = await Self.render(releases, wide)
        let (again, _) = await Self.render(releases + releases, wide)
        #expect(one.map(\.stdout) == many.map(\.stdout))
        #expect(one.map { $0.failure?.message } == many.map { $0.failure?.message })
        #expect((one + one).map(\.stdout) == again.map(\.stdout))
    }

    /// A failing release is reported; every other release's output is written.
    @Test func failingReleaseDoesNotStopTheOthers() async throws {
        let out = Self.temporaryDirectory()
        defer { FileSystem.removeTree(out) }
        let (results, summary) = await Self.render(try Self.releases(), BatchOptions(outputDirectory: out, layout: .perRelease))
        for (result, golden) in zip(results, Self.cases) {
            let written = try? FileSystem.readText(out + "/" + golden.name + "/manifest.yaml")
            if golden["status"] == "0" {
                #expect(written == golden["stdout"], "\(golden.name)")
            } else {
                #expect(result.failure != nil)
                #expect(!FileSystem.exists(out + "/" + golden.name), "a failed release writes nothing")
            }
        }
        #expect(summary.objects > 0)
        // No temporary folders are left beside the releases.
        #expect(((try? FileSystem.list(out)) ?? []).allSatisfy { !$0.hasPrefix(".") })
    }

    /// Tests/Fixtures/batch/switch: a ConfigMap and a Service in the release's namespace, or `fail`.
    static func switchRelease(_ name: String, fail: Bool, namespace: String) -> BatchRelease {
        var request = TemplateRequest(chartPath: root + "/Tests/Fixtures/batch/switch")
        request.releaseName = name
        request.namespace = namespace
        request.values = ValuesOptions(set: ["fail=\(fail)"])
        return BatchRelease(request: request)
    }

    static func snapshot(_ directory: String) -> [String: String] {
        var files: [String: String] = [:]
        func walk(_ path: String, _ relative: String) {
            for name in (try? FileSystem.list(path)) ?? [] {
                let child = path + "/" + name
                if FileSystem.isDirectory(child) {
                    walk(child, relative + name + "/")
                } else {
                    files[relative + name] = (try? FileSystem.readText(child)) ?? "(unreadable)"
                }
            }
        }
        walk(directory, "")
        return files
    }

    /// A release that fails on a later run keeps its previous output; the others are replaced.
    @Test(arguments: BatchOutputLayout.allCases)
    func failedReleaseKeepsPreviousOutput(_ layout: BatchOutputLayout) async throws {
        let out = Self.temporaryDirectory()
        defer { FileSystem.removeTree(out) }
        var options = BatchOptions(outputDirectory: out, layout: layout)
        options.durable = layout == .perRelease  // the syncfs path too
        let first = [Self.switchRelease("a", fail: false, namespace: "one"), Self.switchRelease("b", fail: false, namespace: "one")]
        let (_, firstSummary) = await Self.render(first, options)
        #expect(firstSummary.failed == 0)
        let before = Self.snapshot(out)
        #expect(!before.isEmpty)

        let second = [Self.switchRelease("a", fail: true, namespace: "two"), Self.switchRelease("b", fail: false, namespace: "two")]
        let (results, summary) = await Self.render(second, options)
        #expect(summary.failed == 1)
        #expect(results[0].failure?.message.contains("switch was told to fail") == true)
        let after = Self.snapshot(out)
        for (path, content) in before where path.hasPrefix("a/") {
            #expect(after[path] == content, "failed release a keeps \(path)")
        }
        for (path, content) in before where path.hasPrefix("b/") {
            #expect(after[path] != content, "release b gets its new output (\(path))")
        }
        #expect(after.keys.sorted() == before.keys.sorted())
    }

    /// What an interrupted run leaves (a staged folder never renamed into place)
    /// does not touch the previous output, and the next run clears it.
    @Test func interruptedRunLeavesPreviousOutput() async throws {
        let out = Self.temporaryDirectory()
        defer { FileSystem.removeTree(out) }
        let options = BatchOptions(outputDirectory: out, layout: .perRelease)
        _ = await Self.render([Self.switchRelease("a", fail: false, namespace: "one")], options)
        let before = Self.snapshot(out)
        // An interrupted run: its half-written staged folder is beside the release.
        try FileSystem.createDirectory(out + "/.a.rudder-tmp-Ab12Cd")
        try FileSystem.writeAtomically(out + "/.a.rudder-tmp-Ab12Cd/manifest.yaml", Array("---\n# Source: half".utf8))
        #expect(Self.snapshot(out + "/a") == before.reduce(into: [:]) { $0[String($1.key.dropFirst(2))] = $1.value })

        let (_, summary) = await Self.render([Self.switchRelease("a", fail: true, namespace: "two")], options)
        #expect(summary.failed == 1)
        #expect(Self.snapshot(out) == before, "leftovers removed, previous output intact")
    }
}
