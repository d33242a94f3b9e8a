import RudderCore
import RudderTemplate

/// A Masterminds/semver v3 constraint: `||`-separated groups of
/// comma- or space-separated comparisons, with `x`/`*` wildcards, `~`, `^`
/// and hyphen ranges.
struct SemverConstraint {
    enum Operator: String {
        case equal = "", equalSign = "=", notEqual = "!=", greater = ">", less = "<"
        case greaterOrEqual = ">=", greaterOrEqualAlternative = "=>", lessOrEqual = "<=", lessOrEqualAlternative = "=<"
        case tilde = "~", tildeArrow = "~>", caret = "^"
    }

    struct Comparison {
        var operation: Operator
        var version: SemanticVersion
        var minorDirty = false
        var patchDirty = false
        var dirty = false
    }

    var groups: [[Comparison]]

    // constraint: group ('||' group)*
    init(parsing text: String) throws {
        groups = []
        for group in SemverConstraint.split(text, on: "||") {
            groups.append(try SemverConstraint.parseGroup(group))
        }
    }

    static func split(_ text: String, on separator: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix(separator) {
                parts.append(current)
                current = ""
                rest = rest.dropFirst(separator.count)
            } else {
                current.append(rest.removeFirst())
            }
        }
        parts.append(current)
        return parts
    }

    // group: (operator? version | version '-' version) (','? ...)*
    static func parseGroup(_ group: String) throws -> [Comparison] {
        let improper = FunctionError("improper constraint: \(group)")
        var rest = Substring(group)
        var comparisons: [Comparison] = []
        func skipSpaces() { while let c = rest.first, c == " " || c == "\t" { rest.removeFirst() } }
        var previousEndedWithComma = false
        var previousWasRange = false
        var previousEnd = group.startIndex
        while true {
            skipSpaces()
            if rest.isEmpty { break }
            var operation = Operator.equal
            for candidate in [">=", "=>", "<=", "=<", "!=", "~>", ">", "<", "=", "~", "^"] where rest.hasPrefix(candidate) {
                operation = Operator(rawValue: candidate) ?? .equal
                rest = rest.dropFirst(candidate.count)
                break
            }
            skipSpaces()
            let versionStart = rest
            guard let version = readVersion(&rest) else { throw improper }
            let lowerText = versionStart[..<rest.startIndex]
            let after = rest
            skipSpaces()
            if operation == .equal, rest.hasPrefix("-"), rest.dropFirst().first == " " {
                rest = rest.dropFirst()
                skipSpaces()
                let upperStart = rest
                guard let upper = readVersion(&rest) else { throw improper }
                let upperText = upperStart[..<rest.startIndex]
                if !comparisons.isEmpty && !previousEndedWithComma && !previousWasRange {
                    // Masterminds rewrites `\s*A - B\s*` to `>= A, <= B` before
                    // checking, which glues it to the constraint before it.
                    skipSpaces()
                    let rewritten = String(group[..<previousEnd]) + ">= \(lowerText), <= \(upperText) " + String(rest)
                    throw FunctionError("improper constraint: \(rewritten)")
                }
                comparisons.append(try comparison(.greaterOrEqual, version))
                comparisons.append(try comparison(.lessOrEqual, upper))
                previousEnd = rest.startIndex
                previousWasRange = true
            } else {
                previousEnd = after.startIndex
                previousWasRange = false
                if after.first != nil && after.first != " " && after.first != "\t" && after.first != "," { throw improper }
                comparisons.append(try comparison(operation, version))
            }
            skipSpaces()
            previousEndedWithComma = rest.first == ","
            if previousEndedWithComma { rest.removeFirst() }
        }
        if comparisons.isEmpty { throw improper }
        return comparisons
    }

    /// A constraint version: `v?` then up to three parts of digits or x/X/*,
    /// then an optional pre-release and build metadata.
    static func readVersion(_ rest: inout Substring) -> (parts: [Substring], prerelease: Substring, metadata: Substring)? {
        var text = rest
        if text.hasPrefix("v") { text = text.dropFirst() }
        let core = text.prefix { $0.isNumber || $0 == "x" || $0 == "X" || $0 == "*" || $0 == "." }
        guard !core.isEmpty, !core.hasPrefix(".") else { return nil }
        text = text.dropFirst(core.count)
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 3, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        func identifierCharacters(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == ".") }
        var prerelease: Substring = ""
        var metadata: Substring = ""
        if text.hasPrefix("-") && text.dropFirst().first.map(identifierCharacters) == true {
            prerelease = text.dropFirst().prefix(while: identifierCharacters)
            text = text.dropFirst(1 + prerelease.count)
        }
        if text.hasPrefix("+") {
            metadata = text.dropFirst().prefix(while: identifierCharacters)
            text = text.dropFirst(1 + metadata.count)
        }
        rest = text
        return (parts, prerelease, metadata)
    }

    static func isWildcard(_ part: Substring) -> Bool { part == "x" || part == "X" || part == "*" }

    static func comparison(
        _ operation: Operator, _ version: (parts: [Substring], prerelease: Substring, metadata: Substring)
    ) throws -> Comparison {
        let parts = version.parts
        // Strings, not Substrings: `String + Substring` and `[Substring].joined`
        // are unspecialized generics, whose first calls look up conformances
        // (≈240k instructions per process).
        let suffix = (version.prerelease.isEmpty ? "" : "-" + String(version.prerelease))
            + (version.metadata.isEmpty ? "" : "+" + String(version.metadata))
        var text = parts.map { String($0) }.joined(separator: ".") + suffix
        var minorDirty = false, patchDirty = false, dirty = false
        if isWildcard(parts[0]) {
            text = "0.0.0" + suffix
            dirty = true
        } else if parts.count < 2 || isWildcard(parts[1]) {
            minorDirty = true
            dirty = true
            text = "\(parts[0]).0.0" + suffix
        } else if parts.count < 3 || isWildcard(parts[2]) {
            patchDirty = true
            dirty = true
            text = "\(parts[0]).\(parts[1]).0" + suffix
        }
        guard let parsed = try? SemanticVersion(parsing: text) else {
            throw FunctionError("constraint parser error")
        }
        return Comparison(
            operation: operation, version: parsed,
            minorDirty: minorDirty, patchDirty: patchDirty, dirty: dirty)
    }

    func check(_ version: SemanticVersion) -> Bool {
        groups.contains { group in
            // A pre-release version is admitted only by a group naming a pre-release.
            if !version.prerelease.isEmpty && group.allSatisfy({ $0.version.prerelease.isEmpty }) { return false }
            return group.allSatisfy { $0.admits(version) }
        }
    }
}

