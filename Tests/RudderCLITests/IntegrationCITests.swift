import RudderCore
import Testing
import _RudderTestSupport

/// The CI recipes of integrations/ and .pre-commit-hooks.yaml: each parses as YAML
/// (through rudder's YAML reader, see IntegrationProbe), and the shell they run, taken
/// from the file, lints the bundled charts with their departments' values files.
@Suite struct IntegrationCITests {
    static let root = GoldenCases.repositoryRoot()
    static let github = "integrations/github-actions/rudder-lint.yml"
    static let gitlab = "integrations/gitlab-ci/rudder-lint.yml"
    static let preCommit = ".pre-commit-hooks.yaml"
    /// Two charts, each linted with its defaults and its four departments.
    static let expectedRuns = 10

    static func temporaryDirectory() throws -> String {
        let path = "/tmp/rudder-integration-ci-\(Int.random(in: 0..<1_000_000_000))"
        try FileSystem.createDirectory(path)
        return path
    }

    /// PATH with the built rudder first, as the recipes' install steps leave it.
    static var path: String {
        let binary = TestProcess.rudderPath()
        let directory = String(binary[..<(binary.lastIndex(of: "/") ?? binary.startIndex)])
        return directory + ":" + (FileSystem.environment("PATH") ?? "/usr/bin:/bin")
    }

    /// Runs `script` with bash in a fresh directory with `environment`; returns the result
    /// and the names of the files the script wrote to rudder-lint/.
    static func runScript(_ script: String, environment: [String: String]) throws -> (ProcessResult, [String]) {
        let work = try temporaryDirectory()
        defer { FileSystem.removeTree(work) }
        var environment = environment
        environment["PATH"] = path
        let result = try TestProcess.run(["bash", "-c", script], environment: environment, directory: work)
        let written = (try? FileSystem.list(work + "/rudder-lint")) ?? []
        return (result, written)
    }

    static func lintedCount(_ stdout: String) -> Int {
        stdout.split(separator: "\n").filter { $0 == "1 chart(s) linted, 0 chart(s) failed" }.count
    }

    static func sarifIsAvailable() throws -> Bool {
        try TestProcess.run([TestProcess.rudderPath(), "lint", "charts/lobe-chat", "--format", "sarif"], directory: root).status == 0
    }

    static func junitIsAvailable() throws -> Bool {
        try TestProcess.run([TestProcess.rudderPath(), "lint", "charts/lobe-chat", "--format", "junit"], directory: root).status == 0
    }

    /// A chart Helm's lint rejects (Chart.yaml without a version).
    static func brokenChart(in directory: String) throws -> String {
        let chart = directory + "/broken"
        try FileSystem.createDirectory(chart + "/templates")
        try FileSystem.writeAtomically(chart + "/Chart.yaml", Array("apiVersion: v2\nname: broken\n".utf8))
        return chart
    }

    // MARK: GitHub Actions

    static func githubStep(named name: String) throws -> Int? {
        let steps = try IntegrationProbe.read(github, "jobs/lint/steps")
        return steps.firstIndex { $0.contains("\"name\":\"\(name)\"") }
    }

    static func githubEnvironment(charts: String) throws -> [String: String] {
        var environment: [String: String] = [:]
        for key in ["VALUES_GLOB", "LINT_FLAGS", "RUDDER_SARIF"] {
            environment[key] = try IntegrationProbe.text(github, "env/" + key)
        }
        environment["CHARTS"] = charts
        return environment
    }

    @Test func githubWorkflowLintsTheBundledCharts() throws {
        #expect(try IntegrationProbe.text(Self.github, "env/CHARTS") == "charts/*")
        let index = try #require(try Self.githubStep(named: "Lint charts"))
        let script = try IntegrationProbe.text(Self.github, "jobs/lint/steps/\(index)/run")
        #expect(script.contains("rudder lint"))
        let (result, written) = try Self.runScript(script, environment: try Self.githubEnvironment(charts: Self.root + "/charts/*"))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(Self.lintedCount(result.stdout) == Self.expectedRuns)
        #expect(written.filter { $0.hasSuffix(".json") }.count == Self.expectedRuns)
        #expect(written.contains("anything-llm-engineering.json"))
    }

