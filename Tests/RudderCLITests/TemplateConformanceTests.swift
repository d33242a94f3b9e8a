import RudderCore
import Testing
import _RudderTestSupport

/// `rudder template` against `helm template`: every case of
/// Tests/Golden/render/template.cases (made by scripts/render-goldens.py) is run
/// with the same arguments; stdout and the exit status must be identical, and
/// stderr must start with Helm's (Rudder may add a line of detail after it).
@Suite struct TemplateConformanceTests {
    static let cases: [GoldenCase] = (try? GoldenCases.load("render/template.cases")) ?? []

    @Test func casesAreLoaded() {
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases)
    func matchesHelm(_ golden: GoldenCase) throws {
        let arguments = (golden["args"] ?? "").split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let result = try TestProcess.run(
            [TestProcess.rudderPath(), "template"] + arguments, directory: GoldenCases.repositoryRoot())
        #expect(result.stdout == golden["stdout"], "stdout differs")
        #expect("\(result.status)" == golden["status"], "exit status differs")
        let helmError = (golden["stderr"] ?? "").replacingAll("helm template", with: "rudder template")
        if arguments.contains("--debug") {
            // Helm's --debug log lines differ from Rudder's; the Error line must not.
            func errorLines(_ text: String) -> [Substring] {
                text.split(separator: "\n").filter { $0.hasPrefix("Error:") }
            }
            #expect(errorLines(result.stderr) == errorLines(helmError), "stderr: \(result.stderr)")
        } else {
            #expect(result.stderr.hasPrefix(helmError), "stderr: \(result.stderr)\nexpected: \(helmError)")
        }
    }
}

/// `rudder template --output-dir` against Helm: stdout ("wrote …" lines) and every file written.
@Suite struct TemplateOutputDirTests {
    static let cases: [GoldenCase] = (try? GoldenCases.load("render/output-dir.cases")) ?? []

    static func walk(_ root: String, _ relative: String = "") -> [String] {
        let directory = relative.isEmpty ? root : root + "/" + relative
        var result: [String] = []
        for name in (try? FileSystem.list(directory)) ?? [] {
            let path = relative.isEmpty ? name : relative + "/" + name
            if FileSystem.isDirectory(root + "/" + path) {
                result += walk(root, path)
            } else {
                result.append(path)
            }
        }
        return result
    }

    @Test func casesAreLoaded() { #expect(Self.cases.count >= 3) }

    @Test(arguments: cases)
    func writesWhatHelmWrites(_ golden: GoldenCase) throws {
        let out = "/tmp/rudder-outdir-\(Int.random(in: 0..<1_000_000_000))"
        defer { FileSystem.removeTree(out) }
        let arguments = (golden["args"] ?? "").split(separator: "\n").map { $0 == "OUT" ? out : String($0) }
        let result = try TestProcess.run(
            [TestProcess.rudderPath(), "template"] + arguments, directory: GoldenCases.repositoryRoot())
        #expect(result.stdout.replacingAll(out, with: "OUT") == golden["stdout"])
        #expect("\(result.status)" == golden["status"])
        let expectedFiles = golden.order.filter { $0.hasPrefix("file ") }.map { String($0.dropFirst(5)) }
        #expect(Self.walk(out).sorted() == expectedFiles.sorted())
        for file in expectedFiles {
            #expect((try? FileSystem.readText(out + "/" + file)) == golden["file " + file], "\(file)")
        }
    }
}
