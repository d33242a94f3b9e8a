#if canImport(Glibc)
import Glibc
#endif
import RudderCore
import Testing
import _RudderTestSupport

/// `rudder package`, `show`, `repo index` and `create` against the reference
/// Helm's goldens (Tests/Golden/package/*.cases, scripts/package-goldens.py).
enum PackageCLI {
    static let root = GoldenCases.repositoryRoot()
    static let fixtures = root + "/Tests/Fixtures/package"
    static let epoch = ["SOURCE_DATE_EPOCH": "1700000000"]
    static let goodCharts = ["full", "legacy", "bare", "bare2"]

    static func temporaryDirectory(_ label: String) -> String {
        "/tmp/rudder-\(label)-\(Int.random(in: 0..<1_000_000_000))"
    }

    static func rudder(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil) throws -> ProcessResult {
        try TestProcess.run([TestProcess.rudderPath()] + arguments, environment: environment, directory: directory ?? fixtures)
    }

    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// Packages a fixture with SOURCE_DATE_EPOCH set; returns the archive's path.
    static func package(_ chart: String, into directory: String, extra: [String] = []) throws -> String {
        let result = try rudder(["package", chart, "-d", directory] + extra, environment: epoch)
        let prefix = "Successfully packaged chart and saved it to: "
        guard result.status == 0, result.stdout.hasPrefix(prefix) else {
            Issue.record("rudder package \(chart) failed: \(result.stderr)")
            return ""
        }
        return String(result.stdout.dropFirst(prefix.count).dropLast())
    }
}

@Suite struct PackageShowTests {
    static let cases: [GoldenCase] = (try? GoldenCases.load("package/show.cases")) ?? []

    @Test func casesAreLoaded() { #expect(Self.cases.count >= 20) }

    @Test(arguments: cases)
    func showMatchesHelm(_ golden: GoldenCase) throws {
        let result = try PackageCLI.rudder(["show"] + PackageCLI.lines(golden["args"]))
        #expect(result.stdout == golden["stdout"])
        #expect("\(result.status)" == golden["status"])
        if let stderr = golden["stderr"] {
            #expect(result.stderr.hasPrefix(stderr), "\(result.stderr)")
        }
    }

    /// The same output from rudder's archive of the chart as from its folder.
    @Test(arguments: cases.filter { $0["status"] == "0" })
    func showOfArchiveMatchesHelm(_ golden: GoldenCase) throws {
        let arguments = PackageCLI.lines(golden["args"])
        let out = PackageCLI.temporaryDirectory("show")
        defer { FileSystem.removeTree(out) }
        let archive = try PackageCLI.package(arguments[1], into: out)
        let result = try PackageCLI.rudder(["show", arguments[0], archive])
        #expect(result.stdout == golden["stdout"])
    }
}

@Suite struct PackageCommandTests {
    static let cases: [GoldenCase] = (try? GoldenCases.load("package/package.cases")) ?? []
    static var archiveCases: [GoldenCase] { cases.filter { $0["helm-entries"] != nil } }
    static var otherCases: [GoldenCase] { cases.filter { $0["helm-entries"] == nil && $0["args"] != nil } }

