import RudderCore
import Testing
import _RudderTestSupport

/// `rudder lint` against `helm lint`: every case of Tests/Golden/lint/lint.cases
/// (made by scripts/lint-goldens.py over the broken charts of Tests/Fixtures/lint)
/// is run with the same arguments and `--rules helm` (helm lint's rules only;
/// LintDefaultModeTests runs the same cases with Rudder's rules on top).
/// The exit status must be Helm's, the findings
/// (severity, file, message) must be Helm's, and stdout and stderr must be
/// byte-identical. `$ROOT` in a golden stands for the repository root.
@Suite struct LintConformanceTests {
    static let cases: [GoldenCase] = (try? GoldenCases.load("lint/lint.cases")) ?? []

    /// A finding as Helm prints it: `[SEVERITY] file: message`, where the message
    /// may run on over following lines (until the next finding or a blank line).
    struct Finding: Hashable, CustomStringConvertible {
        var severity: String
        var file: String
        var message: String
        var description: String { "[\(severity)] \(file): \(message)" }
    }

    static func findings(_ stdout: String) -> [Finding] {
        var result: [Finding] = []
        var open = false
        for line in stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty || line.hasPrefix("==> ") {
                open = false
                continue
            }
            if line.hasPrefix("["), let close = line.firstIndex(of: "]"),
                ["[INFO]", "[WARNING]", "[ERROR]"].contains(String(line[...close]))
            {
                let severity = String(line[line.index(after: line.startIndex)..<close])
                let start = line.index(close, offsetBy: 2, limitedBy: line.endIndex) ?? line.endIndex
                let rest = line[start...]
                let parts = rest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                let file = String(parts.first ?? "")
                let message = parts.count > 1 ? String(parts[1].dropFirst()) : ""
                result.append(Finding(severity: severity, file: file, message: message))
                open = true
            } else if open, !result.isEmpty {
                result[result.count - 1].message += "\n" + line
            }
        }
        return result
    }

    @Test func casesAreLoaded() {
        #expect(Self.cases.count >= 100)
        // At least 30 broken charts, each linted plainly and with --strict.
        let strictRuns = Self.cases.filter { $0.name.hasSuffix(" --strict") && ($0["args"] ?? "").hasPrefix("Tests/Fixtures/lint/") }
        #expect(strictRuns.count >= 30)
    }

    @Test(arguments: cases)
    func matchesHelm(_ golden: GoldenCase) throws {
        let root = GoldenCases.repositoryRoot()
        let arguments = (golden["args"] ?? "").split(separator: "\n").map(String.init)
        let result = try TestProcess.run([TestProcess.rudderPath(), "lint", "--rules", "helm"] + arguments, directory: root)
        let stdout = result.stdout.replacingAll(root, with: "$ROOT")
        let stderr = result.stderr.replacingAll(root, with: "$ROOT")
        #expect("\(result.status)" == golden["status"], "exit status differs")
        let expected = Self.findings(golden["stdout"] ?? "")
        let actual = Self.findings(stdout)
        #expect(Set(actual) == Set(expected), "findings differ:\nrudder: \(actual)\nhelm:   \(expected)")
        #expect(stdout == golden["stdout"], "stdout differs")
        let helmError = (golden["stderr"] ?? "").replacingAll("helm lint", with: "rudder lint")
        #expect(stderr == helmError, "stderr differs")
    }

    /// `--format json`: one document whose verdict and findings agree with the text output.
    @Test func jsonFormatAgreesWithText() throws {
        let root = GoldenCases.repositoryRoot()
        let chart = "Tests/Fixtures/lint/many-problems"
        let text = try TestProcess.run([TestProcess.rudderPath(), "lint", chart, "--rules", "helm"], directory: root)
        let json = try TestProcess.run([TestProcess.rudderPath(), "lint", chart, "--rules", "helm", "--format", "json"], directory: root)
        #expect(json.status == text.status)
        #expect(json.stdout.hasPrefix("{\"schemaVersion\":1,\"strict\":false,\"linted\":1,\"failed\":1,"))
        #expect(json.stdout.contains("\"rule\":\"chart-version-type\",\"severity\":\"error\",\"file\":\"Chart.yaml\",\"line\":3,\"column\":10,"))
        #expect(json.stdout.contains("\"rule\":\"template-selector\",\"severity\":\"error\",\"file\":\"templates/deployment.yaml\",\"line\":null,\"column\":null,"))
        for finding in Self.findings(text.stdout) {
            #expect(json.stdout.contains("\"severity\":\"\(finding.severity.lowercased())\",\"file\":\"\(finding.file)\""), "\(finding)")
        }
    }
}
