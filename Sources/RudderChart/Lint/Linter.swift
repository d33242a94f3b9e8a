import Glibc
import RudderCore

/// `helm lint`: runs Helm 4.1.4's lint rules over charts and returns the
/// findings as data (`LintReport`); printing is the caller's business
/// (`LintReport.text(quiet:)`, `LintReport.json(quiet:)`).
///
/// Rules run in Helm's order: Chart.yaml, values, templates, dependencies, CRDs.
public enum Linter {
    /// Lints every chart of `paths` (`.` when empty), as `helm lint PATH…` does.
    /// Fails before linting only where Helm does: a bad `--kube-version`, or
    /// values flags that cannot be read.
    public static func lint(paths: [String], options: LintOptions) throws(LintFailure) -> LintReport {
        var kubeVersion: KubeVersion?
        if let text = options.kubeVersion, !text.isEmpty {
            do { kubeVersion = try KubeVersion.parse(text) } catch { throw LintFailure(error.description) }
        }
        var all = paths.isEmpty ? ["."] : paths
        if options.withSubcharts {
            for path in all { all += subchartPaths(of: path) }
        }
        let userValues: [String: Value]
        do {
            userValues = try options.values.mergedValues()
        } catch {
            throw LintFailure(error.description, detail: error.position.map { "at \($0)" })
        }
        var results: [LintChartResult] = []
        var logs: [String] = []
        for path in all {
            let run = lintChart(path: path, userValues: userValues, kubeVersion: kubeVersion, options: options)
            results.append(run.result)
            logs += run.logs
        }
        return LintReport(charts: results, strict: options.strict, logs: logs)
    }

    /// Lints one chart (a directory or a `.tgz`/`.tar.gz` archive).
    public static func lint(path: String, options: LintOptions) throws(LintFailure) -> LintChartResult {
        var single = options
        single.withSubcharts = false
        let report = try lint(paths: [path], options: single)
        return report.charts.first ?? LintChartResult(path: path)
    }

    /// Helm's `--with-subcharts` walk: every directory holding a `Chart.yaml`
    /// and every `.tgz`/`.tar.gz` under `<path>/charts`, in lexical walk order.
    static func subchartPaths(of path: String) -> [String] {
        var found: [String] = []
        func walk(_ directory: String, depth: Int) {
            guard depth < 64, let names = try? FileSystem.list(directory) else { return }
            for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                let child = directory + "/" + name
                if name == "Chart.yaml" {
                    found.append(directory)
                } else if name.hasSuffix(".tgz") || name.hasSuffix(".tar.gz") {
                    found.append(child)
                }
                if FileSystem.kind(of: child) == .directory { walk(child, depth: depth + 1) }
            }
        }
        let root = joinPath(path, "charts")
        if FileSystem.kind(of: root) == .directory { walk(root, depth: 0) }
        return found
    }

    /// One chart: the "is this a chart" guard, then every rule.
    static func lintChart(
        path: String, userValues: [String: Value], kubeVersion: KubeVersion?, options: LintOptions
    ) -> (result: LintChartResult, logs: [String]) {
        let source: LintSource
        switch LintSource.open(path) {
        case .success(let opened): source = opened
        case .failure(let failure): return (LintChartResult(path: path, loadError: failure.message), [])
        }
        var context = LintContext(
            source: source, userValues: userValues, kubeVersion: kubeVersion, options: options)
        context.lintChartFile()
        context.lintValues()
        context.lintTemplates()
        context.lintDependencies()
        context.lintCRDs()
        if !options.additionalChecks.isEmpty {
            let chart = try? context.loaded.get()
            let input = LintInput(
                chartPath: path, chart: chart, prepared: context.prepared, rendered: context.rendered,
                findings: context.findings, logs: context.logs.lines, skipSchemaValidation: options.skipSchemaValidation)
            for check in options.additionalChecks { context.findings += check.check(input) }
        }
        return (LintChartResult(path: path, findings: context.findings), context.logs.lines)
    }
}

/// The state of one chart's lint run: its files, the options and the findings so far.
struct LintContext {
    let source: LintSource
    let userValues: [String: Value]
    let kubeVersion: KubeVersion?
    let options: LintOptions
    var findings: [LintFinding] = []
    let logs = LintLog()
    /// What the template rules prepared and rendered, for `LintCheck`s.
    var prepared: PreparedChart?
    var rendered: [(path: String, content: String)]?
    /// The chart as Helm's v2 loader reads it (loaded once, used by the template,
    /// dependency and CRD rules as Helm loads it for each).
    lazy var loaded: Result<Chart, ChartError> = source.loadChart()

    init(source: LintSource, userValues: [String: Value], kubeVersion: KubeVersion?, options: LintOptions) {
        self.source = source
        self.userValues = userValues
        self.kubeVersion = kubeVersion
        self.options = options
    }

    /// Helm's `RunLinterRule`: records a finding when `message` is non-nil; true when the rule passed.
    @discardableResult
    mutating func check(_ rule: LintRule, _ file: String, _ message: String?, position: SourcePosition? = nil) -> Bool {
        guard let message else { return true }
        findings.append(LintFinding(rule, file: file, position: position, message: message))
        return false
    }
}

/// Go's `filepath.Join` of two parts (cleaned).
func joinPath(_ base: String, _ name: String) -> String {
    if base.isEmpty { return cleanPath(name) }
    return cleanPath(base + "/" + name)
}

/// Go's `filepath.Abs`: the cleaned absolute form of `path`.
func absolutePath(_ path: String) -> String {
    if path.hasPrefix("/") { return cleanPath(path) }
    var buffer = [CChar](repeating: 0, count: 4097)
    guard getcwd(&buffer, buffer.count) != nil else { return cleanPath(path) }
    let directory = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return cleanPath(directory + "/" + path)
}
