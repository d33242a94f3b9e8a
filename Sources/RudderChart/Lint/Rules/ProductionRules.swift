/// The rules of issue #12 beyond Helm's: workloads fit for production.
/// Each has a stable id, a default severity, a summary and a one-line fix.
public struct LintRuleFix: Sendable, Equatable {
    public var rule: LintRule
    /// One line saying how to meet the rule.
    public var fix: String
}

extension LintRule {
    public static let containerResources = LintRule(id: "container-resources", severity: .warning, summary: "containers set resource requests and limits")
    public static let containerProbes = LintRule(id: "container-probes", severity: .warning, summary: "containers have liveness and readiness probes")
    public static let podRunAsNonRoot = LintRule(id: "pod-run-as-non-root", severity: .warning, summary: "pods or their containers set runAsNonRoot: true")
    public static let containerPrivileged = LintRule(id: "container-privileged", severity: .error, summary: "no privileged containers")
    public static let containerPrivilegeEscalation = LintRule(id: "container-privilege-escalation", severity: .warning, summary: "containers set allowPrivilegeEscalation: false")
    public static let podHostNamespaces = LintRule(id: "pod-host-namespaces", severity: .error, summary: "pods do not share the host's network, PID or IPC namespace")
    public static let podHostPath = LintRule(id: "pod-host-path", severity: .error, summary: "pods do not mount sensitive host paths")
    public static let containerCapabilities = LintRule(id: "container-capabilities-drop", severity: .warning, summary: "containers drop all capabilities")
    public static let containerReadOnlyRoot = LintRule(id: "container-read-only-root", severity: .warning, summary: "containers have a read-only root filesystem")
    public static let containerImageTag = LintRule(id: "container-image-tag", severity: .warning, summary: "images are pinned to a tag other than latest, or a digest")
    public static let envSecretLiteral = LintRule(id: "env-secret-literal", severity: .error, summary: "secrets are not passed as literal env values")
    public static let serviceSelector = LintRule(id: "service-selector", severity: .error, summary: "a Service's selector matches a pod template of the chart")
    public static let ingressTLS = LintRule(id: "ingress-tls", severity: .warning, summary: "Ingresses declare TLS")
    public static let scalerTarget = LintRule(id: "hpa-target", severity: .error, summary: "a HorizontalPodAutoscaler targets a workload of the chart")
    public static let disruptionBudgetTarget = LintRule(id: "pdb-target", severity: .error, summary: "a PodDisruptionBudget selects a pod template of the chart")
    public static let disruptionBudgetPresent = LintRule(id: "pdb-present", severity: .warning, summary: "workloads with more than one replica have a PodDisruptionBudget")
    public static let renderSkipped = LintRule(id: "objects-skipped", severity: .info, summary: "objects not checked because their render failed on a missing required value")

    /// Every production rule with its fix, in the order they are checked.
    public static let productionRules: [LintRuleFix] = [
        LintRuleFix(rule: containerResources, fix: "set resources.requests (cpu, memory) and resources.limits (memory) on every container"),
        LintRuleFix(rule: containerProbes, fix: "add livenessProbe and readinessProbe to every container"),
        LintRuleFix(rule: podRunAsNonRoot, fix: "set securityContext.runAsNonRoot: true on the pod or every container"),
        LintRuleFix(rule: containerPrivileged, fix: "remove securityContext.privileged: true"),
        LintRuleFix(rule: containerPrivilegeEscalation, fix: "set securityContext.allowPrivilegeEscalation: false on every container"),
        LintRuleFix(rule: podHostNamespaces, fix: "remove hostNetwork, hostPID and hostIPC from the pod spec"),
        LintRuleFix(rule: podHostPath, fix: "use a persistentVolumeClaim, configMap or emptyDir instead of the hostPath volume"),
        LintRuleFix(rule: containerCapabilities, fix: "set securityContext.capabilities.drop: [ALL] and add back only what is needed"),
        LintRuleFix(rule: containerReadOnlyRoot, fix: "set securityContext.readOnlyRootFilesystem: true and mount emptyDir where writes are needed"),
        LintRuleFix(rule: containerImageTag, fix: "pin the image to a version tag or an @sha256 digest"),
        LintRuleFix(rule: envSecretLiteral, fix: "move the value into a Secret and use valueFrom.secretKeyRef"),
        LintRuleFix(rule: serviceSelector, fix: "make spec.selector a subset of a pod template's labels"),
        LintRuleFix(rule: ingressTLS, fix: "add spec.tls with the Ingress's hosts and a certificate Secret"),
        LintRuleFix(rule: scalerTarget, fix: "point spec.scaleTargetRef at a Deployment or StatefulSet rendered by the chart"),
        LintRuleFix(rule: disruptionBudgetTarget, fix: "make spec.selector match a pod template's labels"),
        LintRuleFix(rule: disruptionBudgetPresent, fix: "add a PodDisruptionBudget selecting the workload's pods"),
        LintRuleFix(rule: renderSkipped, fix: "give the required values (e.g. with -f) to check these objects"),
    ]

    /// Every rule of Rudder's own (production, hygiene, Kubernetes schemas,
    /// the configuration file) with its fix: the rules `rudder lint` runs on
    /// top of Helm's unless `--rules helm` is given.
    public static var rudderRules: [LintRuleFix] {
        productionRules + hygieneRules + schemaRules + [LintRuleFix(rule: lintConfig, fix: LintConfigFile.fix)]
    }

    /// The one-line fix of a rule id, when it is one of Rudder's rules.
    public static func fix(for id: String) -> String? {
        rudderRules.first { $0.rule.id == id }?.fix
    }
}
