/// Helm's deprecation check (`validateNoDeprecations`): a built-in API whose
/// lifecycle says it is deprecated at the target Kubernetes version (Helm's
/// default v1.35, or `--kube-version`) gets apimachinery's warning message.
/// The table (APIDeprecations+Table.swift) is generated from the reference Helm
/// by scripts/lint-deprecations.py.
enum APIDeprecations {
    struct Entry: Sendable {
        var groupVersion: String
        var kind: String
        var deprecated: (major: Int, minor: Int)
        var removed: (major: Int, minor: Int)
        /// `group/version Kind` of the replacement, if any.
        var replacement: String?

        init(_ groupVersion: String, _ kind: String, deprecated: (Int, Int), removed: (Int, Int), replacement: String?) {
            self.groupVersion = groupVersion
            self.kind = kind
            self.deprecated = deprecated
            self.removed = removed
            self.replacement = replacement
        }

        /// apimachinery's `deprecation.WarningMessage`.
        var message: String {
            var text = "\(groupVersion) \(kind) is deprecated"
            if deprecated.major > 0 { text += " in v\(deprecated.major).\(deprecated.minor)+" }
            if removed.major > 0 { text += ", unavailable in v\(removed.major).\(removed.minor)+" }
            if let replacement { text += "; use \(replacement)" }
            return text
        }
    }

    static let index: [String: Entry] = {
        var result: [String: Entry] = [:]
        for entry in table { result[entry.groupVersion + " " + entry.kind] = entry }
        return result
    }()

    /// The warning for `apiVersion`/`kind` at `kubeVersion`, or nil.
    static func problem(apiVersion: String, kind: String, kubeVersion: KubeVersion?) -> String? {
        guard !apiVersion.isEmpty, !kind.isEmpty, let entry = index[normalized(apiVersion) + " " + kind] else { return nil }
        let target = kubeVersion ?? .helmDefault
        // Helm parses the major and minor with strconv.Atoi; the minor of a parsed
        // --kube-version is digits only.
        guard let major = Int(target.major), let minor = Int(target.minor) else { return nil }
        if entry.deprecated.major == 0 && entry.deprecated.minor == 0 { return nil }
        if major == 0 && minor == 0 { return entry.message }
        if entry.deprecated.major > major { return nil }
        if entry.deprecated.major == major && entry.deprecated.minor > minor { return nil }
        return entry.message
    }

    /// `schema.ParseGroupVersion`'s reading: `v1` is the core group; the group
    /// and version as given otherwise.
    static func normalized(_ apiVersion: String) -> String { apiVersion }
}
