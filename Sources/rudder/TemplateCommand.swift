#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CPosix
import RudderChart
import RudderCore

/// `rudder template [NAME] CHART`: render a chart locally, exactly as `helm template`.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Render chart templates locally and display the output (as `helm template`).",
        discussion: """
            Examples:
              rudder template engineering charts/anything-llm -n engineering \\
                  -f charts/anything-llm/departments/engineering.yaml
              rudder template web ./mychart --set image.tag=1.2.3 -s templates/deployment.yaml
            """
    )

    @Argument(help: ArgumentHelp("Release name (optional) and chart path.", valueName: "[NAME] CHART"))
    var arguments: [String] = []

    @OptionGroup var values: ValuesFlags

    @Option(name: [.customShort("n"), .customLong("namespace")], help: "Namespace of the release.")
    var namespace: String = "default"

    @Option(name: [.customShort("s"), .customLong("show-only")],
            help: ArgumentHelp("Only show manifests rendered from the given templates (glob).", valueName: "template"))
    var showOnly: [String] = []

    @Flag(name: .customLong("include-crds"), help: "Include CRDs in the templated output.")
    var includeCRDs = false

    @Flag(name: .customLong("skip-tests"), help: "Skip tests from templated output.")
    var skipTests = false

    @Flag(name: .customLong("no-hooks"), help: "Leave hooks out of the output.")
    var noHooks = false

    @Flag(name: .customLong("is-upgrade"), help: "Set .Release.IsUpgrade instead of .Release.IsInstall.")
    var isUpgrade = false

    @Option(name: .customLong("kube-version"), help: "Kubernetes version used for Capabilities.KubeVersion.")
    var kubeVersion: String?

    @Option(name: [.customShort("a"), .customLong("api-versions")],
            help: ArgumentHelp("Kubernetes API versions used for Capabilities.APIVersions (repeatable, or comma-separated).", valueName: "version"))
    var apiVersions: [String] = []

    @Option(name: .customLong("output-dir"), help: "Write the executed templates to files in this directory instead of stdout.")
    var outputDir: String?

    @Flag(name: .customLong("release-name"), help: "Use the release name in the output-dir path.")
    var useReleaseName = false

    @Flag(name: .customLong("enable-dns"), help: "Enable DNS lookups when rendering templates.")
    var enableDNS = false

    @Option(name: .customLong("timeout"), help: ArgumentHelp("Time limit for rendering (Go duration: 30s, 5m).", valueName: "duration"))
    var timeout: String = "5m0s"

    @Flag(name: [.customShort("g"), .customLong("generate-name")], help: "Generate the release name (and omit NAME).")
    var generateName = false

    @Flag(name: .customLong("debug"), help: "Print the rendered output even when it is not valid YAML, and the time of each stage.")
    var debug = false

    @Option(name: .customLong("values-dir"),
            help: ArgumentHelp("Render one release per values file in this folder (name and namespace from the file name).", valueName: "dir"))
    var valuesDir: String?

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "With --values-dir: no progress line and no summary.")
    var quiet = false

    mutating func run() throws {
        try invocation.run()
    }

    /// The parsed command line as plain values (the fast path fills the same).
    var invocation: TemplateInvocation {
        TemplateInvocation(
            arguments: arguments, valueFiles: values.valueFiles, set: values.set, setString: values.setString,
            setJSON: values.setJSON, setFile: values.setFile, setLiteral: values.setLiteral,
            skipSchemaValidation: values.skipSchemaValidation, namespace: namespace, showOnly: showOnly,
            includeCRDs: includeCRDs, skipTests: skipTests, noHooks: noHooks, isUpgrade: isUpgrade,
            kubeVersion: kubeVersion, apiVersions: apiVersions, outputDir: outputDir, useReleaseName: useReleaseName,
            enableDNS: enableDNS, timeout: timeout, generateName: generateName, debug: debug,
            valuesDir: valuesDir, quiet: quiet)
    }
}

/// `rudder template`'s options as plain values, and the command's work.
struct TemplateInvocation: Equatable {
    var arguments: [String] = []
    var valueFiles: [String] = []
    var set: [String] = []
    var setString: [String] = []
    var setJSON: [String] = []
    var setFile: [String] = []
    var setLiteral: [String] = []
    var skipSchemaValidation = false
    var namespace = "default"
    var showOnly: [String] = []
    var includeCRDs = false
    var skipTests = false
    var noHooks = false
    var isUpgrade = false
    var kubeVersion: String?
    var apiVersions: [String] = []
    var outputDir: String?
    var useReleaseName = false
    var enableDNS = false
    var timeout = "5m0s"
    var generateName = false
    var debug = false
    var valuesDir: String?
    var quiet = false

