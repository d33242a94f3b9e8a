import RudderCore

/// A golden case: named sections of exact bytes, read from a case file.
///
/// Case file format (written by `scripts/goldenlib.py`, read here):
///
///     #### case NAME
///     #### SECTION
///     <content>
///     #### SECTION
///     <content>
///     #### end
///
/// A section's content is every line between its header line and the next
/// `####` line, where the newline just before the next `####` line belongs
/// to the delimiter. So content `abc` is written `abc\n####…` and content
/// `abc\n` is written `abc\n\n####…`. Content lines that start with `####`
/// are escaped as `\####` (and `\\####` for a literal `\####`).
public struct GoldenCase: Sendable, CustomStringConvertible {
    public var name: String
    public var sections: [String: String]
    /// Section names in file order.
    public var order: [String]

    public subscript(section: String) -> String? { sections[section] }

    public var description: String { name }
}

public enum GoldenCaseError: Error, CustomStringConvertible {
    case malformed(file: String, line: Int, reason: String)
    public var description: String {
        switch self {
        case .malformed(let file, let line, let reason): return "\(file):\(line): \(reason)"
        }
    }
}

public enum GoldenCases {
    /// The repository root, found from this source file's path.
    public static func repositoryRoot(file: String = #filePath) -> String {
        var parts = file.split(separator: "/", omittingEmptySubsequences: false)
        // .../Sources/_RudderTestSupport/GoldenCases.swift or .../Tests/X/Y.swift
        while let last = parts.last, last != "Sources" && last != "Tests" { parts.removeLast() }
        if !parts.isEmpty { parts.removeLast() }
        return parts.joined(separator: "/")
    }

    /// Path of a file under `Tests/Golden/`.
    public static func goldenPath(_ relative: String) -> String {
        repositoryRoot() + "/Tests/Golden/" + relative
    }

    /// Loads every case of a case file under `Tests/Golden/`.
    public static func load(_ relative: String) throws -> [GoldenCase] {
        let path = goldenPath(relative)
        return try parse(FileSystem.readText(path), file: path)
    }

    public static func parse(_ text: String, file: String) throws -> [GoldenCase] {
        var cases: [GoldenCase] = []
        var current: GoldenCase?
        var section: String?
        var content: [Substring] = []
        var lineNumber = 0

        func closeSection() {
            if let s = section, current != nil {
                current?.sections[s] = content.joined(separator: "\n")
                current?.order.append(s)
            }
            section = nil
            content = []
        }

        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.hasPrefix("#### ") || line == "####" {
                closeSection()
                let header = line.dropFirst(5)
                if header.hasPrefix("case ") {
                    if current != nil {
                        throw GoldenCaseError.malformed(file: file, line: lineNumber, reason: "case without '#### end'")
                    }
                    current = GoldenCase(name: String(header.dropFirst(5)), sections: [:], order: [])
                } else if header == "end" {
                    guard let c = current else {
                        throw GoldenCaseError.malformed(file: file, line: lineNumber, reason: "'#### end' outside a case")
                    }
                    cases.append(c)
                    current = nil
                } else {
                    guard current != nil else {
                        throw GoldenCaseError.malformed(file: file, line: lineNumber, reason: "section outside a case")
                    }
                    section = String(header)
                }
            } else if section != nil {
                if line.hasPrefix("\\####") || line.hasPrefix("\\\\####") {
                    content.append(line.dropFirst())
                } else {
                    content.append(line)
                }
            } else if current != nil && !line.isEmpty {
                throw GoldenCaseError.malformed(file: file, line: lineNumber, reason: "text outside a section")
            }
        }
        if current != nil {
            throw GoldenCaseError.malformed(file: file, line: lineNumber, reason: "file ends inside a case")
        }
        return cases
    }
}