    @Test func githubWorkflowFailsOnABrokenChart() throws {
        let directory = try Self.temporaryDirectory()
        defer { FileSystem.removeTree(directory) }
        let chart = try Self.brokenChart(in: directory)
        let index = try #require(try Self.githubStep(named: "Lint charts"))
        let script = try IntegrationProbe.text(Self.github, "jobs/lint/steps/\(index)/run")
        let (result, _) = try Self.runScript(script, environment: try Self.githubEnvironment(charts: Self.root + "/charts/lobe-chat " + chart))
        #expect(result.status == 1)
        #expect(result.stdout.contains("[ERROR] Chart.yaml: version is required"), "\(result.stdout)")
    }

    /// SARIF waits for issue 12: the upload stays off while `--format sarif` is refused.
    @Test func githubSarifUploadFollowsTheLintFormat() throws {
        let index = try #require(try Self.githubStep(named: "Upload SARIF"))
        #expect(try IntegrationProbe.text(Self.github, "jobs/lint/steps/\(index)/uses").hasPrefix("github/codeql-action/upload-sarif@"))
        let report = try #require(try Self.githubStep(named: "SARIF report"))
        #expect(try IntegrationProbe.text(Self.github, "jobs/lint/steps/\(report)/run").contains("--format sarif"))
        let enabled = try IntegrationProbe.text(Self.github, "env/RUDDER_SARIF") == "true"
        #expect(enabled == (try Self.sarifIsAvailable()))
    }

    // MARK: GitLab CI

    @Test func gitlabJobLintsTheBundledCharts() throws {
        let script = try IntegrationProbe.read(Self.gitlab, "rudder-lint/script").joined(separator: "\n")
        var environment: [String: String] = [:]
        for key in ["VALUES_GLOB", "LINT_FLAGS", "RUDDER_JUNIT"] {
            environment[key] = try IntegrationProbe.text(Self.gitlab, "rudder-lint/variables/" + key)
        }
        environment["CHARTS"] = Self.root + "/charts/*"
        let (result, written) = try Self.runScript(script, environment: environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(Self.lintedCount(result.stdout) == Self.expectedRuns)
        #expect(written.filter { $0.hasSuffix(".json") }.count == Self.expectedRuns)
        #expect(try IntegrationProbe.text(Self.gitlab, "rudder-lint/artifacts/reports/junit") == "rudder-lint/*.xml")
        // JUnit waits for issue 12, as SARIF does.
        #expect((environment["RUDDER_JUNIT"] == "true") == (try Self.junitIsAvailable()))
    }

    // MARK: pre-commit

    @Test func preCommitHookLintsTheChartsOfChangedFiles() throws {
        let ids = try IntegrationProbe.readList(Self.preCommit).filter { !$0.isEmpty }
        #expect(ids.count == 2)
        let entry = try IntegrationProbe.readList(Self.preCommit, "0/entry").joined()
        #expect(try IntegrationProbe.readList(Self.preCommit, "0/id") == ["rudder-lint"])
        let arguments = try IntegrationProbe.readList(Self.preCommit, "0/args")
        // As pre-commit runs it: entry, args, then the changed files.
        let changed = ["charts/anything-llm/values.yaml", "charts/lobe-chat/templates/deployment.yaml",
                       "charts/lobe-chat/departments/legal.yaml", "README.md"]
        let result = try TestProcess.run([Self.root + "/" + entry] + arguments + changed,
                                         environment: ["PATH": Self.path], directory: Self.root)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(Self.lintedCount(result.stdout) == Self.expectedRuns)
    }

    @Test func preCommitAllChartsHookRuns() throws {
        #expect(try IntegrationProbe.readList(Self.preCommit, "1/id") == ["rudder-lint-all"])
        let entry = try IntegrationProbe.readList(Self.preCommit, "1/entry").joined()
        let arguments = try IntegrationProbe.readList(Self.preCommit, "1/args")
        let command = entry.split(separator: " ").map(String.init) + arguments
        #expect(command.first == "rudder")
        let result = try TestProcess.run(command, environment: ["PATH": Self.path], directory: Self.root)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("2 chart(s) linted, 0 chart(s) failed"))
    }
}