    func run() throws {
        var positional = arguments
        if positional.isEmpty {
            throw CLIFailure("\"rudder template\" requires at least 1 argument\n\nUsage:  rudder template [NAME] [CHART] [flags]")
        }
        if positional.count > 2 {
            throw CLIFailure("expected at most two arguments, unexpected arguments: " + positional[2...].joined(separator: ", "))
        }
        var request = TemplateRequest(chartPath: positional.removeLast())
        if let name = positional.first {
            request.releaseName = name
        } else if generateName {
            request.releaseName = GeneratedName.make(chartPath: request.chartPath)
        }
        request.namespace = namespace
        request.values = ValuesOptions(
            valueFiles: valueFiles, setJSON: setJSON, set: set,
            setString: setString, setFile: setFile, setLiteral: setLiteral)
        request.skipSchemaValidation = skipSchemaValidation
        request.isUpgrade = isUpgrade
        request.kubeVersion = kubeVersion
        request.apiVersions = apiVersions.flatMap { splitCommaList($0) }
        request.includeCRDs = includeCRDs
        request.skipTests = skipTests
        request.noHooks = noHooks
        request.showOnly = showOnly
        request.outputDir = outputDir
        request.useReleaseName = useReleaseName
        request.enableDNS = enableDNS
        guard let seconds = GoDuration.seconds(timeout) else {
            throw CLIFailure("invalid argument \"\(timeout)\" for \"--timeout\" flag: time: invalid duration \"\(timeout)\"")
        }
        request.timeoutSeconds = seconds

        if let valuesDir {
            // Batch rendering (issue #10): the other flags apply to every release.
            if arguments.count > 1 {
                throw CLIFailure("--values-dir takes release names from the file names: give only CHART")
            }
            try BatchCommand.runValuesDirectory(valuesDir, base: request, quiet: quiet)
            return
        }

        // malloc grows its heaps 8 MiB at a time instead of 128 KiB: a render's
        // threads otherwise make about 80 mprotect and brk calls between them
        // (pages are still only mapped in when touched). 3-4% of a render.
        _ = mallopt(M_TOP_PAD, 8 << 20)
        do {
            let output = debug ? try runWithTimings(request) : try TemplateAction.run(request, keepForExit: true)
            Terminal.writeError(output.logs.map { $0 + "\n" }.joined())
            for file in output.files {
                try FileSystem.writeAtomically(file.path, Array(file.content.utf8))
            }
            Terminal.write(output.stdout)
        } catch let failure as TemplateFailure {
            Terminal.writeError(failure.logs.map { $0 + "\n" }.joined())
            if debug, let rendered = failure.renderedOutput {
                // Helm prints what rendered, even when it is not valid YAML, and drops its hint.
                Terminal.write(String(ManifestSorter.trimSpace(Substring(rendered))) + "\n")
                throw CLIFailure(failure.messageWithoutDebugHint, detail: failure.detail)
            }
            throw CLIFailure(failure.message, detail: failure.detail)
        }
    }

    /// `--debug`: the same steps as `TemplateAction.run`, with each stage's time on stderr
    /// in Helm's log format.
    func runWithTimings(_ request: TemplateRequest) throws(TemplateFailure) -> TemplateOutput {
        var clock = StageClock()
        let capabilities = try TemplateAction.capabilities(for: request)
        let chart = try TemplateAction.loadInstallableChart(request.chartPath)
        clock.lap("load chart")
        let prepared = try TemplateAction.prepareValues(chart: chart, request: request)
        clock.lap("values")
        let registry = TemplateAction.registryFor(enableDNS: request.enableDNS)
        let output = try TemplateAction.render(prepared: prepared, request: request, capabilities: capabilities) {
            chart throws(RenderError) in try ChartRenderer(chart: chart, functions: registry)
        }
        clock.lap("render and assemble")
        return output
    }
}

/// Stage timings for `--debug`, printed as `level=DEBUG msg="stage" …` lines.
struct StageClock {
    var last = StageClock.now()

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    mutating func lap(_ stage: String) {
        let now = StageClock.now()
        let ms = (now - last) * 1000
        let rounded = Double(Int(ms * 1000)) / 1000
        Terminal.writeError("level=DEBUG msg=\"stage\" stage=\"\(stage)\" duration=\(rounded)ms\n")
        last = now
    }
}
