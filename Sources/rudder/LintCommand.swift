import ArgumentParser
import RudderChart

/// `rudder lint [CHART…]`: Helm's lint rules with Helm's verdicts and output
/// (`--format text`), or the findings as JSON (`--format json`).
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Examine charts for possible issues (as `helm lint`).",
        discussion: """
            Runs every rule of `helm lint` 4.1.4: [ERROR] findings fail the chart, and with \
            --strict [WARNING] findings do too. The exit status is 1 when any chart fails.

            Examples:
              rudder lint charts/anything-llm \\
                  -f charts/anything-llm/departments/engineering.yaml
              rudder lint charts/* --strict --format json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
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

    @Option(name: .customLong("format"), help: "Output format: text (Helm's) or json.")
    var format: Format = .text

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

        let report: LintReport
        do {
            report = try Linter.lint(paths: paths, options: options)
        } catch {
            throw CLIFailure(error.message, detail: error.detail)
        }
        Terminal.writeError(report.logs.map { $0 + "\n" }.joined())
        switch format {
        case .text:
            let colour = Terminal.isTerminal(1) && Terminal.environment("NO_COLOR") == nil
            let output = report.text(quiet: quiet, colour: colour)
            Terminal.write(output.stdout)
            if let errorLine = output.errorLine { throw CLIFailure(errorLine) }
        case .json:
            Terminal.write(report.json(quiet: quiet))
            if report.failed { throw CLIFailure(report.summary) }
        }
    }
}
