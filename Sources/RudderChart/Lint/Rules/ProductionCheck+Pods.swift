import RudderCore

extension ProductionCheck {
    /// Host paths whose mount gives a container control of the node.
    static let sensitiveHostPaths = [
        "/", "/etc", "/root", "/home", "/proc", "/sys", "/dev", "/boot", "/var/run", "/run",
        "/var/lib/kubelet", "/var/lib/docker", "/var/lib/containerd", "/var/log", "/usr", "/bin", "/sbin", "/lib",
    ]

    static func isSensitiveHostPath(_ path: String) -> Bool {
        var cleaned = path
        while cleaned.count > 1 && cleaned.hasSuffix("/") { cleaned.removeLast() }
        if cleaned.hasSuffix(".sock") { return true }
        return sensitiveHostPaths.contains { cleaned == $0 || ($0 != "/" && cleaned.hasPrefix($0 + "/")) }
    }

    /// Names of env variables that hold secrets.
    static func looksSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        return upper.hasSuffix("_KEY") || upper == "KEY" || upper.hasSuffix("_TOKEN") || upper == "TOKEN"
            || upper.contains("PASSWORD") || upper.contains("SECRET") || upper.hasSuffix("APIKEY")
    }

    /// The pod-level and container-level rules of one pod template.
    static func checkPod(_ template: PodTemplate, into collector: inout FindingCollector) {
        let object = template.object
        let spec = Value.map(template.spec)
        let specPath = template.specPath
        for field in ["hostNetwork", "hostPID", "hostIPC"] where spec.lookup([field])?.isTruthy == true {
            collector.add(.podHostNamespaces, object, specPath + [field], "\(object.label): \(field) is true")
        }
        for (index, volume) in (spec.lookup(["volumes"])?.listValue ?? []).enumerated() {
            guard let path = volume.lookup(["hostPath", "path"])?.stringValue, isSensitiveHostPath(path) else { continue }
            let name = volume.lookup(["name"])?.stringValue ?? ""
            collector.add(.podHostPath, object, specPath + ["volumes", String(index), "hostPath"],
                "\(object.label): volume \"\(name)\" mounts the host path \(path)")
        }
        let podNonRoot = spec.lookup(["securityContext", "runAsNonRoot"])?.isTruthy == true
        // Pods that run to completion (Jobs, Helm hooks such as tests) need no probes.
        let hook = Value.map(object.value).lookup(["metadata", "annotations", "helm.sh/hook"]) != nil
        let longRunning = !hook && object.kind != "Job" && object.kind != "CronJob"
        for group in ["initContainers", "containers"] {
            for (index, container) in (spec.lookup([group])?.listValue ?? []).enumerated() {
                let path = specPath + [group, String(index)]
                checkContainer(
                    container, main: group == "containers", longRunning: longRunning, podNonRoot: podNonRoot,
                    object: object, path: path, into: &collector)
            }
        }
    }

    static func checkContainer(
        _ container: Value, main: Bool, longRunning: Bool, podNonRoot: Bool, object: RenderedObject, path: [String],
        into collector: inout FindingCollector
    ) {
        let name = container.lookup(["name"])?.stringValue ?? ""
        let label = "\(object.label): container \"\(name)\""
        let security = container.lookup(["securityContext"])
        if main {
            var missing: [String] = []
            for part in ["requests", "limits"] {
                let entries = container.lookup(["resources", part])?.mapValue ?? [:]
                if entries.isEmpty { missing.append("resources.\(part)") }
            }
            if !missing.isEmpty {
                collector.add(.containerResources, object, path + ["resources"], "\(label) has no \(missing.joined(separator: " or "))")
            }
            let probes = ["livenessProbe", "readinessProbe"].filter { container.lookup([$0]) == nil || container.lookup([$0])?.isNull == true }
            if longRunning && !probes.isEmpty {
                collector.add(.containerProbes, object, path, "\(label) has no \(probes.joined(separator: " or "))")
            }
        }
        if !podNonRoot && security?.lookup(["runAsNonRoot"])?.isTruthy != true {
            collector.add(.podRunAsNonRoot, object, path + ["securityContext"], "\(label) may run as root (runAsNonRoot is not true)")
        }
        if security?.lookup(["privileged"])?.isTruthy == true {
            collector.add(.containerPrivileged, object, path + ["securityContext", "privileged"], "\(label) is privileged")
        }
        if security?.lookup(["allowPrivilegeEscalation"]) != .bool(false) {
            collector.add(.containerPrivilegeEscalation, object, path + ["securityContext"], "\(label) does not set allowPrivilegeEscalation: false")
        }
        let dropped = (security?.lookup(["capabilities", "drop"])?.listValue ?? []).compactMap(\.stringValue).map { $0.uppercased() }
        if !dropped.contains("ALL") {
            collector.add(.containerCapabilities, object, path + ["securityContext"], "\(label) does not drop ALL capabilities")
        }
        if security?.lookup(["readOnlyRootFilesystem"])?.isTruthy != true {
            collector.add(.containerReadOnlyRoot, object, path + ["securityContext"], "\(label) has a writable root filesystem")
        }
        if let problem = imageProblem(container.lookup(["image"])?.stringValue ?? "") {
            collector.add(.containerImageTag, object, path + ["image"], "\(label): \(problem)")
        }
        for (index, variable) in (container.lookup(["env"])?.listValue ?? []).enumerated() {
            guard let variableName = variable.lookup(["name"])?.stringValue, looksSecret(variableName),
                let value = variable.lookup(["value"]), !scalarText(value).isEmpty
            else { continue }
            collector.add(.envSecretLiteral, object, path + ["env", String(index), "value"],
                "\(label): env \(variableName) holds a literal value")
        }
    }

    /// Why an image reference is not pinned, or nil.
    static func imageProblem(_ image: String) -> String? {
        if image.isEmpty { return "image is empty" }
        if image.contains("@sha256:") { return nil }
        let lastPart = image.split(separator: "/").last ?? Substring(image)
        guard let colon = lastPart.lastIndex(of: ":") else { return "image \(image) has no tag (means latest)" }
        let tag = lastPart[lastPart.index(after: colon)...]
        if tag.isEmpty { return "image \(image) has an empty tag" }
        if tag == "latest" { return "image \(image) uses the tag latest" }
        return nil
    }
}
