import RudderCore
import Testing
import _RudderTestSupport

/// Checks on the bundled charts and their goldens that need no Helm: every
/// department and bad-values fixture has a golden written by
/// scripts/charts-goldens.sh, and the rendered objects keep the rules of
/// issue #9 (names within 63 characters, department label, no deprecated API).
///
/// `rendersLikeReferenceHelm` replays Tests/Golden/charts/commands.txt with
/// `rudder template` and compares byte for byte.
@Suite struct BundledChartGoldenTests {
    static let charts = ["anything-llm", "lobe-chat"]
    static let root = GoldenCases.repositoryRoot()

    static func departments(_ chart: String) throws -> [String] {
        try FileSystem.list(root + "/charts/\(chart)/departments")
            .filter { $0.hasSuffix(".yaml") }
            .map { String($0.dropLast(5)) }
            .sorted()
    }

    static func fixtures(_ chart: String) throws -> [String] {
        try FileSystem.list(root + "/Tests/Fixtures/bad-values/\(chart)")
            .filter { $0.hasSuffix(".yaml") }
            .map { String($0.dropLast(5)) }
            .sorted()
    }

    /// Golden path and helm arguments, one per line of commands.txt.
    static func commands() throws -> [(golden: String, arguments: [String])] {
        let text = try FileSystem.readText(GoldenCases.goldenPath("charts/commands.txt"))
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), parts[1].split(separator: " ").map(String.init))
        }
    }

    @Test(arguments: charts)
    func everyChartHasAtLeastFourDepartments(chart: String) throws {
        #expect(try Self.departments(chart).count >= 4)
    }

    @Test(arguments: charts)
    func departmentsAreLeftOutOfThePackage(chart: String) throws {
        let ignore = try FileSystem.readText(Self.root + "/charts/\(chart)/.helmignore")
        #expect(ignore.split(separator: "\n").contains("departments/"))
    }

    @Test(arguments: charts)
    func everyDepartmentHasAGoldenWithItsLabel(chart: String) throws {
        for department in try Self.departments(chart) + ["default"] {
            let golden = try FileSystem.readText(GoldenCases.goldenPath("charts/\(chart)/\(department).yaml"))
            #expect(golden.hasPrefix("---\n# Source: \(chart)/templates/"), "\(chart)/\(department).yaml")
            let label = department == "default" ? "general" : department
            #expect(golden.contains("    department: \"\(label)\"\n"), "\(chart)/\(department).yaml lacks the department label")
        }
    }

    @Test(arguments: charts)
    func everyBadFixtureFailsWithAMessage(chart: String) throws {
        let fixtures = try Self.fixtures(chart)
        #expect(fixtures.count >= 4)
        for name in fixtures {
            let golden = try FileSystem.readText(GoldenCases.goldenPath("charts/\(chart)/bad-\(name).txt"))
            #expect(golden.hasPrefix("exit: 1\nError: "), "\(chart)/bad-\(name).txt")
        }
    }

    @Test func commandsListEveryGolden() throws {
        let listed = Set(try Self.commands().map(\.golden))
        for chart in Self.charts {
            for file in try FileSystem.list(GoldenCases.goldenPath("charts/\(chart)")) {
                #expect(listed.contains("\(chart)/\(file)"), "\(chart)/\(file) is not in commands.txt")
            }
        }
        for golden in listed {
            #expect(FileSystem.exists(GoldenCases.goldenPath("charts/" + golden)), "\(golden) is missing")
        }
    }

    /// Object names (`metadata.name`, written at two spaces of indentation)
    /// stay within the 63-character DNS label limit.
    @Test(arguments: charts)
    func objectNamesFitInADNSLabel(chart: String) throws {
        for department in try Self.departments(chart) + ["default"] {
            let golden = try FileSystem.readText(GoldenCases.goldenPath("charts/\(chart)/\(department).yaml"))
            for line in golden.split(separator: "\n") where line.hasPrefix("  name: ") {
                let name = line.dropFirst("  name: ".count)
                #expect(name.count <= 63, "\(chart)/\(department).yaml: \(name)")
            }
        }
    }

    /// API versions deprecated or removed by Kubernetes 1.35, and
    /// autoscaling/v1 (the charts must use autoscaling/v2).
    static let disallowedAPIVersions = [
        "extensions/v1beta1", "apps/v1beta1", "apps/v1beta2", "policy/v1beta1",
        "networking.k8s.io/v1beta1", "autoscaling/v2beta1", "autoscaling/v2beta2",
        "batch/v1beta1", "rbac.authorization.k8s.io/v1beta1", "storage.k8s.io/v1beta1",
        "flowcontrol.apiserver.k8s.io/v1beta3", "autoscaling/v1",
    ]

    @Test(arguments: charts)
    func noDeprecatedOrOldAPIVersions(chart: String) throws {
        for file in try FileSystem.list(GoldenCases.goldenPath("charts/\(chart)")) where file.hasSuffix(".yaml") {
            let golden = try FileSystem.readText(GoldenCases.goldenPath("charts/\(chart)/\(file)"))
            for line in golden.split(separator: "\n") where line.hasPrefix("apiVersion: ") {
                let version = String(line.dropFirst("apiVersion: ".count))
                #expect(!Self.disallowedAPIVersions.contains(version), "\(chart)/\(file): \(version)")
            }
        }
    }

    @Test func rendersLikeReferenceHelm() throws {
        let commands = try Self.commands()
        #expect(commands.count >= 20)
        for command in commands {
            let result = try TestProcess.run(
                [TestProcess.rudderPath(), "template"] + command.arguments, directory: Self.root)
            let expected = try FileSystem.readText(GoldenCases.goldenPath("charts/" + command.golden))
            if command.golden.hasSuffix(".txt") {
                // `exit: N`, then Helm's stderr; Rudder may add a detail line after it.
                let actual = "exit: \(result.status)\n" + result.stderr
                #expect(actual.hasPrefix(expected), "\(command.golden): \(result.stderr)")
            } else {
                #expect(result.status == 0, "\(command.golden): \(result.stderr)")
                #expect(result.stdout == expected, "\(command.golden)")
            }
        }
    }
}
