/// A check that runs after Helm's rules, on what the lint run has already
/// produced (the chart, its coalesced values, the rendered templates). This is
/// where further rules plug in: each returns findings with its own rule ids,
/// which every output format prints like Helm's.
public protocol LintCheck: Sendable {
    /// The rules this check may report (ids, default severities, summaries).
    var rules: [LintRule] { get }
    func check(_ input: LintInput) -> [LintFinding]
}

/// What a `LintCheck` sees of one chart.
public struct LintInput: Sendable {
    /// The path being linted, as given.
    public var chartPath: String
    /// The chart as loaded (nil when it did not load).
    public var chart: Chart?
    /// The chart tree and values as rendered (nil when values could not be prepared).
    public var prepared: PreparedChart?
    /// Each rendered template (`<chart>/templates/x.yaml` → text), nil when rendering failed.
    public var rendered: [(path: String, content: String)]?
    /// Helm's findings so far.
    public var findings: [LintFinding]
    /// What rendering logged (`level=WARN msg="missing required value" …`).
    public var logs: [String] = []
    /// `--skip-schema-validation`: rules that apply values.schema.json stay quiet.
    public var skipSchemaValidation = false
}
