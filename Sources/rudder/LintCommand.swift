import ArgumentParser
import RudderChart
import RudderCore

/// `rudder lint [CHART…]`: Helm's lint rules with Helm's verdicts and output,
/// plus Rudder's production, hygiene and Kubernetes schema rules (off with
/// `--rules helm`), as text (Helm's layout), JSON, SARIF, JUnit or GitHub annotations.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Examine charts for possible issues (as `helm lint`, and what the cluster would reject).",
        discussion: """
            Runs every rule of `helm lint` 4.1.4 and Rudder's own rules on top: workloads \
            fit for production (resources, probes, non-root, privileges, host access, \
            capabilities, image tags, literal secrets, Service/HPA/PDB targets, Ingress TLS), \
            chart hygiene (YAML 1.1 surprises, undefined values, exponent numbers, duplicate \
            keys, defaults against values.schema.json) and the Kubernetes schemas (1.35, \
            strict; --schema-location DIR for CRDs). Rudder's findings print as \
            `[WARNING] templates/x.yaml:12:7: (rule-id) message`; --format json and sarif \
            add each rule's fix. Switch a rule off with --disable RULE or a `disable:` list in \
            .rudder-lint.yaml in the chart or the repository root. --rules helm runs only \
            helm lint's rules, with helm lint's exact output and exit statuses.

            [ERROR] findings fail the chart, and with --strict [WARNING] findings do too; \
            the exit status is 1 when any chart fails. With --format sarif|junit|github, \
            --fail-level or --values-dir the exit status is 0 when clean, 1 when a finding \
            is at or above --fail-level (error; warning with --strict), 2 for usage or load errors.

            Examples:
              rudder lint charts/anything-llm \\
                  -f charts/anything-llm/departments/engineering.yaml
              rudder lint charts/* --strict --format json
              rudder lint charts/web --rules helm --strict
              rudder lint charts/web --values-dir charts/web/ci --format sarif > lint.sarif
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
        case sarif
        case junit
        case github

        /// The formats CI reads: exit statuses 0, 1 (findings at --fail-level) and 2 (usage or load errors).
        var isCI: Bool { self == .sarif || self == .junit || self == .github }
    }

    enum FailLevel: String, ExpressibleByArgument, CaseIterable {
        case error
        case warning
        case info

        var severity: LintSeverity {
            switch self {
            case .error: return .error
            case .warning: return .warning
            case .info: return .info
            }
        }
    }

    @Argument(help: ArgumentHelp("Chart directories or archives (one or more).", valueName: "PATH"))
    var paths: [String] = []

    @OptionGroup var values: ValuesFlags

    @Flag(name: .customLong("strict"), help: "Fail on lint warnings.")
    var strict = false

    @Flag(name: .customLong("with-subcharts"), help: "Lint dependent charts.")
    var withSubcharts = false

    @Flag(name: .customLong("quiet"), help: "Print only warnings and errors.")
    var quiet = false

    @Option(name: .customLong("kube-version"), help: "Kubernetes version used for capabilities and deprecation checks.")
    var kubeVersion: String?

    @Option(name: [.customShort("n"), .customLong("namespace")], help: "Namespace of the release used to render.")
    var namespace: String = "default"

    @Option(name: .customLong("format"), help: "Output format: text (Helm's), json, sarif, junit or github.")
    var format: Format = .text

    enum RuleSet: String, ExpressibleByArgument, CaseIterable {
        case helm
        case all
    }

    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "Rules to run: all (helm lint's and Rudder's) or helm (helm lint's only, with its exact output).",
        valueName: "SET"))
    var ruleSet: RuleSet = .all

    @Option(name: .customLong("disable"), help: ArgumentHelp("Switch a Rudder rule off (repeatable).", valueName: "RULE"))
    var disabledRules: [String] = []

    @Option(name: .customLong("fail-level"), help: ArgumentHelp(
        "Exit 1 when a finding is at or above this severity (error, warning, info); exit 2 when a path is not a chart.",
        valueName: "LEVEL"))
    var failLevel: FailLevel?

    @Option(name: .customLong("schema-location"), help: ArgumentHelp(
        "Folder of JSON schemas for kinds the bundled Kubernetes schemas lack (CRDs), named as kubeconform's.",
        valueName: "DIR"))
    var schemaLocation: String?

    @Option(name: .customLong("values-dir"), help: ArgumentHelp(
        "Lint each chart once per values file (*.yaml, *.yml) in this directory.", valueName: "DIR"))
    var valuesDirectory: String?

    mutating func run() throws {
        if paths.isEmpty {
            throw CLIFailure("\"rudder lint\" requires at least 1 argument\n\nUsage:  rudder lint PATH [flags]")
        }
        var options = LintOptions()
        options.values = ValuesOptions(
            valueFiles: values.valueFiles, setJSON: values.setJSON, set: values.set,
            setString: values.setString, setFile: values.setFile, setLiteral: values.setLiteral)
        options.skipSchemaValidation = values.skipSchemaValidation
        options.strict = strict
        options.withSubcharts = withSubcharts
        options.kubeVersion = kubeVersion
        options.namespace = namespace

        let ciMode = format.isCI || failLevel != nil || valuesDirectory != nil
        let usage: Int32 = ciMode ? 2 : 1
        let rudderRules = LintRule.rudderRules.map(\.rule)
        let known = Set(rudderRules.map(\.id))
        for id in disabledRules where !known.contains(id) {
            throw CLIFailure("unknown rule \"\(id)\" for --disable", status: 2)
        }
        var ruleList = LintRule.helmRules
        if ruleSet == .all {
            let disabled = Set(disabledRules)
            options.additionalChecks = [ProductionCheck(disabled: disabled), HygieneCheck(disabled: disabled)]
            if let bundle = KubernetesSchemaBundle.bundled(schemaLocation: schemaLocation) {
                options.additionalChecks.append(KubernetesSchemaCheck(bundle: bundle, disabled: disabled))
            }
            ruleList += rudderRules.filter { !disabled.contains($0.id) }
        }

        let report: LintReport
        do {
            report = try lintMatrix(options: options, usage: usage)
        } catch let failure as LintFailure {
            throw CLIFailure(failure.message, detail: failure.detail, status: usage)
        }
        Terminal.writeError(report.logs.map { $0 + "\n" }.joined())
        let level = failLevel?.severity ?? (strict ? .warning : .error)
        let ciOptions = CIFormatOptions(
            repositoryRoot: CIFormatOptions.repositoryRoot(), rules: ruleList, failLevel: level,
            toolVersion: RudderVersion.current)
        switch format {
        case .text:
            let colour = Terminal.isTerminal(1) && Terminal.environment("NO_COLOR") == nil
            let output = report.text(quiet: quiet, colour: colour)
            Terminal.write(output.stdout)
            if !ciMode, let errorLine = output.errorLine { throw CLIFailure(errorLine) }
        case .json:
            Terminal.write(report.json(quiet: quiet))
            if !ciMode, report.failed { throw CLIFailure(report.summary) }
        case .sarif: Terminal.write(report.sarif(ciOptions))
        case .junit: Terminal.write(report.junit(ciOptions))
        case .github: Terminal.write(report.github(ciOptions))
        }
        if ciMode {
            let status = report.ciExitStatus(failLevel: level)
            // The status alone: the output already says what was found.
            if status != 0 { Self.exit(withError: ExitCode(status)) }
        }
    }

    /// One lint run, or with `--values-dir` one per values file there (each
    /// chart result marked with its file).
    func lintMatrix(options: LintOptions, usage: Int32) throws -> LintReport {
        guard let valuesDirectory else { return try Linter.lint(paths: paths, options: options) }
        let names: [String]
        do {
            names = try FileSystem.list(valuesDirectory)
        } catch {
            throw CLIFailure("cannot read --values-dir \(valuesDirectory): \(error)", status: usage)
        }
        let files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        if files.isEmpty { throw CLIFailure("no *.yaml values files in \(valuesDirectory)", status: usage) }
        var combined = LintReport(charts: [], strict: options.strict)
        for name in files {
            let file = valuesDirectory.hasSuffix("/") ? valuesDirectory + name : valuesDirectory + "/" + name
            var single = options
            single.values.valueFiles.append(file)
            var report = try Linter.lint(paths: paths, options: single)
            for index in report.charts.indices { report.charts[index].valuesFile = file }
            combined.charts += report.charts
            combined.logs += report.logs
        }
        return combined
    }
}
