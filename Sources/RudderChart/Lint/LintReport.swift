import RudderCore

/// What `helm lint` takes, besides the chart paths.
public struct LintOptions: Sendable {
    /// `-f` and the `--set` family.
    public var values = ValuesOptions()
    /// `--strict`: warnings fail the chart too.
    public var strict = false
    /// `--with-subcharts`: also lint every chart found under each chart's `charts/`.
    public var withSubcharts = false
    /// `--kube-version`: the target of the deprecation check and `.Capabilities.KubeVersion`.
    public var kubeVersion: String?
    public var skipSchemaValidation = false
    /// `-n/--namespace`: `.Release.Namespace`.
    public var namespace = "default"
    /// Checks run after Helm's rules on each chart that is a chart.
    public var additionalChecks: [any LintCheck] = []

    public init() {}
}

/// The result of linting one chart path.
public struct LintChartResult: Sendable {
    /// The path as given (or found under `charts/` with `--with-subcharts`).
    public var path: String
    /// Findings in Helm's order.
    public var findings: [LintFinding]
    /// When the path is not a chart at all (Helm's `Error unable to check Chart.yaml …`).
    public var loadError: String?
    /// The values file this run used, in a `--values-dir` matrix (as given).
    public var valuesFile: String?

    public init(path: String, findings: [LintFinding] = [], loadError: String? = nil, valuesFile: String? = nil) {
        self.path = path
        self.findings = findings
        self.loadError = loadError
        self.valuesFile = valuesFile
    }

    /// The worst severity found (nil when nothing was found).
    public var highestSeverity: LintSeverity? { findings.map(\.severity).max() }

    /// Whether the chart fails: a load error, an error, or with `strict` a warning.
    public func failed(strict: Bool) -> Bool {
        if loadError != nil { return true }
        let threshold: LintSeverity = strict ? .warning : .error
        return findings.contains { $0.severity >= threshold }
    }

    /// Helm's `HasWarningsOrErrors`.
    public var hasWarningsOrErrors: Bool {
        loadError != nil || findings.contains { $0.severity > .info }
    }
}

/// Every chart linted in one run.
public struct LintReport: Sendable {
    public var charts: [LintChartResult]
    public var strict: Bool
    /// Lines Helm logs on stderr while rendering (`level=WARN msg="missing required value" …`).
    public var logs: [String]

    public init(charts: [LintChartResult], strict: Bool, logs: [String] = []) {
        self.charts = charts
        self.strict = strict
        self.logs = logs
    }

    public var failedCount: Int { charts.filter { $0.failed(strict: strict) }.count }
    public var failed: Bool { failedCount > 0 }
    /// Helm's summary: `N chart(s) linted, M chart(s) failed`.
    public var summary: String { "\(charts.count) chart(s) linted, \(failedCount) chart(s) failed" }
}

/// A run that cannot start: bad flags or values (Helm's `Error: …` before any chart is linted).
public struct LintFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var detail: String?

    public init(_ message: String, detail: String? = nil) {
        self.message = message
        self.detail = detail
    }

    public var description: String { message }
}
