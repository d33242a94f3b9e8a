import RudderCore

/// Traces a line of a template's rendered output back to the template's
/// source, where that can be done without guessing: the rendered line must
/// match exactly one line of the source, literally, or with each `{{ … }}`
/// action standing for any text (and some literal text around the actions).
/// Otherwise the finding keeps its place in the rendered output, marked so.
struct SourceTrace: Sendable {
    /// The template's source lines, each split at its actions into literal parts.
    let patterns: [[Substring]?]
    /// The leading white space of each source line.
    let indents: [Int]

    init(source: [UInt8]) {
        let lines = String(decoding: source, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        patterns = lines.map(Self.pattern)
        indents = lines.map { line in line.prefix { $0 == " " || $0 == "\t" }.count }
    }

    /// The literal parts of a source line around its `{{ … }}` actions (the
    /// first part anchored at the start, the last at the end), leading white
    /// space dropped; nil when the line has no literal text to go by or an
    /// action that does not close on the line.
    static func pattern(_ line: Substring) -> [Substring]? {
        var parts: [Substring] = []
        var rest = line.drop { $0 == " " || $0 == "\t" }
        while let open = rest.firstRange(of: "{{") {
            parts.append(rest[..<open.lowerBound])
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else { return nil }
            rest = rest[close.upperBound...]
        }
        parts.append(rest)
        let literal = parts.reduce(0) { $0 + $1.filter { $0 != " " && $0 != "\t" }.count }
        // Less than a key's worth of literal text (`{{ toYaml . }}`, `- {{ x }}`) says nothing.
        return literal >= 2 ? parts : nil
    }

    static func matches(_ parts: [Substring], _ text: Substring) -> Bool {
        guard let first = parts.first else { return false }
        if parts.count == 1 { return text == first }
        guard text.hasPrefix(first), let last = parts.last, text.dropFirst(first.count).hasSuffix(last) else { return false }
        var rest = text.dropFirst(first.count).dropLast(last.count)
        for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
            guard let found = rest.firstRange(of: middle) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }

    /// The source position of `column` on the rendered line `renderedLine`
    /// (text without its line break), or nil when it cannot be traced.
    func trace(_ renderedLine: Substring, column: Int) -> SourcePosition? {
        let indent = renderedLine.prefix { $0 == " " || $0 == "\t" }.count
        let text = renderedLine.dropFirst(indent)
        guard !text.isEmpty, column > indent else { return nil }
        var candidates: [Int] = []
        for (index, parts) in patterns.enumerated() {
            if let parts, Self.matches(parts, text) { candidates.append(index) }
        }
        // Several lines match: the one indented as the rendered line, if only one is.
        if candidates.count > 1 { candidates = candidates.filter { indents[$0] == indent } }
        guard candidates.count == 1, let found = candidates.first, let parts = patterns[found] else { return nil }
        // The column only carries over within the line's first literal part.
        let offset = column - indent - 1
        let sourceIndent = indents[found]
        let sourceColumn = offset < (parts.first?.count ?? 0) ? sourceIndent + offset + 1 : sourceIndent + 1
        return SourcePosition(file: "", line: found + 1, column: sourceColumn)
    }
}
