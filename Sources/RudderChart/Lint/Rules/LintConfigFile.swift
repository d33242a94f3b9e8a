import RudderCore
import RudderYAML

/// `.rudder-lint.yaml`: switches rules off for a chart or a repository.
///
///     disable:
///       - container-probes
///       - ingress-tls
///
/// The file is read in the chart directory and in the repository root (the
/// nearest directory above the chart holding `.git`); the lists add up.
public enum LintConfigFile {
    public static let name = ".rudder-lint.yaml"
    /// How to mend a file the `lint-config` rule reports.
    static let fix = "make the file a mapping whose disable: entry is a list of rule ids"

    /// The rule ids disabled for the chart at `chartPath`, or a finding saying what is wrong with a file.
    public static func disabledRules(forChartAt chartPath: String) -> Result<Set<String>, LintConfigProblem> {
        var result: Set<String> = []
        var seen: Set<String> = []
        for directory in [absolutePath(chartPath), repositoryRoot(above: chartPath)].compactMap({ $0 }) where seen.insert(directory).inserted {
            let path = directory + "/" + name
            guard case .regular? = FileSystem.resolvedKind(of: path) else { continue }
            switch read(path) {
            case .success(let ids): result.formUnion(ids)
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(result)
    }

    /// `disabled` plus what the configuration files around the chart disable
    /// (nil with the finding to report when a file is unusable).
    static func effectiveDisabled(_ disabled: Set<String>, chartPath: String, readsFiles: Bool) -> Result<Set<String>, LintConfigProblem> {
        guard readsFiles else { return .success(disabled) }
        return disabledRules(forChartAt: chartPath).map { disabled.union($0) }
    }

    /// Reads one configuration file.
    static func read(_ path: String) -> Result<Set<String>, LintConfigProblem> {
        let rule = LintRule.lintConfig
        do {
            let bytes = try FileSystem.read(path, limit: 1 << 20)
            let value = try YAMLReader.readValues(bytes, file: path)
            guard case .map(let map) = value else { return .success([]) }
            guard let list = map["disable"] else { return .success([]) }
            guard let items = list.listValue else {
                return .failure(LintConfigProblem(finding: LintFinding(rule, file: path, message: "disable must be a list of rule ids")))
            }
            return .success(Set(items.compactMap(\.stringValue)))
        } catch {
            return .failure(LintConfigProblem(finding: LintFinding(rule, file: path, message: "cannot read: \(error)")))
        }
    }

    /// The nearest directory at or above the chart that holds `.git`.
    static func repositoryRoot(above chartPath: String) -> String? {
        var directory = absolutePath(chartPath)
        for _ in 0..<64 {
            if FileSystem.kind(of: directory + "/.git") != nil { return directory }
            guard directory != "/", let slash = directory.lastIndex(of: "/") else { return nil }
            directory = slash == directory.startIndex ? "/" : String(directory[..<slash])
        }
        return nil
    }
}

extension LintRule {
    public static let lintConfig = LintRule(id: "lint-config", severity: .error, summary: ".rudder-lint.yaml is readable and its disable: entry is a list")
}

/// A `.rudder-lint.yaml` that cannot be used, as the finding that reports it.
public struct LintConfigProblem: Error, Sendable {
    public var finding: LintFinding
}