    @Test func casesAreLoaded() { #expect(Self.archiveCases.count >= 6 && Self.otherCases.count >= 4) }

    /// Helm renders rudder's archive as it renders the folder (checked when the
    /// goldens were made); rudder must render both the same way too.
    @Test(arguments: archiveCases)
    func renderingMatchesHelmForFolderAndArchive(_ golden: GoldenCase) throws {
        let out = PackageCLI.temporaryDirectory("package")
        defer { FileSystem.removeTree(out) }
        let path = PackageCLI.root + "/" + (golden["path"] ?? "")
        let archive = try PackageCLI.package(path, into: out)
        #expect(archive == out + "/" + (golden["archive"] ?? ""))
        let folder = try PackageCLI.rudder(["template", "rel", path])
        #expect(folder.stdout == golden["helm-template-of-rudder-archive"])
        let packed = try PackageCLI.rudder(["template", "rel", archive])
        #expect(packed.stdout == golden["helm-template-of-rudder-archive"])
        let shown = try PackageCLI.rudder(["show", "chart", archive])
        #expect(shown.stdout == golden["helm-show-chart-of-rudder-archive"])
    }

    @Test(arguments: otherCases)
    func packageMatchesHelm(_ golden: GoldenCase) throws {
        let out = PackageCLI.temporaryDirectory("package-error")
        defer { FileSystem.removeTree(out) }
        let result = try PackageCLI.rudder(["package"] + PackageCLI.lines(golden["args"]) + ["-d", out])
        #expect("\(result.status)" == golden["status"])
        let expected = (golden["stderr"] ?? "").replacingAll("$ROOT", with: PackageCLI.root)
        #expect(result.stderr.hasPrefix(expected), "\(result.stderr)")
        if let archive = golden["archive"] {
            #expect(result.stdout == "Successfully packaged chart and saved it to: \(out)/\(archive)\n")
            let shown = try PackageCLI.rudder(["show", "chart", out + "/" + archive])
            #expect(shown.stdout == golden["helm-show-chart"])
        } else {
            #expect((try? FileSystem.list(out))?.isEmpty ?? true, "no archive is written on failure")
        }
    }

    @Test func twoPackagingsOfCopiesGiveTheSameBytes() throws {
        let first = PackageCLI.temporaryDirectory("repro-a")
        let second = PackageCLI.temporaryDirectory("repro-b")
        defer { FileSystem.removeTree(first); FileSystem.removeTree(second) }
        let a = try PackageCLI.package("full", into: first)
        // A copy of the tree made now (fresh modification times), packaged from another directory.
        let copy = second + "/src"
        #expect(system("mkdir -p '\(second)' && cp -r '\(PackageCLI.fixtures)/full' '\(copy)' && touch -d '2001-02-03' '\(copy)/values.yaml'") == 0)
        let result = try PackageCLI.rudder(["package", copy, "-d", second], environment: PackageCLI.epoch, directory: "/tmp")
        #expect(result.status == 0)
        #expect(try FileSystem.read(a) == FileSystem.read(second + "/full-1.2.3.tgz"))
    }

    @Test func dependencyUpdateVendorsFileDependencies() throws {
        let work = PackageCLI.temporaryDirectory("depup")
        defer { FileSystem.removeTree(work) }
        #expect(system("mkdir -p '\(work)' && cp -r '\(PackageCLI.fixtures)/withdep' '\(PackageCLI.fixtures)/deplib' '\(work)/'") == 0)
        let result = try PackageCLI.rudder(["package", "withdep", "-u", "-d", "out"], environment: PackageCLI.epoch, directory: work)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileSystem.exists(work + "/withdep/charts/deplib-0.2.0.tgz"))
        let golden = Self.cases.first { $0.name == "dependency update withdep" }
        #expect(try FileSystem.readText(work + "/withdep/Chart.lock") == golden?["chart-lock"])
        let listing = try TestProcess.run(["tar", "tzf", work + "/out/withdep-0.5.0.tgz"])
        #expect(listing.stdout == (golden?["entries"] ?? "") + "\n")
        let rendered = try PackageCLI.rudder(["template", "rel", work + "/out/withdep-0.5.0.tgz"])
        #expect(rendered.stdout.contains("v: \"from-deplib\""), "\(rendered.stdout)")
    }
}

@Suite struct RepoIndexCommandTests {
    static let cases: [GoldenCase] = (try? GoldenCases.load("package/index.cases")) ?? []

    /// The repository the goldens were made from, rebuilt with rudder's (reproducible) archives.
    static func makeRepository(_ repo: String) throws {
        for chart in PackageCLI.goodCharts { _ = try PackageCLI.package(chart, into: repo) }
        _ = try PackageCLI.package("bare2", into: repo + "/older", extra: ["--version", "0.0.1"])
        try FileSystem.writeAtomically(repo + "/broken-1.0.0.tgz", Array("not an archive\n".utf8))
    }

