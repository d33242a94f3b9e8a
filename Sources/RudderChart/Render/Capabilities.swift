import RudderCore

/// `.Capabilities`: what the (faked) cluster offers, with Helm 4.1.4's defaults.
public struct Capabilities: Sendable, TemplateObject {
    public var kubeVersion: KubeVersion
    public var apiVersions: APIVersions
    public var helmVersion: HelmVersion

    /// Helm 4.1.4's defaults: Kubernetes v1.35.0 and its API versions; `extraAPIVersions`
    /// (from `-a/--api-versions`) are appended.
    public init(kubeVersion: KubeVersion = .helmDefault, extraAPIVersions: [String] = []) {
        self.kubeVersion = kubeVersion
        self.apiVersions = APIVersions(versions: APIVersions.helmDefaults + extraAPIVersions)
        self.helmVersion = HelmVersion()
    }

    public var goTypeName: String { "*common.Capabilities" }
    public func field(_ name: String) -> Value? {
        switch name {
        case "KubeVersion": return .object(kubeVersion)
        case "APIVersions": return .object(apiVersions)
        case "HelmVersion": return .object(helmVersion)
        default: return nil
        }
    }
    public var printed: String { "&{\(kubeVersion.structText) \(apiVersions.printed) \(helmVersion.printed)}" }
    public var dataRepresentation: Value? {
        .map([
            "KubeVersion": kubeVersion.dataRepresentation ?? .null,
            "APIVersions": apiVersions.dataRepresentation ?? .null,
            "HelmVersion": helmVersion.dataRepresentation ?? .null,
        ])
    }
}

/// `.Capabilities.KubeVersion`: Version, Major, Minor and GitVersion.
public struct KubeVersion: Sendable, TemplateObject {
    public var version: String
    public var major: String
    public var minor: String

    public static let helmDefault = KubeVersion(version: "v1.35.0", major: "1", minor: "35")

    public init(version: String, major: String, minor: String) {
        self.version = version
        self.major = major
        self.minor = minor
    }

    /// Parses `--kube-version` as Helm does (apimachinery's generic versions: optional
    /// leading space and `v`, at least two dot-separated numbers, anything after them;
    /// no leading zero in the major number). The version is the text given with a `v`
    /// put in front when missing: `1.29` gives `v1.29`.
    public static func parse(_ text: String) throws(KubeVersionError) -> KubeVersion {
        var rest = Substring(text)
        while let first = rest.first, first == " " || first == "\t" || first == "\n" || first == "\r" {
            rest = rest.dropFirst()
        }
        if rest.hasPrefix("v") { rest = rest.dropFirst() }
        // The run of digits and dots that forms `[0-9]+(\.[0-9]+)*`.
        var components: [Substring] = []
        var index = rest.startIndex
        while true {
            let start = index
            while index < rest.endIndex, rest[index].isASCII, rest[index].isNumber { index = rest.index(after: index) }
            if start == index {
                // A dot not followed by a digit ends the numbers (it is part of the extra text).
                break
            }
            components.append(rest[start..<index])
            guard index < rest.endIndex, rest[index] == "." else { break }
            let afterDot = rest.index(after: index)
            guard afterDot < rest.endIndex, rest[afterDot].isASCII, rest[afterDot].isNumber else { break }
            index = afterDot
        }
        guard !components.isEmpty else {
            throw KubeVersionError(text: text, reason: "could not parse \"\(text)\" as version")
        }
        guard components.count >= 2 else {
            throw KubeVersionError(text: text, reason: "illegal version string \"\(text)\"")
        }
        if components[0].hasPrefix("0") && components[0] != "0" {
            throw KubeVersionError(
                text: text, reason: "illegal zero-prefixed version component \"\(components[0])\" in \"\(text)\"")
        }
        func number(_ s: Substring) throws(KubeVersionError) -> String {
            guard let n = UInt64(s) else {
                throw KubeVersionError(
                    text: text, reason: "illegal non-numeric version component \"\(s)\" in \"\(text)\"")
            }
            return String(n)
        }
        let major = try number(components[0])
        let minor = try number(components[1])
        let version = text.hasPrefix("v") ? text : "v" + text
        return KubeVersion(version: version, major: major, minor: minor)
    }

