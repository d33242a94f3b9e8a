import ArgumentParser
import RudderChart

/// `rudder argocd`: the Argo CD Config Management Plugin side of rudder.
struct ArgoCDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "argocd",
        abstract: "Run as an Argo CD Config Management Plugin (see integrations/argocd/plugin.yaml).",
        discussion: """
            Examples:
              ARGOCD_APP_NAME=web ARGOCD_APP_NAMESPACE=web rudder argocd generate .
            """,
        subcommands: [ArgoCDGenerateCommand.self]
    )
}

/// `rudder argocd generate [CHART_DIR]`: `rudder template` with the release,
/// namespace, capabilities, values files and `--set` values taken from the
/// environment Argo CD's repo-server gives a plugin. Only manifests on stdout;
/// logs and errors on stderr.
struct ArgoCDGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Render a chart for Argo CD from the plugin environment (manifests on stdout).",
        discussion: """
            Reads ARGOCD_APP_NAME (release name) and ARGOCD_APP_NAMESPACE (namespace) unless \
            given, KUBE_VERSION and KUBE_API_VERSIONS, the plugin parameters from \
            ARGOCD_APP_PARAMETERS (or PARAM_* when that is absent: values-files, \
            helm-parameters, helm-string-parameters, release-name, namespace) and the \
            Application's plugin env (ARGOCD_ENV_RELEASE_NAME, ARGOCD_ENV_NAMESPACE, \
            ARGOCD_ENV_VALUES_FILES, ARGOCD_ENV_SET). CRDs are included, as Argo CD's \
            own Helm rendering does; --skip-crds leaves them out.

            Examples:
              ARGOCD_APP_NAME=engineering ARGOCD_APP_NAMESPACE=engineering \\
                ARGOCD_APP_PARAMETERS='[{"name":"values-files","array":["departments/engineering.yaml"]}]' \\
                rudder argocd generate charts/anything-llm
            """
    )

    @Argument(help: ArgumentHelp("Chart directory (the Application's source path).", valueName: "CHART_DIR"))
    var chartDirectory: String = "."

    @OptionGroup var values: ValuesFlags

    @Option(name: .customLong("name"), help: "Release name (default: ARGOCD_APP_NAME).")
    var releaseName: String?

    @Option(name: [.customShort("n"), .customLong("namespace")], help: "Namespace (default: ARGOCD_APP_NAMESPACE).")
    var namespace: String?

    @Option(name: .customLong("kube-version"), help: "Kubernetes version (default: KUBE_VERSION).")
    var kubeVersion: String?

    @Option(name: [.customShort("a"), .customLong("api-versions")],
            help: ArgumentHelp("Kubernetes API versions (default: KUBE_API_VERSIONS).", valueName: "version"))
    var apiVersions: [String] = []

    @Flag(name: .customLong("skip-crds"), help: "Leave the chart's crds/ out of the output.")
    var skipCRDs = false

    @Flag(name: .customLong("skip-tests"), help: "Skip tests from the output.")
    var skipTests = false

    mutating func run() throws {
        let environment = try ArgoCDEnvironment(environment: ArgoCDEnvironment.processEnvironment())
        var request = TemplateRequest(chartPath: chartDirectory)
        request.releaseName = releaseName ?? environment.releaseName ?? "release-name"
        request.namespace = namespace ?? environment.namespace ?? "default"
        request.kubeVersion = kubeVersion ?? environment.kubeVersion
        let flagAPIVersions = apiVersions.flatMap { splitCommaList($0) }
        request.apiVersions = flagAPIVersions.isEmpty ? environment.apiVersions : flagAPIVersions
        request.values = ValuesOptions(
            valueFiles: environment.valueFiles + values.valueFiles,
            setJSON: values.setJSON,
            set: environment.set + values.set,
            setString: environment.setString + values.setString,
            setFile: values.setFile,
            setLiteral: values.setLiteral)
        request.skipSchemaValidation = values.skipSchemaValidation
        request.includeCRDs = !skipCRDs
        request.skipTests = skipTests
        do {
            let output = try TemplateAction.run(request)
            Terminal.writeError(output.logs.map { $0 + "\n" }.joined())
            Terminal.write(output.stdout)
        } catch {
            Terminal.writeError(error.logs.map { $0 + "\n" }.joined())
            throw CLIFailure(error.message, detail: error.detail)
        }
    }
}
