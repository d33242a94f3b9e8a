import RudderCore
import Testing
import _RudderTestSupport

/// `rudder render` and `rudder template --values-dir` against the reference Helm
/// run release by release (Tests/Golden/batch, made by scripts/batch-goldens.py).
@Suite struct BatchCLITests {
    static let releases: [GoldenCase] = (try? GoldenCases.load("batch/releases.cases")) ?? []
    static let valuesDirectories: [GoldenCase] = (try? GoldenCases.load("batch/values-dir.cases")) ?? []
    static let root = GoldenCases.repositoryRoot()
    static let set = "Tests/Fixtures/batch/releases.yaml"

    static func rudder(_ arguments: [String]) throws -> ProcessResult {
        try TestProcess.run([TestProcess.rudderPath()] + arguments, directory: root)
    }

    static func temporaryDirectory() -> String {
        "/tmp/rudder-batch-cli-\(Int.random(in: 0..<1_000_000_000))"
    }

    @Test func goldensAreLoaded() {
        #expect(Self.releases.count == 14)
        #expect(Self.valuesDirectories.count == 2)
    }

    /// Stdout: every release's manifests in the set's order, as Helm prints each alone;
    /// each failure on stderr with its release name; exit status 1.
    @Test func rendersTheSetToStdoutAsHelmReleaseByRelease() throws {
        let result = try Self.rudder(["render", Self.set, "--quiet"])
        #expect(result.stdout == Self.releases.map { $0["stdout"] ?? "" }.joined())
        #expect(result.status == 1)
        for golden in Self.releases where golden["status"] != "0" {
            let helm = golden["stderr"] ?? ""
            #expect(helm.hasPrefix("Error: "))
            let ours = "Error: release \(golden.name): " + helm.dropFirst(7)
            #expect(result.stderr.contains(ours), "\(golden.name): \(result.stderr)")
        }
        let failed = Self.releases.filter { $0["status"] != "0" }.count
        #expect(result.stderr.hasSuffix("Error: \(failed) of \(Self.releases.count) releases failed\n"))
        #expect(!result.stderr.contains("rendered "), "--quiet: no summary")
    }

