/// libyaml's `yaml_emitter_analyze_scalar`: which styles can hold a text.
struct ScalarAnalysis {
    var multiline = false
    var flowPlainAllowed = true
    var blockPlainAllowed = true
    var singleQuotedAllowed = true
    var blockAllowed = true

    @inline(__always) static func isSpace(_ c: UInt32) -> Bool { c == 0x20 }

    @inline(__always) static func isBreak(_ c: UInt32) -> Bool {
        c == 0x0D || c == 0x0A || c == 0x85 || c == 0x2028 || c == 0x2029
    }

    /// libyaml's IS_PRINTABLE (so characters beyond U+FFFF are not).
    @inline(__always) static func isPrintable(_ v: UInt32) -> Bool {
        v == 0x0A || (v >= 0x20 && v <= 0x7E) || (v >= 0xA0 && v <= 0xD7FF)
            || (v >= 0xE000 && v <= 0xFFFD && v != 0xFEFF)
    }

    /// ASCII letters and digits, `.`, `_`, `/` and `-`.
    @inline(__always) static func isSimple(_ c: UInt32) -> Bool {
        // Letters; `-./0-9` (0x2D-0x39); `_`.
        let letter = (c | 0x20) &- 0x61
        return letter < 26 || (c &- 0x2D) < 13 || c == 0x5F
    }

