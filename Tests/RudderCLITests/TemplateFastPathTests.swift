import RudderCore
import Testing
import _RudderTestSupport

/// `rudder template` reads plain command lines itself (start-up speed) and
/// hands everything else to the argument parser. Both must give the same
/// result: each command line runs twice, the second time with
/// `RUDDER_FULL_PARSER=1`, and stdout, stderr and the exit status must agree.
@Suite struct TemplateFastPathTests {
    static let scaffold = "Tests/Fixtures/render/scaffold"

    /// The conformance cases' command lines, and forms the fast path declines.
    static let commandLines: [[String]] = {
        let golden = (try? GoldenCases.load("render/template.cases")) ?? []
        var lines = golden.map { ($0["args"] ?? "").split(separator: "\n").map(String.init) }
        lines += [
            ["x", scaffold, "--set=replicaCount=3", "--namespace=team-a"],
            ["x", scaffold, "--values=charts/anything-llm/departments/sales.yaml"],
            ["x", scaffold, "-n", "a", "-n", "b"],
            ["x", scaffold, "-n=a"],
            ["x", scaffold, "--include-crds", "--include-crds"],
            ["x", scaffold, "--include-crds=true"],
            ["x", scaffold, "--set"],
            ["x", scaffold, "--set", "--debug"],
            ["x", scaffold, "--", "--set"],
            ["x", scaffold, "--no-such-flag"],
            ["x", scaffold, "-gq"],
            ["x", scaffold, "--timeout", "soon"],
            ["x", scaffold, "--timeout", "1m", "--timeout", "2m"],
            ["x", scaffold, "extra"],
            [scaffold, "--generate-name", "--show-only", "templates/service.yaml"],
            ["x", scaffold, "-f", "a.yaml,b.yaml"],
            ["x", scaffold, "-s", "templates/service.yaml", "-s", "templates/serviceaccount.yaml", "-a", "v1,apps/v1"],
            ["--help"],
            ["-h"],
            [],
        ]
        return lines
    }()

    static func withoutDurations(_ text: String) -> [Substring] {
        text.split(separator: "\n").map { line in
            guard line.hasPrefix("level=DEBUG"), let at = line.firstRange(of: " duration=") else { return line }
            return line[..<at.lowerBound]
        }
    }

    @Test(arguments: commandLines)
    func fastPathAgreesWithArgumentParser(_ arguments: [String]) throws {
        let root = GoldenCases.repositoryRoot()
        let command = [TestProcess.rudderPath(), "template"] + arguments
        let fast = try TestProcess.run(command, directory: root)
        let full = try TestProcess.run(command, environment: ["RUDDER_FULL_PARSER": "1"], directory: root)
        // A generated release name is random; --debug's stage times vary.
        if !arguments.contains("--generate-name") {
            #expect(fast.stdout == full.stdout, "stdout differs for \(arguments)")
        }
        #expect(Self.withoutDurations(fast.stderr) == Self.withoutDurations(full.stderr), "stderr differs for \(arguments)")
        #expect(fast.status == full.status, "exit status differs for \(arguments)")
    }
}
