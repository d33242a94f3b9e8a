import RudderCore
import RudderTemplate

/// A semantic version with Masterminds/semver v3 semantics (`*semver.Version`).
struct SemanticVersion: TemplateObject, Equatable {
    var major: UInt64
    var minor: UInt64
    var patch: UInt64
    var prerelease: String
    var metadata: String
    var original: String

    static let invalid = FunctionError("invalid semantic version")

    /// `semver.NewVersion`: `v?MAJOR(.MINOR)?(.PATCH)?(-PRERELEASE)?(+METADATA)?`.
    init(parsing text: String) throws {
        original = text
        var rest = Substring(text)
        if rest.hasPrefix("v") { rest = rest.dropFirst() }
        metadata = ""
        prerelease = ""
        if let plus = rest.firstIndex(of: "+") {
            metadata = String(rest[rest.index(after: plus)...])
            rest = rest[..<plus]
            try SemanticVersion.validate(metadata, isPrerelease: false)
        }
        if let dash = rest.firstIndex(of: "-") {
            prerelease = String(rest[rest.index(after: dash)...])
            rest = rest[..<dash]
            try SemanticVersion.validate(prerelease, isPrerelease: true)
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { throw Self.invalid }
        var numbers: [UInt64] = []
        for part in parts {
            guard !part.isEmpty, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = UInt64(part) else {
                throw Self.invalid
            }
            numbers.append(number)
        }
        major = numbers[0]
        minor = numbers.count > 1 ? numbers[1] : 0
        patch = numbers.count > 2 ? numbers[2] : 0
    }

    init(major: UInt64, minor: UInt64, patch: UInt64, prerelease: String = "") {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.metadata = ""
        self.original = "\(major).\(minor).\(patch)" + (prerelease.isEmpty ? "" : "-" + prerelease)
    }

    /// Dot-separated identifiers of `[0-9A-Za-z-]`; a numeric pre-release
    /// identifier may not start with 0. Errors read as Masterminds/semver's.
    static func validate(_ text: String, isPrerelease: Bool) throws {
        if text.isEmpty { throw invalid }
        for identifier in text.split(separator: ".", omittingEmptySubsequences: false) {
            if identifier.isEmpty { throw invalid }
            let valid = identifier.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D
            }
            if !valid {
                throw FunctionError(isPrerelease ? "invalid prerelease string" : "invalid metadata string")
            }
            let numeric = identifier.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            if isPrerelease && numeric && identifier.count > 1 && identifier.hasPrefix("0") {
                throw FunctionError("version segment starts with 0")
            }
        }
    }

    var string: String {
        var out = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { out += "-" + prerelease }
        if !metadata.isEmpty { out += "+" + metadata }
        return out
    }

    /// -1, 0 or 1; metadata is ignored.
    func compare(_ other: SemanticVersion) -> Int {
        for (a, b) in [(major, other.major), (minor, other.minor), (patch, other.patch)] where a != b {
            return a < b ? -1 : 1
        }
        return SemanticVersion.comparePrerelease(prerelease, other.prerelease)
    }

    static func comparePrerelease(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        if a.isEmpty { return 1 }
        if b.isEmpty { return -1 }
        let left = a.split(separator: ".", omittingEmptySubsequences: false)
        let right = b.split(separator: ".", omittingEmptySubsequences: false)
        for index in 0..<max(left.count, right.count) {
            guard index < left.count else { return -1 }
            guard index < right.count else { return 1 }
            let x = left[index], y = right[index]
            if x == y { continue }
            let xNumber = UInt64(x), yNumber = UInt64(y)
            switch (xNumber, yNumber) {
            case let (p?, q?): return p < q ? -1 : 1
            case (_?, nil): return -1
            case (nil, _?): return 1
            default: return x < y ? -1 : 1
            }
        }
        return 0
    }

    // MARK: TemplateObject

    var goTypeName: String { "*semver.Version" }
    var printed: String { string }
    func field(_ name: String) -> Value? { nil }

    func hasMethod(_ name: String) -> Bool {
        ["Major", "Minor", "Patch", "Prerelease", "Metadata", "Original", "String", "Compare", "LessThan",
         "GreaterThan", "Equal", "LessThanEqual", "GreaterThanEqual", "IncMajor", "IncMinor", "IncPatch"].contains(name)
    }

    func callMethod(_ name: String, arguments: [Value]) throws -> Value {
        func other() throws -> SemanticVersion {
            guard arguments.count == 1, case .object(let object) = arguments[0], let version = object as? SemanticVersion else {
                throw TemplateObjectError("wrong arguments for method \(name): expected *semver.Version")
            }
            return version
        }
        switch name {
        case "Major": return .int64(Int64(truncatingIfNeeded: major))
        case "Minor": return .int64(Int64(truncatingIfNeeded: minor))
        case "Patch": return .int64(Int64(truncatingIfNeeded: patch))
        case "Prerelease": return .string(prerelease)
        case "Metadata": return .string(metadata)
        case "Original": return .string(original)
        case "String": return .string(string)
        case "Compare": return .int(compare(try other()))
        case "LessThan": return .bool(compare(try other()) < 0)
        case "GreaterThan": return .bool(compare(try other()) > 0)
        case "Equal": return .bool(compare(try other()) == 0)
        case "LessThanEqual": return .bool(compare(try other()) <= 0)
        case "GreaterThanEqual": return .bool(compare(try other()) >= 0)
        case "IncMajor": return .object(SemanticVersion(major: major &+ 1, minor: 0, patch: 0))
        case "IncMinor": return .object(SemanticVersion(major: major, minor: minor &+ 1, patch: 0))
        case "IncPatch":
            return .object(prerelease.isEmpty ? SemanticVersion(major: major, minor: minor, patch: patch &+ 1)
                : SemanticVersion(major: major, minor: minor, patch: patch))
        default: throw TemplateObjectError("can't call method \(name) on type \(goTypeName)")
        }
    }
}
