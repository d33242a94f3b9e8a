import RudderCore
import Testing
import _RudderTestSupport

/// Reads a YAML file of integrations/ through rudder itself: the file is given with
/// `-f` to the probe chart of Tests/Fixtures/integrations/yaml-probe, so rudder's
/// values reader (RudderYAML's `YAMLReader.readValues`) parses it, and the chart prints
/// the node at a path (`spec/generate/command`, `jobs/lint/steps/3`) as comment lines
/// `#> …`: a list one item a line (non-strings as JSON), a string line by line,
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
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0.hasPrefix("#> ") || $0 == "#>" }
            .map { String($0.dropFirst(3)) }
    }

    /// The node at `path` as one string (a string node's text).
    static func text(_ file: String, _ path: String) throws -> String {
        try read(file, path).joined(separator: "\n")
    }
}