    @Test func summaryLineOnStderr() throws {
        let result = try Self.rudder(["render", Self.set, "--only", "parent-0"])
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("rendered 1 release, "))
        #expect(!result.stderr.contains("\r"), "no progress line when stderr is no terminal")
    }

    @Test(arguments: [
        (["--only", "lobe-sales", "parent-2"], ["lobe-sales", "parent-2"]),
        (["--only", "parent-2,lobe-sales"], ["lobe-sales", "parent-2"]),
        (["--selector", "app=lobe-chat,team!=legal"], ["lobe-engineering", "lobe-sales", "lobe-support"]),
        (["-l", "environment=staging", "-l", "name=parent-0"], ["anything-legal", "anything-support", "lobe-legal", "lobe-support", "parent-0"]),
    ])
    func selectsASubset(_ flags: [String], _ names: [String]) throws {
        let result = try Self.rudder(["render", Self.set, "-q"] + flags)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.releases.filter { names.contains($0.name) }.map { $0["stdout"] ?? "" }.joined())
    }

    @Test func unknownReleaseNameIsAnError() throws {
        let result = try Self.rudder(["render", Self.set, "--only", "nope"])
        #expect(result.status == 1)
        #expect(result.stderr == "Error: no release named \"nope\" in the set\n")
    }

    @Test func badSetFileSaysWhere() throws {
        let directory = Self.temporaryDirectory()
        defer { FileSystem.removeTree(directory) }
        try FileSystem.writeAtomically(directory + "/set.yaml", Array("releases:\n  - name: a\n    chart: x\n    colour: red\n".utf8))
        let result = try Self.rudder(["render", directory + "/set.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr == "Error: \(directory)/set.yaml:4:5: unknown key \"colour\"\n")
    }

    /// `--output-dir --output per-release`: `<dir>/<release>/manifest.yaml` holds what Helm prints;
    /// failed releases write nothing and are reported.
    @Test func writesOneFilePerRelease() throws {
        let out = Self.temporaryDirectory()
        defer { FileSystem.removeTree(out) }
        let result = try Self.rudder(["render", Self.set, "--output-dir", out, "--output", "per-release"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        for golden in Self.releases {
            let written = try? FileSystem.readText(out + "/" + golden.name + "/manifest.yaml")
            #expect(written == (golden["status"] == "0" ? golden["stdout"] : nil), "\(golden.name)")
        }
    }

    static func walk(_ root: String, _ relative: String = "") -> [String] {
        let directory = relative.isEmpty ? root : root + "/" + relative
        var result: [String] = []
        for name in (try? FileSystem.list(directory)) ?? [] {
            let path = relative.isEmpty ? name : relative + "/" + name
            result += FileSystem.isDirectory(root + "/" + path) ? walk(root, path) : [path]
        }
        return result
    }

    /// `rudder template CHART --values-dir DEPARTMENTS --output-dir OUT` writes what
    /// `helm template <dept> CHART -n <dept> -f <dept>.yaml --output-dir OUT --release-name` writes.
    @Test(arguments: valuesDirectories)
    func valuesDirectoryWritesWhatHelmWrites(_ golden: GoldenCase) throws {
        let out = Self.temporaryDirectory()
        defer { FileSystem.removeTree(out) }
        let result = try Self.rudder(["template", golden["chart"] ?? "", "--values-dir", golden["departments"] ?? "", "--output-dir", out])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = golden.order.filter { $0.hasPrefix("file ") }.map { String($0.dropFirst(5)) }
        #expect(Self.walk(out).sorted() == expected.sorted())
        for file in expected {
            #expect((try? FileSystem.readText(out + "/" + file)) == golden["file " + file], "\(file)")
        }
    }

    /// Without --output-dir: each department printed in file-name order, as `rudder template` prints it alone.
    @Test func valuesDirectoryToStdoutMatchesOneByOne() throws {
        let chart = "charts/lobe-chat"
        let batch = try Self.rudder(["template", chart, "--values-dir", chart + "/departments", "-q", "--set", "replicaCount=1"])
        #expect(batch.status == 0)
        var expected = ""
        for name in ["engineering", "legal", "sales", "support"] {
            let alone = try Self.rudder(["template", name, chart, "-n", name, "-f", chart + "/departments/" + name + ".yaml", "--set", "replicaCount=1"])
            #expect(alone.status == 0)
            expected += alone.stdout
        }
        #expect(batch.stdout == expected)
        #expect(!expected.isEmpty)
    }

    @Test func valuesDirectoryRefusesAReleaseName() throws {
        let result = try Self.rudder(["template", "x", "charts/lobe-chat", "--values-dir", "charts/lobe-chat/departments"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: --values-dir takes release names from the file names"))
    }

    /// Killed at any moment, a run leaves each release folder whole: its previous
    /// output or its new one (here both runs write the same, so: the previous one).
    @Test func killedRunLeavesWholeFolders() throws {
        let out = Self.temporaryDirectory()
        defer { FileSystem.removeTree(out) }
        let first = try Self.rudder(["render", Self.set, "-q", "--output-dir", out, "--output", "per-release"])
        #expect(first.status == 1)
        let before = Self.walk(out).sorted()
        let rudder = TestProcess.rudderPath()
        for delay in ["0.01", "0.05", "0.2"] {
            _ = try TestProcess.run(["sh", "-c", "'\(rudder)' render \(Self.set) -q --output-dir \(out) --output per-release & p=$!; sleep \(delay); kill -9 $p; wait $p"], directory: Self.root)
            let visible = Self.walk(out).filter { !$0.hasPrefix(".") }.sorted()
            #expect(visible == before)
            for golden in Self.releases where golden["status"] == "0" {
                #expect((try? FileSystem.readText(out + "/" + golden.name + "/manifest.yaml")) == golden["stdout"])
            }
        }
    }
}
