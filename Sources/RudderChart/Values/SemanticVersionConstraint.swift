/// Masterminds/semver v3 version constraints, as Helm's `IsCompatibleRange`
/// uses them to match `dependencies[].version` against a subchart's version:
/// `||` alternatives of comma- or space-separated comparisons (`=`, `!=`,
/// `>`, `<`, `>=`, `<=`, `~`, `~>`, `^`), `x`/`*` wildcards and `a - b`
/// ranges. An empty or malformed constraint matches nothing, as in Helm.
enum SemanticVersionConstraint {
    struct Version: Comparable {
        var major: UInt64
        var minor: UInt64
        var patch: UInt64
        var prerelease: String

        static func < (lhs: Version, rhs: Version) -> Bool {
            if lhs.major != rhs.major { return lhs.major < rhs.major }
            if lhs.minor != rhs.minor { return lhs.minor < rhs.minor }
            if lhs.patch != rhs.patch { return lhs.patch < rhs.patch }
            return comparePrerelease(lhs.prerelease, rhs.prerelease) < 0
        }

        static func == (lhs: Version, rhs: Version) -> Bool {
            lhs.major == rhs.major && lhs.minor == rhs.minor && lhs.patch == rhs.patch
                && comparePrerelease(lhs.prerelease, rhs.prerelease) == 0
        }
    }

    /// Whether `version` satisfies `constraint` (false when either does not parse).
    static func isCompatible(_ constraint: String, _ version: String) -> Bool {
        guard SemanticVersion.isValid(version), let parsed = parseVersion(version) else { return false }
        let rewritten = rewriteHyphenRanges(constraint)
        var anyGroup = false
        var satisfied = false
        for group in rewritten.components(separatedBy: "||") {
            let terms = group.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
            var merged: [String] = []
            // Join an operator written apart from its version (`>= 1.2`).
            var pendingOperator = ""
            for term in terms {
                if term.allSatisfy({ "<>=!~^".contains($0) }) {
                    pendingOperator += term
                } else {
                    merged.append(pendingOperator + term)
                    pendingOperator = ""
                }
            }
            guard pendingOperator.isEmpty, !merged.isEmpty else { return false }
            var comparisons: [(String, PartialVersion)] = []
            for term in merged {
                guard let comparison = parseComparison(term) else { return false }
                comparisons.append(comparison)
            }
            anyGroup = true
            let allowsPrerelease = comparisons.contains { !$0.1.prerelease.isEmpty }
            if !parsed.prerelease.isEmpty && !allowsPrerelease { continue }
            if comparisons.allSatisfy({ check($0.0, $0.1, parsed) }) { satisfied = true }
        }
        return anyGroup && satisfied
    }

    struct PartialVersion {
        var major: UInt64?
        var minor: UInt64?
        var patch: UInt64?
        var prerelease: String
        var floor: Version { Version(major: major ?? 0, minor: minor ?? 0, patch: patch ?? 0, prerelease: prerelease) }
    }

