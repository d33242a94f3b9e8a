/// Kubernetes' object-name rules, as Helm's lint applies them per kind
/// (apimachinery's `NameIsDNSSubdomain`, `NameIsDNS1035Label`,
/// `ValidateNamespaceName`, `IsPathSegmentName`), with their messages.
enum KubernetesNames {
    static let subdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let label1035Message =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
    static let label1123Message =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

    /// Helm's `validateMetadataName` message, or nil when the name is valid for the kind.
    static func problem(kind: String, name: String) -> String? {
        let messages = problems(kind: kind, name: name)
        guard !messages.isEmpty else { return nil }
        var unique: [String] = []
        for message in messages {
            let text = "metadata.name: Invalid value: \(goQuote(name)): \(message)"
            if !unique.contains(text) { unique.append(text) }
        }
        let aggregate = unique.count == 1 ? unique[0] : "[" + unique.joined(separator: ", ") + "]"
        return "object name does not conform to Kubernetes naming requirements: \(goQuote(name)): \(aggregate)"
    }

    static func problems(kind: String, name: String) -> [String] {
        switch kind.lowercased() {
        case "service":
            return dns1035Label(name)
        case "namespace":
            // ValidateNamespaceName: a DNS-1123 label, with its own word for dots.
            return dns1123Label(name)
        case "certificatesigningrequest":
            return []
        case "role", "clusterrole", "rolebinding", "clusterrolebinding":
            return pathSegmentName(name)
        default:
            return dns1123Subdomain(name)
        }
    }

    static func dns1123Subdomain(_ name: String) -> [String] {
        var errors: [String] = []
        if name.utf8.count > 253 { errors.append("must be no more than 253 characters") }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        if !labels.allSatisfy({ isLabel($0, firstMayBeDigit: true) }) { errors.append(subdomainMessage) }
        return errors
    }

    static func dns1123Label(_ name: String) -> [String] {
        var errors: [String] = []
        if name.utf8.count > 63 { errors.append("must be no more than 63 characters") }
        if !isLabel(Substring(name), firstMayBeDigit: true) {
            // A name that would be a valid subdomain fails only for its dots.
            let labels = name.split(separator: ".", omittingEmptySubsequences: false)
            let isSubdomain = labels.allSatisfy { isLabel($0, firstMayBeDigit: true) }
            errors.append(isSubdomain ? "must not contain dots" : label1123Message)
        }
        return errors
    }

    static func dns1035Label(_ name: String) -> [String] {
        var errors: [String] = []
        if name.utf8.count > 63 { errors.append("must be no more than 63 characters") }
        if !isLabel(Substring(name), firstMayBeDigit: false) { errors.append(label1035Message) }
        return errors
    }

    static func pathSegmentName(_ name: String) -> [String] {
        if name == "." || name == ".." { return ["may not be '\(name)'"] }
        var errors: [String] = []
        if name.contains("/") { errors.append("may not contain '/'") }
        if name.contains("%") { errors.append("may not contain '%'") }
        return errors
    }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?` (with `[a-z]` first for DNS-1035).
    static func isLabel(_ label: Substring, firstMayBeDigit: Bool) -> Bool {
        let bytes = Array(label.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        guard isLower(first) || (firstMayBeDigit && isDigit(first)) else { return false }
        guard isLower(last) || isDigit(last) else { return false }
        return bytes.allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }
}
