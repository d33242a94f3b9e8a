extension RegexParser {
    /// Perl classes `\d \s \w` and their negations (ASCII only, as in Go).
    static let perlClasses: [UInt8: (ranges: [UInt32], negate: Bool)] = [
        UInt8(ascii: "d"): ([0x30, 0x39], false),
        UInt8(ascii: "D"): ([0x30, 0x39], true),
        UInt8(ascii: "s"): ([0x09, 0x0A, 0x0C, 0x0D, 0x20, 0x20], false),
        UInt8(ascii: "S"): ([0x09, 0x0A, 0x0C, 0x0D, 0x20, 0x20], true),
        UInt8(ascii: "w"): ([0x30, 0x39, 0x41, 0x5A, 0x5F, 0x5F, 0x61, 0x7A], false),
        UInt8(ascii: "W"): ([0x30, 0x39, 0x41, 0x5A, 0x5F, 0x5F, 0x61, 0x7A], true),
    ]

    /// POSIX classes `[:name:]` (ASCII only, as in Go).
    static let posixClasses: [String: [UInt32]] = [
        "alnum": [0x30, 0x39, 0x41, 0x5A, 0x61, 0x7A],
        "alpha": [0x41, 0x5A, 0x61, 0x7A],
        "ascii": [0x00, 0x7F],
        "blank": [0x09, 0x09, 0x20, 0x20],
        "cntrl": [0x00, 0x1F, 0x7F, 0x7F],
        "digit": [0x30, 0x39],
        "graph": [0x21, 0x7E],
        "lower": [0x61, 0x7A],
        "print": [0x20, 0x7E],
        "punct": [0x21, 0x2F, 0x3A, 0x40, 0x5B, 0x60, 0x7B, 0x7E],
        "space": [0x09, 0x0D, 0x20, 0x20],
        "upper": [0x41, 0x5A],
        "word": [0x30, 0x39, 0x41, 0x5A, 0x5F, 0x5F, 0x61, 0x7A],
        "xdigit": [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
    ]

    /// A group's class under the current flags: folded first when
    /// case-insensitive, then negated (Go's appendGroup).
    func groupClass(_ ranges: [UInt32], negate: Bool) -> RuneClass {
        var runeClass = RuneClass(cleanRanges: ranges)
        if flags.contains(.foldCase) { runeClass = runeClass.caseFolded() }
        return negate ? runeClass.negated() : runeClass
    }

    // Class:
    //     '[' '^'? ClassItem+ ']'        (a ']' right after '[' or '[^' is a literal)
    // ClassItem:
    //     '[:' name ':]' | '\p' name | '\p{' name '}' | PerlClass | ClassChar ('-' ClassChar)?
    mutating func parseClass(at start: Int) throws(RegexError) -> Int {
        var cursor = start + 1
        var negate = false
        if byte(cursor) == UInt8(ascii: "^") {
            negate = true
            cursor += 1
        }
        var runeClass = RuneClass()
        var first = true
        while cursor >= count || pattern[cursor] != UInt8(ascii: "]") || first {
            first = false
            if count - cursor > 2 && pattern[cursor] == UInt8(ascii: "[") && pattern[cursor + 1] == UInt8(ascii: ":") {
                if let (named, after) = try parseNamedClass(at: cursor) {
                    runeClass.add(named)
                    cursor = after
                    continue
                }
            }
            if let (unicode, after) = try parseUnicodeClass(at: cursor) {
                runeClass.add(unicode)
                cursor = after
                continue
            }
            if let (perl, after) = parsePerlClassEscape(at: cursor) {
                runeClass.add(perl)
                cursor = after
                continue
            }
            let rangeStart = cursor
            let (low, afterLow) = try parseClassCharacter(at: cursor, classStart: start)
            cursor = afterLow
            var high = low
            // [a-] means a or -: a '-' before the closing ']' is literal.
            if count - cursor >= 2 && pattern[cursor] == UInt8(ascii: "-") && pattern[cursor + 1] != UInt8(ascii: "]") {
                let (upper, afterHigh) = try parseClassCharacter(at: cursor + 1, classStart: start)
                cursor = afterHigh
                high = upper
                if high < low {
                    throw RegexError(.invalidCharacterRange, text(rangeStart..<cursor))
                }
            }
            if flags.contains(.foldCase) {
                var range = RuneClass(cleanRanges: [low, high])
                range = range.caseFolded()
                runeClass.add(range)
            } else {
                runeClass.add(low, high)
            }
        }
        runeClass.clean()
        if negate { runeClass = runeClass.negated() }
        try push(.characterClass(runeClass))
        return cursor + 1
    }

    func parseClassCharacter(at position: Int, classStart: Int) throws(RegexError) -> (UInt32, Int) {
        guard position < count else {
            throw RegexError(.missingBracket, text(classStart..<count))
        }
        if pattern[position] == UInt8(ascii: "\\") {
            return try parseEscape(at: position)
        }
        return try nextRune(at: position)
    }

    /// `[:alpha:]` or `[:^alpha:]` at `position`; nil when there is no `:]`.
    func parseNamedClass(at position: Int) throws(RegexError) -> (RuneClass, Int)? {
        var index = position + 2
        while index + 1 < count {
            if pattern[index] == UInt8(ascii: ":") && pattern[index + 1] == UInt8(ascii: "]") { break }
            index += 1
        }
        guard index + 1 < count else { return nil }
        let whole = text(position..<index + 2)
        var name = text(position + 2..<index)
        var negate = false
        if name.hasPrefix("^") {
            negate = true
            name.removeFirst()
        }
        guard let ranges = Self.posixClasses[name] else {
            throw RegexError(.invalidCharacterRange, whole)
        }
        return (groupClass(ranges, negate: negate), index + 2)
    }

    /// `\d`, `\S`, … at `position`.
    func parsePerlClassEscape(at position: Int) -> (RuneClass, Int)? {
        guard byte(position) == UInt8(ascii: "\\"), let letter = byte(position + 1),
            let group = Self.perlClasses[letter]
        else { return nil }
        return (groupClass(group.ranges, negate: group.negate), position + 2)
    }

    /// `\pL`, `\p{Greek}`, `\P{^Lu}` at `position`; nil when not `\p` or `\P`.
    func parseUnicodeClass(at position: Int) throws(RegexError) -> (RuneClass, Int)? {
        guard byte(position) == UInt8(ascii: "\\"), let letter = byte(position + 1),
            letter == UInt8(ascii: "p") || letter == UInt8(ascii: "P")
        else { return nil }
        var negate = letter == UInt8(ascii: "P")
        let (first, afterFirst) = try nextRune(at: position + 2)
        var name: String
        let sequenceEnd: Int
        if first != UInt32(UInt8(ascii: "{")) {
            sequenceEnd = afterFirst
            name = text(position + 2..<afterFirst)
        } else {
            guard let close = pattern[position...].firstIndex(of: UInt8(ascii: "}")) else {
                throw RegexError(.invalidCharacterRange, text(position..<count))
            }
            sequenceEnd = close + 1
            name = text(position + 3..<close)
        }
        if name.hasPrefix("^") {
            negate.toggle()
            name.removeFirst()
        }
        guard let (table, tableNegated) = UnicodeTables.namedClass(name) else {
            throw RegexError(.invalidCharacterRange, text(position..<sequenceEnd))
        }
        if tableNegated { negate.toggle() }
        var runeClass = table
        if flags.contains(.foldCase) { runeClass = runeClass.caseFolded() }
        if negate { runeClass = runeClass.negated() }
        return (runeClass, sequenceEnd)
    }

    /// A single-rune escape at `position` (which holds the backslash).
    func parseEscape(at position: Int) throws(RegexError) -> (UInt32, Int) {
        var cursor = position + 1
        guard cursor < count else {
            throw RegexError(.trailingBackslash, "")
        }
        let (character, afterCharacter) = try nextRune(at: cursor)
        cursor = afterCharacter
        func isOctal(_ index: Int) -> Bool {
            guard let digit = byte(index) else { return false }
            return digit >= UInt8(ascii: "0") && digit <= UInt8(ascii: "7")
        }
        switch character {
        case 0x31...0x37 where !isOctal(cursor):
            // A single non-zero digit is a backreference: not supported.
            break
        case 0x30...0x37:
            // Up to three octal digits.
            var value = character - 0x30
            for _ in 1..<3 {
                guard isOctal(cursor) else { break }
                value = value * 8 + UInt32(pattern[cursor] - UInt8(ascii: "0"))
                cursor += 1
            }
            return (value, cursor)
        case UInt32(UInt8(ascii: "x")):
            guard cursor < count else { break }
            let (next, afterNext) = try nextRune(at: cursor)
            cursor = afterNext
            if next == UInt32(UInt8(ascii: "{")) {
                // Any number of hex digits in braces, at least one.
                var digits = 0
                var value: UInt32 = 0
                while true {
                    guard cursor < count else { throw RegexError(.invalidEscape, text(position..<cursor)) }
                    let (digit, afterDigit) = try nextRune(at: cursor)
                    cursor = afterDigit
                    if digit == UInt32(UInt8(ascii: "}")) { break }
                    guard digit < 0x80, let nibble = RuneClass.hexDigit(UInt8(digit)) else {
                        throw RegexError(.invalidEscape, text(position..<cursor))
                    }
                    value = value * 16 + nibble
                    if value > RuneClass.maxRune { throw RegexError(.invalidEscape, text(position..<cursor)) }
                    digits += 1
                }
                if digits == 0 { break }
                return (value, cursor)
            }
            // Exactly two hex digits.
            let (second, afterSecond) = try nextRune(at: cursor)
            cursor = afterSecond
            guard next < 0x80, second < 0x80, let high = RuneClass.hexDigit(UInt8(next)),
                let low = RuneClass.hexDigit(UInt8(second))
            else { break }
            return (high * 16 + low, cursor)
        case UInt32(UInt8(ascii: "a")): return (0x07, cursor)
        case UInt32(UInt8(ascii: "f")): return (0x0C, cursor)
        case UInt32(UInt8(ascii: "n")): return (0x0A, cursor)
        case UInt32(UInt8(ascii: "r")): return (0x0D, cursor)
        case UInt32(UInt8(ascii: "t")): return (0x09, cursor)
        case UInt32(UInt8(ascii: "v")): return (0x0B, cursor)
        default:
            // Escaped ASCII punctuation is itself (letters and digits are reserved).
            if character < 0x80 && !Self.isAlphanumeric(character) {
                return (character, cursor)
            }
        }
        throw RegexError(.invalidEscape, text(position..<cursor))
    }

    static func isAlphanumeric(_ rune: UInt32) -> Bool {
        (rune >= 0x30 && rune <= 0x39) || (rune >= 0x41 && rune <= 0x5A) || (rune >= 0x61 && rune <= 0x7A)
    }

    // Group:
    //     '(?P<' name '>' | '(?<' name '>'           named capture
    //     '(?' flags ')' | '(?' flags ':'            flags, non-capturing group
    // flags:
    //     [imsU]* ('-' [imsU]+)?
    mutating func parsePerlFlags(at position: Int) throws(RegexError) -> Int {
        let remaining = count - position
        let startsWithP = remaining > 4 && pattern[position + 2] == UInt8(ascii: "P")
            && pattern[position + 3] == UInt8(ascii: "<")
        let startsWithName = remaining > 3 && pattern[position + 2] == UInt8(ascii: "<")
        if startsWithP || startsWithName {
            let nameStart = position + (startsWithP ? 4 : 3)
            guard let close = pattern[position...].firstIndex(of: UInt8(ascii: ">")) else {
                throw RegexError(.invalidNamedCapture, text(position..<count))
            }
            let name = text(nameStart..<close)
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0 == "_" || Self.isAlphanumeric($0.value) })
            else {
                throw RegexError(.invalidNamedCapture, text(position..<close + 1))
            }
            captureCount += 1
            captureNames.append(name)
            stack.append(.leftParenthesis(capture: captureCount, name: name, flags: flags))
            return close + 1
        }

        var cursor = position + 2
        var newFlags = flags
        var negated = false
        var sawFlag = false
        while cursor < count {
            let (character, after) = try nextRune(at: cursor)
            cursor = after
            switch character {
            case UInt32(UInt8(ascii: "i")):
                if negated { newFlags.remove(.foldCase) } else { newFlags.insert(.foldCase) }
                sawFlag = true
                continue
            case UInt32(UInt8(ascii: "m")):
                if negated { newFlags.insert(.oneLine) } else { newFlags.remove(.oneLine) }
                sawFlag = true
                continue
            case UInt32(UInt8(ascii: "s")):
                if negated { newFlags.remove(.dotMatchesNewline) } else { newFlags.insert(.dotMatchesNewline) }
                sawFlag = true
                continue
            case UInt32(UInt8(ascii: "U")):
                if negated { newFlags.remove(.nonGreedy) } else { newFlags.insert(.nonGreedy) }
                sawFlag = true
                continue
            case UInt32(UInt8(ascii: "-")):
                if negated { break }
                negated = true
                sawFlag = false
                continue
            case UInt32(UInt8(ascii: ":")), UInt32(UInt8(ascii: ")")):
                if negated && !sawFlag { break }
                if character == UInt32(UInt8(ascii: ":")) {
                    stack.append(.leftParenthesis(capture: 0, name: nil, flags: flags))
                }
                flags = newFlags
                return cursor
            default:
                break
            }
            break
        }
        throw RegexError(.invalidPerlOperator, text(position..<cursor))
    }
}