    static func parseComparison(_ term: String) -> (String, PartialVersion)? {
        let operators = ["!=", ">=", "=>", "<=", "=<", "~>", ">", "<", "=", "~", "^"]
        var op = ""
        var rest = Substring(term)
        for candidate in operators where rest.hasPrefix(candidate) {
            op = candidate
            rest = rest.dropFirst(candidate.count)
            break
        }
        if op == "=>" { op = ">=" }
        if op == "=<" { op = "<=" }
        if op == "~>" { op = "~" }
        if rest.hasPrefix("v") { rest = rest.dropFirst() }
        var prerelease = ""
        if let plus = rest.firstIndex(of: "+") { rest = rest[..<plus] }
        if let dash = rest.firstIndex(of: "-") {
            prerelease = String(rest[rest.index(after: dash)...])
            rest = rest[..<dash]
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var numbers: [UInt64?] = []
        for part in parts {
            if part == "x" || part == "X" || part == "*" {
                numbers.append(nil)
            } else if let number = UInt64(part) {
                if numbers.contains(where: { $0 == nil }) { return nil }
                numbers.append(number)
            } else {
                return nil
            }
        }
        while numbers.count < 3 { numbers.append(nil) }
        return (op, PartialVersion(major: numbers[0], minor: numbers[1], patch: numbers[2], prerelease: prerelease))
    }

    static func check(_ op: String, _ partial: PartialVersion, _ version: Version) -> Bool {
        let floor = partial.floor
        // The first version past the wildcard range (`1.2.x` → 1.3.0).
        func ceiling() -> Version? {
            guard let major = partial.major else { return nil }
            guard let minor = partial.minor else { return Version(major: major + 1, minor: 0, patch: 0, prerelease: "") }
            guard partial.patch != nil else { return Version(major: major, minor: minor + 1, patch: 0, prerelease: "") }
            return nil
        }
        let wildcard = partial.major == nil || partial.minor == nil || partial.patch == nil
        switch op {
        case "", "=":
            if wildcard {
                guard let top = ceiling() else { return true }
                return version >= floor && version < top
            }
            return version == floor
        case "!=":
            if wildcard {
                guard let top = ceiling() else { return false }
                return !(version >= floor && version < top)
            }
            return version != floor
        case ">":
            if wildcard {
                guard let top = ceiling() else { return false }
                return version >= top
            }
            return version > floor
        case ">=": return version >= floor
        case "<": return version < floor
        case "<=":
            if wildcard {
                guard let top = ceiling() else { return true }
                return version < top
            }
            return version <= floor
        case "~":
            let top: Version
            if partial.major == nil { return true }
            if partial.minor == nil {
                top = Version(major: floor.major + 1, minor: 0, patch: 0, prerelease: "")
            } else {
                top = Version(major: floor.major, minor: floor.minor + 1, patch: 0, prerelease: "")
            }
            return version >= floor && version < top
        case "^":
            let top: Version
            if partial.major == nil { return true }
            if floor.major > 0 || partial.minor == nil {
                top = Version(major: floor.major + 1, minor: 0, patch: 0, prerelease: "")
            } else if floor.minor > 0 || partial.patch == nil {
                top = Version(major: 0, minor: floor.minor + 1, patch: 0, prerelease: "")
            } else {
                top = Version(major: 0, minor: 0, patch: floor.patch + 1, prerelease: "")
            }
            return version >= floor && version < top
        default:
            return false
        }
    }

    static func parseVersion(_ text: String) -> Version? {
        guard let (_, partial) = parseComparison(text.hasPrefix("v") ? text : text),
            partial.major != nil
        else { return nil }
        return Version(major: partial.major ?? 0, minor: partial.minor ?? 0, patch: partial.patch ?? 0, prerelease: partial.prerelease)
    }

    /// `1.2 - 1.4.5` → `>=1.2 <=1.4.5`.
    static func rewriteHyphenRanges(_ constraint: String) -> String {
        let words = constraint.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var output: [String] = []
        var index = 0
        while index < words.count {
            if index + 2 < words.count, words[index + 1] == "-" {
                output.append(">=" + words[index])
                output.append("<=" + words[index + 2])
                index += 3
            } else {
                output.append(words[index])
                index += 1
            }
        }
        return output.joined(separator: " ")
    }

    /// SemVer pre-release ordering: none > any; identifiers compared numerically or lexically.
    static func comparePrerelease(_ lhs: String, _ rhs: String) -> Int {
        if lhs == rhs { return 0 }
        if lhs.isEmpty { return 1 }
        if rhs.isEmpty { return -1 }
        let left = lhs.split(separator: "."), right = rhs.split(separator: ".")
        for (a, b) in zip(left, right) where a != b {
            switch (UInt64(a), UInt64(b)) {
            case (let x?, let y?): return x < y ? -1 : 1
            case (.some, nil): return -1
            case (nil, .some): return 1
            default: return a < b ? -1 : 1
            }
        }
        return left.count < right.count ? -1 : (left.count > right.count ? 1 : 0)
    }
}

extension String {
    /// Splits on a multi-character separator (no Foundation).
    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
