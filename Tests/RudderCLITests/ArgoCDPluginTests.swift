import RudderCore
import Testing
import _RudderTestSupport

/// The Argo CD plugin contract: `generate` run exactly as integrations/argocd/plugin.yaml
/// declares it, in the chart directory, with the environment Argo CD's repo-server sets,
/// prints on stdout byte for byte what `rudder template` prints given the equivalent flags.
@Suite struct ArgoCDPluginTests {
    static let root = GoldenCases.repositoryRoot()
    static let pluginFile = "integrations/argocd/plugin.yaml"

    /// `spec.generate.command + args`, with `rudder` replaced by the built binary.
    static func generateCommand() throws -> [String] {
        var command = try IntegrationProbe.read(pluginFile, "spec/generate/command")
            + IntegrationProbe.read(pluginFile, "spec/generate/args")
        #expect(command.first == "rudder")
        if !command.isEmpty { command[0] = TestProcess.rudderPath() }
        return command
    }

    @Test func pluginIsAConfigManagementPlugin() throws {
        #expect(try IntegrationProbe.text(Self.pluginFile, "apiVersion") == "argoproj.io/v1alpha1")
        #expect(try IntegrationProbe.text(Self.pluginFile, "kind") == "ConfigManagementPlugin")
        #expect(try IntegrationProbe.text(Self.pluginFile, "spec/discover/fileName") == "./Chart.yaml")
        let parameters = try IntegrationProbe.read(Self.pluginFile, "spec/parameters/static")
        for name in ["values-files", "helm-parameters", "helm-string-parameters", "release-name", "namespace"] {
            #expect(parameters.contains { $0.contains("\"name\":\"\(name)\"") }, "parameter \(name)")
        }
        #expect(try Self.generateCommand().count == 4)
    }

    /// The sidecar recipe: the image puts plugin.yaml where argocd-cmp-server reads it,
    /// and the repo-server patch runs that server with Argo CD's shared volumes.
    @Test func sidecarRecipeFitsTogether() throws {
        let dockerfile = try FileSystem.readText(Self.root + "/integrations/argocd/Dockerfile")
        #expect(dockerfile.contains("COPY integrations/argocd/plugin.yaml /home/argocd/cmp-server/config/plugin.yaml"))
        #expect(dockerfile.contains("/usr/local/bin/rudder"))
        let patch = "integrations/argocd/repo-server-patch.yaml"
        let container = "spec/template/spec/containers/0"
        #expect(try IntegrationProbe.text(patch, container + "/name") == "rudder")
        #expect(try IntegrationProbe.read(patch, container + "/command") == ["/var/run/argocd/argocd-cmp-server"])
        let mounts = try IntegrationProbe.read(patch, container + "/volumeMounts")
        for path in ["/var/run/argocd", "/home/argocd/cmp-server/plugins", "/tmp"] {
            #expect(mounts.contains { $0.contains("\"mountPath\":\"\(path)\"") }, "mount \(path)")
        }
    }

    struct Scenario: Sendable, CustomStringConvertible {
        var chart: String
        var environment: [String: String]
        var templateArguments: [String]
        var description: String { chart + " " + templateArguments.joined(separator: " ") }
    }

    static let apiVersions = "apps/v1,batch/v1,networking.k8s.io/v1,monitoring.coreos.com/v1"

    static let scenarios: [Scenario] = [
        // Argo CD's own variables and the JSON parameters.
        Scenario(
            chart: "charts/anything-llm",
            environment: [
                "ARGOCD_APP_NAME": "engineering", "ARGOCD_APP_NAMESPACE": "eng",
                "KUBE_VERSION": "1.29.4", "KUBE_API_VERSIONS": apiVersions,
                "ARGOCD_APP_PARAMETERS": #"[{"name":"values-files","array":["departments/engineering.yaml"]},"#
                    + #"{"name":"helm-parameters","map":{"image.tag":"v9","replicaCount":"2"}},"#
                    + #"{"name":"helm-string-parameters","map":{"podAnnotations.build":"0042"}}]"#,
            ],
            templateArguments: ["engineering", ".", "-n", "eng", "-f", "departments/engineering.yaml",
                                "--set", "image.tag=v9", "--set", "replicaCount=2", "--set-string", "podAnnotations.build=0042",
                                "--kube-version", "1.29.4", "--api-versions", apiVersions, "--include-crds"]),
        // release-name and namespace parameters win over the Application's.
        Scenario(
            chart: "charts/lobe-chat",
            environment: [
                "ARGOCD_APP_NAME": "app", "ARGOCD_APP_NAMESPACE": "argo",
                "ARGOCD_APP_PARAMETERS": #"[{"name":"release-name","string":"lobe-sales"},{"name":"namespace","string":"sales"},"#
                    + #"{"name":"values-files","array":["departments/sales.yaml"]},{"name":"other-tool","string":"x"}]"#,
            ],
            templateArguments: ["lobe-sales", ".", "-n", "sales", "-f", "departments/sales.yaml", "--include-crds"]),
        // PARAM_* when ARGOCD_APP_PARAMETERS is absent; plugin env (ARGOCD_ENV_*) first.
        Scenario(
            chart: "charts/lobe-chat",
            environment: [
                "ARGOCD_APP_NAME": "lobe-legal", "ARGOCD_APP_NAMESPACE": "legal",
                "ARGOCD_ENV_VALUES_FILES": "departments/support.yaml", "ARGOCD_ENV_SET": "replicaCount=3",
                "PARAM_VALUES_FILES_0": "departments/legal.yaml",
            ],
            templateArguments: ["lobe-legal", ".", "-n", "legal", "-f", "departments/support.yaml",
                                "-f", "departments/legal.yaml", "--set", "replicaCount=3", "--include-crds"]),
    ]

    @Test(arguments: scenarios)
    func generateMatchesTemplate(_ scenario: Scenario) throws {
        let directory = Self.root + "/" + scenario.chart
        let generated = try TestProcess.run(try Self.generateCommand(), environment: scenario.environment, directory: directory)
        let template = try TestProcess.run([TestProcess.rudderPath(), "template"] + scenario.templateArguments, directory: directory)
        #expect(template.status == 0, "\(template.stderr)")
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(!generated.stdout.isEmpty)
        #expect(generated.stdout == template.stdout)
        #expect(generated.stderr == template.stderr)
    }

    /// Errors go to stderr, never into the manifests Argo CD would apply.
    @Test func failuresLeaveStdoutEmpty() throws {
        let directory = Self.root + "/charts/anything-llm"
        let bad = try TestProcess.run(try Self.generateCommand(),
                                      environment: ["ARGOCD_APP_PARAMETERS": #"[{"name":"values-files","array":["missing.yaml"]}]"#],
                                      directory: directory)
        #expect(bad.status == 1)
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderr.hasPrefix("Error: "))
        let json = try TestProcess.run(try Self.generateCommand(), environment: ["ARGOCD_APP_PARAMETERS": "[{"], directory: directory)
        #expect(json.status == 1)
        #expect(json.stdout.isEmpty)
        #expect(json.stderr.hasPrefix("Error: ARGOCD_APP_PARAMETERS is not JSON: "))
    }
}
