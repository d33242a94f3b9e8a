import RudderCore
import Testing
import _RudderTestSupport

/// Reads a YAML file of integrations/ through rudder itself: the file is given with
/// `-f` to the probe chart of Tests/Fixtures/integrations/yaml-probe, so rudder's
/// values reader (RudderYAML's `YAMLReader.readValues`) parses it, and the chart prints
/// the node at a path (`spec/generate/command`, `jobs/lint/steps/3`) as comment lines
/// `#> …`: a list one item a line (non-strings as JSON, strings line by line), a string line by line,
/// anything else as JSON. (The test target cannot import RudderYAML itself: it
/// depends only on RudderCore and _RudderTestSupport.)
enum IntegrationProbe {
    static let root = GoldenCases.repositoryRoot()
    static let chart = "Tests/Fixtures/integrations/yaml-probe"

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The lines of the node at `path` (`""` for the whole file, as JSON).
    static func read(_ file: String, _ path: String = "") throws -> [String] {
        let result = try TestProcess.run(
            [TestProcess.rudderPath(), "template", chart, "-f", file, "--set-string", "probePath=" + path],
            directory: root)
        guard result.status == 0 else {
            throw Failure(description: "\(file) \(path): \(result.stderr)")
        }
        return lines(result.stdout)
    }

    /// A YAML file whose top level is a list (`.pre-commit-hooks.yaml`), read with
    /// `fromYamlArray` (RudderYAML's `YAMLReader.unmarshal(top: .list)`) from a copy
    /// of the probe chart that holds it; the node at `path` as `read` prints it.
    static func readList(_ file: String, _ path: String = "") throws -> [String] {
        let copy = "/tmp/rudder-yaml-probe-\(Int.random(in: 0..<1_000_000_000))"
        defer { FileSystem.removeTree(copy) }
        for name in ["Chart.yaml", "templates/probe.yaml"] {
            try FileSystem.createDirectory(copy + "/templates")
            try FileSystem.writeAtomically(copy + "/" + name, try FileSystem.read(root + "/" + chart + "/" + name))
        }
        try FileSystem.writeAtomically(copy + "/input.yaml", try FileSystem.read(root + "/" + file))
        let result = try TestProcess.run(
            [TestProcess.rudderPath(), "template", copy, "--set-string", "probeFile=input.yaml",
             "--set-string", "probePath=" + path],
            directory: root)
        guard result.status == 0 else {
            throw Failure(description: "\(file) \(path): \(result.stderr)")
        }
        return lines(result.stdout)
    }

    static func lines(_ stdout: String) -> [String] {
        stdout.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0.hasPrefix("#> ") || $0 == "#>" }
            .map { String($0.dropFirst(3)) }
    }

    /// The node at `path` as one string (a string node's text).
    static func text(_ file: String, _ path: String) throws -> String {
        try read(file, path).joined(separator: "\n")
    }
}
