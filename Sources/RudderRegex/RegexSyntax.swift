/// Parse flags (Go's syntax.Flags subset that Perl-mode patterns can change).
struct RegexFlags: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    /// `(?i)`: case-insensitive.
    static let foldCase = RegexFlags(rawValue: 1 << 0)
    /// `(?s)`: `.` matches `\n`.
    static let dotMatchesNewline = RegexFlags(rawValue: 1 << 1)
    /// Not `(?m)`: `^` and `$` match only at the beginning and end of text.
    static let oneLine = RegexFlags(rawValue: 1 << 2)
    /// `(?U)`: repetition operators are non-greedy by default.
    static let nonGreedy = RegexFlags(rawValue: 1 << 3)
}

/// Zero-width assertions, as a bit set (Go's syntax.EmptyOp).
struct EmptyAssertions: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let beginLine = EmptyAssertions(rawValue: 1 << 0)
    static let endLine = EmptyAssertions(rawValue: 1 << 1)
    static let beginText = EmptyAssertions(rawValue: 1 << 2)
    static let endText = EmptyAssertions(rawValue: 1 << 3)
    static let wordBoundary = EmptyAssertions(rawValue: 1 << 4)
    static let noWordBoundary = EmptyAssertions(rawValue: 1 << 5)

    /// The assertions that hold between rune `before` and rune `after`
    /// (-1 for the start or end of the text).
    static func holding(before: Int32, after: Int32) -> EmptyAssertions {
        var result: EmptyAssertions = []
        if before < 0 { result.formUnion([.beginText, .beginLine]) }
        if before == 0x0A { result.insert(.beginLine) }
        if after < 0 { result.formUnion([.endText, .endLine]) }
        if after == 0x0A { result.insert(.endLine) }
        if isWordRune(before) != isWordRune(after) {
            result.insert(.wordBoundary)
        } else {
            result.insert(.noWordBoundary)
        }
        return result
    }

    /// Go's syntax.IsWordChar: ASCII letters, digits and underscore.
    @inline(__always)
    static func isWordRune(_ rune: Int32) -> Bool {
        (rune >= 0x61 && rune <= 0x7A) || (rune >= 0x41 && rune <= 0x5A)
            || (rune >= 0x30 && rune <= 0x39) || rune == 0x5F
    }
}

/// How many times a repetition may match.
enum RepetitionKind: Sendable, Hashable {
    case star
    case plus
    case question
    /// `{min,max}`; `max == -1` means no upper bound.
    case counted(min: Int, max: Int)
}

/// A parsed regular expression.
indirect enum RegexNode: Sendable {
    case emptyMatch
    case noMatch
    case literal(UInt32, foldCase: Bool)
    case characterClass(RuneClass)
    case anyCharacterExceptNewline
    case anyCharacter
    case assertion(EmptyAssertions)
    case capture(index: Int, name: String?, RegexNode)
    case repetition(RegexNode, RepetitionKind, greedy: Bool)
    case concatenation([RegexNode])
    case alternation([RegexNode])

    var children: [RegexNode] {
        switch self {
        case .capture(_, _, let sub), .repetition(let sub, _, _): return [sub]
        case .concatenation(let subs), .alternation(let subs): return subs
        default: return []
        }
    }

    var isLiteral: Bool {
        if case .literal = self { return true }
        return false
    }
}