extension SemverConstraint.Comparison {
    func admits(_ v: SemanticVersion) -> Bool {
        let c = version
        switch operation {
        case .equal, .equalSign:
            return dirty ? tilde(v) : v.compare(c) == 0
        case .notEqual:
            if dirty {
                if c.major != v.major { return true }
                if c.minor != v.minor && !minorDirty { return true }
                if minorDirty { return false }
                if c.patch != v.patch && !patchDirty { return true }
                if patchDirty {
                    if !v.prerelease.isEmpty || !c.prerelease.isEmpty {
                        return SemanticVersion.comparePrerelease(v.prerelease, c.prerelease) != 0
                    }
                    return false
                }
            }
            return v.compare(c) != 0
        case .greater:
            if !dirty { return v.compare(c) > 0 }
            if v.major != c.major { return v.major > c.major }
            if minorDirty { return false }
            if patchDirty { return v.minor > c.minor }
            return v.compare(c) > 0
        case .less:
            return v.compare(c) < 0
        case .greaterOrEqual, .greaterOrEqualAlternative:
            return v.compare(c) >= 0
        case .lessOrEqual, .lessOrEqualAlternative:
            if !dirty { return v.compare(c) <= 0 }
            if v.major > c.major { return false }
            if v.major == c.major && v.minor > c.minor && !minorDirty { return false }
            return true
        case .tilde, .tildeArrow:
            return tilde(v)
        case .caret:
            if v.compare(c) < 0 { return false }
            if c.major > 0 || minorDirty { return v.major == c.major }
            if v.major > 0 { return false }
            if c.minor > 0 || patchDirty { return v.minor == c.minor }
            if v.minor > 0 { return false }
            return v.patch == c.patch
        }
    }

    func tilde(_ v: SemanticVersion) -> Bool {
        let c = version
        if v.compare(c) < 0 { return false }
        if c.major == 0 && c.minor == 0 && c.patch == 0 && !minorDirty && !patchDirty { return true }
        if v.major != c.major { return false }
        if v.minor != c.minor && !minorDirty { return false }
        return true
    }
}