    /// `codes` are the text's code points (or its bytes, when ASCII);
    /// `documentMarker`: the text starts with `---` or `...`.
    init<Codes: RandomAccessCollection>(_ codes: Codes, flavor: YAMLEmitter.Flavor, documentMarker: Bool)
    where Codes.Index == Int, Codes.Element: FixedWidthInteger {
        let count = codes.count
        if count == 0 {
            flowPlainAllowed = false
            blockPlainAllowed = true
            singleQuotedAllowed = true
            blockAllowed = false
            return
        }
        @inline(__always) func code(_ i: Int) -> UInt32 { UInt32(truncatingIfNeeded: codes[i]) }
        // Most texts (names, labels, quantities) are ASCII letters, digits and
        // `._/-` only, not starting with a lone `-` nor a document marker:
        // nothing below applies to them and every style is allowed.
        if Codes.Element.bitWidth == 8 && !documentMarker && (count > 1 || code(0) != 0x2D) {
            var simple = true
            for i in 0..<count where !Self.isSimple(code(i)) {
                simple = false
                break
            }
            if simple { return }
        }
        var blockIndicators = false
        var flowIndicators = false
        var lineBreaks = false
        var specialCharacters = false
        var tabCharacters = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var breakSpace = false, spaceBreak = false
        var previousSpace = false, previousBreak = false

        if documentMarker {
            blockIndicators = true
            flowIndicators = true
        }
        var precededByWhitespace = true
        @inline(__always) func isBlankOrEnd(_ i: Int) -> Bool {
            i >= count || code(i) == 0x20 || code(i) == 0x09 || Self.isBreak(code(i))
        }
        var followedByWhitespace = isBlankOrEnd(1)
        for i in 0..<count {
            let c = code(i)
            if i == 0 {
                switch c {
                case 0x23, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22, 0x25, 0x40, 0x60:
                    // # , [ ] { } & * ! | > ' " % @ `
                    flowIndicators = true
                    blockIndicators = true
                case 0x3F, 0x3A: // ? :
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case 0x2D: // -
                    if followedByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default:
                    break
                }
            } else {
                switch c {
                case 0x2C, 0x3F, 0x5B, 0x5D, 0x7B, 0x7D: // , ? [ ] { }
                    flowIndicators = true
                case 0x3A: // :
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case 0x23: // #
                    if precededByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default:
                    break
                }
            }
            if flavor == .v3 && c == 0x09 {
                tabCharacters = true
            } else if !Self.isPrintable(c) {
                specialCharacters = true
            }
            let isBreak = Self.isBreak(c)
            if isBreak { lineBreaks = true }
            if c == 0x20 {
                if i == 0 { leadingSpace = true }
                if i == count - 1 { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if isBreak {
                if i == 0 { leadingBreak = true }
                if i == count - 1 { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = c == 0x20 || c == 0x09 || isBreak
            followedByWhitespace = isBlankOrEnd(i + 2)
        }
        multiline = lineBreaks
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
            flowPlainAllowed = false
            blockPlainAllowed = false
        }
        if trailingSpace { blockAllowed = false }
        if breakSpace {
            flowPlainAllowed = false
            blockPlainAllowed = false
            singleQuotedAllowed = false
        }
        if tabCharacters {
            flowPlainAllowed = false
            blockPlainAllowed = false
            singleQuotedAllowed = false
        }
        if spaceBreak || specialCharacters {
            flowPlainAllowed = false
            blockPlainAllowed = false
            singleQuotedAllowed = false
            blockAllowed = false
        }
        if lineBreaks {
            flowPlainAllowed = false
            blockPlainAllowed = false
        }
        if flowIndicators { flowPlainAllowed = false }
        if blockIndicators { blockPlainAllowed = false }
    }
}

extension YAMLEmitter {
    enum Style { case plain, singleQuoted, doubleQuoted, literal }

    mutating func writeScalar<Codes: RandomAccessCollection>(
        _ s: Codes, analysis: ScalarAnalysis, request: Request, simpleKey: Bool
    ) where Codes.Index == Int, Codes.Element: FixedWidthInteger {
        var style: Style
        switch request {
        case .plain: style = .plain
        case .literal: style = .literal
        case .doubleQuoted: style = .doubleQuoted
        }
        if style == .plain {
            if !analysis.blockPlainAllowed { style = .singleQuoted }
            if s.isEmpty && simpleKey { style = .singleQuoted }
        }
        if style == .singleQuoted && !analysis.singleQuotedAllowed { style = .doubleQuoted }
        if style == .literal && (!analysis.blockAllowed || simpleKey) { style = .doubleQuoted }
        switch style {
        case .plain: writePlain(s, allowBreaks: !simpleKey)
        case .singleQuoted: writeSingleQuoted(s, allowBreaks: !simpleKey)
        case .doubleQuoted: writeDoubleQuoted(s, allowBreaks: !simpleKey)
        case .literal: writeLiteral(s)
        }
    }

    mutating func writePlain<Codes: RandomAccessCollection>(_ s: Codes, allowBreaks: Bool)
    where Codes.Index == Int, Codes.Element: FixedWidthInteger {
        let count = s.count
        if !whitespace && count > 0 { put(UInt8(ascii: " ")) }
        // ASCII bytes that cannot reach the line width: copied at once.
        if count > 0, !allowBreaks || column + count - 1 <= bestWidth,
           let bytes = s as? UnsafeBufferPointer<UInt8> {
            out.append(contentsOf: bytes)
            column += count
            whitespace = false
            indention = false
            return
        }
        var spaces = false
        var i = 0
        while i < count {
            let c = UInt32(truncatingIfNeeded: s[i])
            if c == 0x20 {
                if allowBreaks && !spaces && column > bestWidth && !(i + 1 < count && s[i + 1] == 0x20) {
                    writeIndent()
                } else {
                    write(c)
                }
                spaces = true
            } else {
                write(c)
                indention = false
                spaces = false
            }
            i += 1
        }
        whitespace = false
        indention = false
    }

    mutating func writeSingleQuoted<Codes: RandomAccessCollection>(_ s: Codes, allowBreaks: Bool)
    where Codes.Index == Int, Codes.Element: FixedWidthInteger {
        writeIndicator(UInt8(ascii: "'"), needWhitespace: true, isWhitespace: false, isIndention: false)
        let count = s.count
        var spaces = false
        var breaks = false
        for i in 0..<count {
            let c = UInt32(truncatingIfNeeded: s[i])
            if c == 0x20 {
                if allowBreaks && !spaces && column > bestWidth && i != 0 && i != count - 1
                    && !(i + 1 < count && s[i + 1] == 0x20) {
                    writeIndent()
                } else {
                    write(c)
                }
                spaces = true
            } else if ScalarAnalysis.isBreak(c) {
                if !breaks && c == 0x0A { putBreak() }
                writeBreak(c)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                write(c)
                if c == 0x27 { put(UInt8(ascii: "'")) }
                indention = false
                spaces = false
                breaks = false
            }
        }
        writeIndicator(UInt8(ascii: "'"), needWhitespace: false, isWhitespace: false, isIndention: false)
    }

    mutating func writeDoubleQuoted<Codes: RandomAccessCollection>(_ s: Codes, allowBreaks: Bool)
    where Codes.Index == Int, Codes.Element: FixedWidthInteger {
        writeIndicator(UInt8(ascii: "\""), needWhitespace: true, isWhitespace: false, isIndention: false)
        let count = s.count
        // yaml.v2 and v3 test for a byte order mark at the start of the
        // string, not at the current character: one leading BOM escapes all.
        let startsWithBOM = count > 0 && UInt32(truncatingIfNeeded: s[0]) == 0xFEFF
        var spaces = false
        for i in 0..<count {
            let c = UInt32(truncatingIfNeeded: s[i])
            if !ScalarAnalysis.isPrintable(c) || startsWithBOM || ScalarAnalysis.isBreak(c) || c == 0x22 || c == 0x5C {
                put(UInt8(ascii: "\\"))
                switch c {
                case 0x00: put(UInt8(ascii: "0"))
                case 0x07: put(UInt8(ascii: "a"))
                case 0x08: put(UInt8(ascii: "b"))
                case 0x09: put(UInt8(ascii: "t"))
                case 0x0A: put(UInt8(ascii: "n"))
                case 0x0B: put(UInt8(ascii: "v"))
                case 0x0C: put(UInt8(ascii: "f"))
                case 0x0D: put(UInt8(ascii: "r"))
                case 0x1B: put(UInt8(ascii: "e"))
                case 0x22: put(UInt8(ascii: "\""))
                case 0x5C: put(UInt8(ascii: "\\"))
                case 0x85: put(UInt8(ascii: "N"))
                case 0xA0: put(UInt8(ascii: "_"))
                case 0x2028: put(UInt8(ascii: "L"))
                case 0x2029: put(UInt8(ascii: "P"))
                default:
                    let (letter, width): (UInt8, Int) = c <= 0xFF ? (UInt8(ascii: "x"), 2)
                        : c <= 0xFFFF ? (UInt8(ascii: "u"), 4) : (UInt8(ascii: "U"), 8)
                    put(letter)
                    for shift in stride(from: (width - 1) * 4, through: 0, by: -4) {
                        let digit = UInt8(truncatingIfNeeded: (c >> UInt32(shift)) & 0xF)
                        put(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "A") + digit - 10)
                    }
                }
                spaces = false
            } else if c == 0x20 {
                if allowBreaks && !spaces && column > bestWidth && i != 0 && i != count - 1 {
                    writeIndent()
                    if i + 1 < count && s[i + 1] == 0x20 { put(UInt8(ascii: "\\")) }
                } else {
                    write(c)
                }
                spaces = true
            } else {
                write(c)
                spaces = false
            }
        }
        writeIndicator(UInt8(ascii: "\""), needWhitespace: false, isWhitespace: false, isIndention: false)
    }

    mutating func writeLiteral<Codes: RandomAccessCollection>(_ s: Codes)
    where Codes.Index == Int, Codes.Element: FixedWidthInteger {
        writeIndicator(UInt8(ascii: "|"), needWhitespace: true, isWhitespace: false, isIndention: false)
        let count = s.count
        // Block scalar hints: an indentation indicator when the text starts
        // with a space or break; `-` without a final break, `+` with several.
        if count > 0 {
            let first = UInt32(truncatingIfNeeded: s[0])
            if first == 0x20 || ScalarAnalysis.isBreak(first) {
                writeIndicator(UInt8(ascii: "0") + UInt8(bestIndent), needWhitespace: false, isWhitespace: false,
                               isIndention: false)
            }
            let last = UInt32(truncatingIfNeeded: s[count - 1])
            if !ScalarAnalysis.isBreak(last) {
                writeIndicator(UInt8(ascii: "-"), needWhitespace: false, isWhitespace: false, isIndention: false)
            } else if count == 1 || ScalarAnalysis.isBreak(UInt32(truncatingIfNeeded: s[count - 2])) {
                writeIndicator(UInt8(ascii: "+"), needWhitespace: false, isWhitespace: false, isIndention: false)
            }
        } else {
            writeIndicator(UInt8(ascii: "-"), needWhitespace: false, isWhitespace: false, isIndention: false)
        }
        putBreak()
        indention = true
        whitespace = true
        var breaks = true
        for i in 0..<count {
            let c = UInt32(truncatingIfNeeded: s[i])
            if ScalarAnalysis.isBreak(c) {
                writeBreak(c)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                write(c)
                indention = false
                breaks = false
            }
        }
    }
}