    @Test func casesAreLoaded() { #expect(Self.cases.count >= 3) }

    @Test(arguments: cases.filter { $0["index"] != nil })
    func indexMatchesHelm(_ golden: GoldenCase) throws {
        let repo = PackageCLI.temporaryDirectory("index")
        defer { FileSystem.removeTree(repo) }
        try Self.makeRepository(repo)
        let result = try PackageCLI.rudder(["repo", "index", repo] + PackageCLI.lines(golden["args"]), environment: PackageCLI.epoch)
        #expect(result.status == 0)
        #expect(try FileSystem.readText(repo + "/index.yaml") == golden["index"])
        #expect(result.stderr.contains("broken-1.0.0.tgz left out of the index: file "), "\(result.stderr)")
        // Times taken from the archives give the same file without SOURCE_DATE_EPOCH.
        FileSystem.remove(repo + "/index.yaml")
        let fromArchives = try PackageCLI.rudder(["repo", "index", repo, "--archive-times"] + PackageCLI.lines(golden["args"]))
        #expect(fromArchives.status == 0)
        #expect(try FileSystem.readText(repo + "/index.yaml") == golden["index"])
    }

    @Test func mergeKeepsEntriesOfTheOtherIndex() throws {
        let base = PackageCLI.temporaryDirectory("merge")
        defer { FileSystem.removeTree(base) }
        try Self.makeRepository(base + "/top")
        #expect(system("mv '\(base)/top/older' '\(base)/older'") == 0)
        let older = try PackageCLI.rudder(
            ["repo", "index", base + "/older", "--url", "https://charts.example.com/stable/older"], environment: PackageCLI.epoch)
        #expect(older.status == 0)
        let merged = try PackageCLI.rudder(
            ["repo", "index", base + "/top", "--url", "https://charts.example.com/stable/", "--merge", base + "/older/index.yaml"],
            environment: PackageCLI.epoch)
        #expect(merged.status == 0)
        let golden = Self.cases.first { $0.name == "index url" }
        #expect(try FileSystem.readText(base + "/top/index.yaml") == golden?["index"])
    }

    @Test func wallClockTimesDifferFromTheEpoch() throws {
        let repo = PackageCLI.temporaryDirectory("index-now")
        defer { FileSystem.removeTree(repo) }
        _ = try PackageCLI.package("bare", into: repo)
        let result = try PackageCLI.rudder(["repo", "index", repo])
        #expect(result.status == 0)
        let text = (try? FileSystem.readText(repo + "/index.yaml")) ?? ""
        #expect(text.contains("generated: \"20"), "\(text)")
        #expect(!text.contains("1970-01-01"))
    }
}

@Suite struct CreateCommandTests {
    static let cases: [GoldenCase] = (try? GoldenCases.load("package/create.cases")) ?? []

    @Test func casesAreLoaded() { #expect(!Self.cases.isEmpty) }

    @Test(arguments: cases)
    func createdChartRendersAsHelms(_ golden: GoldenCase) throws {
        let work = PackageCLI.temporaryDirectory("create")
        defer { FileSystem.removeTree(work) }
        try FileSystem.createDirectory(work)
        let name = golden["name"] ?? "web"
        let created = try PackageCLI.rudder(["create", name], directory: work)
        #expect(created.stdout == "Creating \(name)\n")
        #expect(FileSystem.isDirectory(work + "/" + name + "/charts"))
        let rendered = try PackageCLI.rudder(["template", "rel", name], directory: work)
        #expect(rendered.stdout == golden["helm-template"])
        let again = try PackageCLI.rudder(["create", name], directory: work)
        #expect(again.stdout.contains("WARNING: File \"\(work)/\(name)/Chart.yaml\" already exists. Overwriting.\n"))
    }

    /// Byte for byte the files of Helm 4.1.4's `helm create scaffold` (Tests/Fixtures/render/scaffold).
    @Test func scaffoldFilesAreHelms() throws {
        let work = PackageCLI.temporaryDirectory("scaffold")
        defer { FileSystem.removeTree(work) }
        try FileSystem.createDirectory(work)
        #expect(try PackageCLI.rudder(["create", "scaffold"], directory: work).status == 0)
        let expected = PackageCLI.root + "/Tests/Fixtures/render/scaffold"
        #expect(Self.files(work + "/scaffold") == Self.files(expected))
        for file in Self.files(expected) {
            #expect(try FileSystem.read(work + "/scaffold/" + file) == FileSystem.read(expected + "/" + file), "\(file)")
        }
    }

    static func files(_ root: String, _ relative: String = "") -> [String] {
        let directory = relative.isEmpty ? root : root + "/" + relative
        var result: [String] = []
        for name in (try? FileSystem.list(directory)) ?? [] {
            let path = relative.isEmpty ? name : relative + "/" + name
            if FileSystem.isDirectory(root + "/" + path) { result += files(root, path) } else { result.append(path) }
        }
        return result.sorted()
    }
}
