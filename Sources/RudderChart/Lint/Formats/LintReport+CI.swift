import RudderCore

/// What the CI formats need besides the report: where the repository root is
/// (paths are made relative to it), which rules ran, and the severity that fails.
public struct CIFormatOptions: Sendable {
    /// Absolute repository root; paths below it are printed relative to it.
    public var repositoryRoot: String?
    /// The rules that ran (SARIF rule metadata, JUnit test cases).
    public var rules: [LintRule]
    /// Findings at or above this fail the run (exit status 1).
    public var failLevel: LintSeverity
    public var toolVersion: String

    public init(repositoryRoot: String?, rules: [LintRule], failLevel: LintSeverity = .error, toolVersion: String = "0.0.0") {
        self.repositoryRoot = repositoryRoot
        self.rules = rules
        self.failLevel = failLevel
        self.toolVersion = toolVersion
    }

    /// The repository root around the current directory (the nearest `.git` above it).
    public static func repositoryRoot(around path: String = ".") -> String? {
        LintConfigFile.repositoryRoot(above: path)
    }
}

extension LintReport {
    /// The CI exit status: 2 when a path was not a chart, 1 when a finding is at
    /// or above `failLevel`, else 0.
    public func ciExitStatus(failLevel: LintSeverity) -> Int32 {
        if charts.contains(where: { $0.loadError != nil }) { return 2 }
        if charts.contains(where: { $0.findings.contains { $0.severity >= failLevel } }) { return 1 }
        return 0
    }

    /// The path of a finding relative to the repository root (forward slashes).
    static func repositoryPath(chart: LintChartResult, file: String, root: String?) -> String {
        var path: String
        if file.hasPrefix("/") {
            path = file
        } else {
            let chartPath = absolutePath(chart.path)
            let isArchive = chart.path.hasSuffix(".tgz") || chart.path.hasSuffix(".tar.gz")
            path = file.isEmpty || isArchive ? chartPath : chartPath + "/" + file
        }
        if let root, path.hasPrefix(root + "/") { path = String(path.dropFirst(root.count + 1)) }
        return path
    }

    /// The one-line fix of a rule, or its summary.
    static func help(_ rule: LintRule) -> String { LintRule.fix(for: rule.id) ?? rule.summary }

    /// Rule metadata by id: the given rules, then any id only seen in findings.
    static func ruleTable(_ rules: [LintRule], charts: [LintChartResult]) -> [LintRule] {
        var table = rules
        var known = Set(rules.map(\.id))
        for chart in charts {
            for finding in chart.findings where known.insert(finding.ruleID).inserted {
                table.append(LintRule(id: finding.ruleID, severity: finding.severity, summary: finding.ruleID))
            }
        }
        return table
    }

    /// 64-bit FNV-1a of `text`, as 16 hex digits: stable across runs and machines.
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The suite name of a chart: its path, and the values file it was linted with.
    static func suiteName(_ chart: LintChartResult) -> String {
        chart.valuesFile.map { "\(chart.path) (\($0))" } ?? chart.path
    }
}