    public var goTypeName: String { "common.KubeVersion" }
    public var goKindName: String { "struct" }
    public func field(_ name: String) -> Value? {
        switch name {
        case "Version", "GitVersion": return .string(version)
        case "Major": return .string(major)
        case "Minor": return .string(minor)
        default: return nil
        }
    }
    public func hasMethod(_ name: String) -> Bool { name == "String" || name == "GitVersion" }
    public func callMethod(_ name: String, arguments: [Value]) throws -> Value {
        guard arguments.isEmpty else {
            throw TemplateObjectError("wrong number of args for \(name): want 0 got \(arguments.count)")
        }
        return .string(version)
    }
    /// Templates print it through its `String()` method.
    public var printed: String { version }
    /// How a copy prints where the pointer method is out of reach (`quote`, `printf`).
    var structText: String { "{\(version) \(version) \(major) \(minor)}" }
    public var dataRepresentation: Value? {
        .map(["Version": .string(version), "Major": .string(major), "Minor": .string(minor)])
    }
}

public struct KubeVersionError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var reason: String
    /// Helm's message: `invalid kube version '…': …`.
    public var description: String { "invalid kube version '\(text)': \(reason)" }
}

/// `.Capabilities.APIVersions`: a list of group/version strings with `Has`.
public struct APIVersions: Sendable, TemplateObject {
    public var versions: [String]

    public init(versions: [String]) { self.versions = versions }

    public var goTypeName: String { "common.VersionSet" }
    public var goKindName: String { "slice" }
    public func field(_ name: String) -> Value? { nil }
    public func hasMethod(_ name: String) -> Bool { name == "Has" }
    public func callMethod(_ name: String, arguments: [Value]) throws -> Value {
        guard name == "Has" else { throw TemplateObjectError("can't call method \(name) on type \(goTypeName)") }
        guard arguments.count == 1 else {
            throw TemplateObjectError("wrong number of args for Has: want 1 got \(arguments.count)")
        }
        guard case .string(let wanted) = arguments[0] else {
            throw TemplateObjectError("wrong type for value; expected string; got \(arguments[0].goTypeName)")
        }
        return .bool(versions.contains(wanted))
    }
    public var printed: String { "[" + versions.joined(separator: " ") + "]" }
    public var dataRepresentation: Value? { .list(versions.map { .string($0) }) }

    /// Helm 4.1.4's default API versions (client-go v1.35), in Helm's order.
    public static let helmDefaults: [String] = [
        "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1",
        "admissionregistration.k8s.io/v1beta1", "internal.apiserver.k8s.io/v1alpha1", "apps/v1",
        "apps/v1beta1", "apps/v1beta2", "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1",
        "authentication.k8s.io/v1beta1", "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1",
        "autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta1", "autoscaling/v2beta2", "batch/v1",
        "batch/v1beta1", "certificates.k8s.io/v1", "certificates.k8s.io/v1beta1",
        "certificates.k8s.io/v1alpha1", "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1",
        "coordination.k8s.io/v1", "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1", "events.k8s.io/v1",
        "events.k8s.io/v1beta1", "extensions/v1beta1", "flowcontrol.apiserver.k8s.io/v1",
        "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
        "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "networking.k8s.io/v1beta1",
        "node.k8s.io/v1", "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1", "policy/v1", "policy/v1beta1",
        "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1",
        "rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1", "resource.k8s.io/v1beta2",
        "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3", "scheduling.k8s.io/v1alpha1",
        "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1", "storage.k8s.io/v1",
        "storage.k8s.io/v1alpha1", "storagemigration.k8s.io/v1beta1", "apiextensions.k8s.io/v1beta1",
        "apiextensions.k8s.io/v1",
    ]
}

/// `.Capabilities.HelmVersion`: the Helm version Rudder is compatible with.
public struct HelmVersion: Sendable, TemplateObject {
    public var version = "v4.1.4"
    public var gitCommit = "05fa37973dc9e42b76e1d2883494c87174b6074f"
    public var gitTreeState = "clean"
    public var goVersion = "go1.25.9"
    public var kubeClientVersion = "v1.35"

    public init() {}

    public var goTypeName: String { "version.BuildInfo" }
    public var goKindName: String { "struct" }
    public func field(_ name: String) -> Value? {
        switch name {
        case "Version": return .string(version)
        case "GitCommit": return .string(gitCommit)
        case "GitTreeState": return .string(gitTreeState)
        case "GoVersion": return .string(goVersion)
        case "KubeClientVersion": return .string(kubeClientVersion)
        default: return nil
        }
    }
    public var printed: String { "{\(version) \(gitCommit) \(gitTreeState) \(goVersion) \(kubeClientVersion)}" }
    public var dataRepresentation: Value? {
        .map([
            "version": .string(version), "git_commit": .string(gitCommit),
            "git_tree_state": .string(gitTreeState), "go_version": .string(goVersion),
            "kube_client_version": .string(kubeClientVersion),
        ])
    }
}
