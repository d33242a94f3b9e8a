/// libyaml's `yaml_emitter_analyze_scalar`: which styles can hold a text.
struct ScalarAnalysis {
    var multiline = false
    var flowPlainAllowed = true
    var blockPlainAllowed = true
    var singleQuotedAllowed = true
    var blockAllowed = true

    static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " }

    static func isBreak(_ c: Unicode.Scalar) -> Bool {
        c == "\r" || c == "\n" || c.value == 0x85 || c.value == 0x2028 || c.value == 0x2029
    }

    /// libyaml's IS_PRINTABLE (so characters beyond U+FFFF are not).
    static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return v == 0x0A || (v >= 0x20 && v <= 0x7E) || (v >= 0xA0 && v <= 0xD7FF)
            || (v >= 0xE000 && v <= 0xFFFD && v != 0xFEFF)
    }

    init(_ text: String, flavor: YAMLEmitter.Flavor) {
        let scalars = Array(text.unicodeScalars)
        if scalars.isEmpty {
            flowPlainAllowed = false
            blockPlainAllowed = true
            singleQuotedAllowed = true
            blockAllowed = false
            return
        }
        var blockIndicators = false
        var flowIndicators = false
        var lineBreaks = false
        var specialCharacters = false
        var tabCharacters = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var breakSpace = false, spaceBreak = false
        var previousSpace = false, previousBreak = false

        if text.hasPrefix("---") || text.hasPrefix("...") {
            blockIndicators = true
            flowIndicators = true
        }
        var precededByWhitespace = true
        func isBlankOrEnd(_ i: Int) -> Bool {
            i >= scalars.count || scalars[i] == " " || scalars[i] == "\t" || Self.isBreak(scalars[i])
        }
        var followedByWhitespace = isBlankOrEnd(1)
        for (i, c) in scalars.enumerated() {
            if i == 0 {
                switch c {
                case "#", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`":
                    flowIndicators = true
                    blockIndicators = true
                case "?", ":":
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case "-":
                    if followedByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default:
                    break
                }
            } else {
                switch c {
                case ",", "?", "[", "]", "{", "}":
                    flowIndicators = true
                case ":":
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case "#":
                    if precededByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default:
                    break
                }
            }
            if flavor == .v3 && c == "\t" {
                tabCharacters = true
            } else if !Self.isPrintable(c) {
                specialCharacters = true
            }
            if Self.isBreak(c) { lineBreaks = true }
            if Self.isSpace(c) {
                if i == 0 { leadingSpace = true }
                if i == scalars.count - 1 { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if Self.isBreak(c) {
                if i == 0 { leadingBreak = true }
                if i == scalars.count - 1 { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = c == " " || c == "\t" || Self.isBreak(c)
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

    mutating func writeScalar(_ scalar: Scalar, simpleKey: Bool) {
        let analysis = ScalarAnalysis(scalar.text, flavor: flavor)
        var style: Style
        switch scalar.request {
        case .plain: style = .plain
        case .literal: style = .literal
        case .doubleQuoted: style = .doubleQuoted
        }
        if style == .plain {
            if !analysis.blockPlainAllowed { style = .singleQuoted }
            if scalar.text.isEmpty && simpleKey { style = .singleQuoted }
        }
        if style == .singleQuoted && !analysis.singleQuotedAllowed { style = .doubleQuoted }
        if style == .literal && (!analysis.blockAllowed || simpleKey) { style = .doubleQuoted }
        let scalars = Array(scalar.text.unicodeScalars)
        switch style {
        case .plain: writePlain(scalars, allowBreaks: !simpleKey)
        case .singleQuoted: writeSingleQuoted(scalars, allowBreaks: !simpleKey)
        case .doubleQuoted: writeDoubleQuoted(scalars, allowBreaks: !simpleKey)
        case .literal: writeLiteral(scalars)
        }
    }

    mutating func writePlain(_ s: [Unicode.Scalar], allowBreaks: Bool) {
        if !whitespace && !s.isEmpty { put(UInt8(ascii: " ")) }
        var spaces = false
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == " " {
                if allowBreaks && !spaces && column > bestWidth && !(i + 1 < s.count && s[i + 1] == " ") {
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

    mutating func writeSingleQuoted(_ s: [Unicode.Scalar], allowBreaks: Bool) {
        writeIndicator("'", needWhitespace: true, isWhitespace: false, isIndention: false)
        var spaces = false
        var breaks = false
        for (i, c) in s.enumerated() {
            if c == " " {
                if allowBreaks && !spaces && column > bestWidth && i != 0 && i != s.count - 1
                    && !(i + 1 < s.count && s[i + 1] == " ") {
                    writeIndent()
                } else {
                    write(c)
                }
                spaces = true
            } else if ScalarAnalysis.isBreak(c) {
                if !breaks && c == "\n" { putBreak() }
                writeBreak(c)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                write(c)
                if c == "'" { put(UInt8(ascii: "'")) }
                indention = false
                spaces = false
                breaks = false
            }
        }
        writeIndicator("'", needWhitespace: false, isWhitespace: false, isIndention: false)
    }

    mutating func writeDoubleQuoted(_ s: [Unicode.Scalar], allowBreaks: Bool) {
        writeIndicator("\"", needWhitespace: true, isWhitespace: false, isIndention: false)
        // yaml.v2 and v3 test for a byte order mark at the start of the
        // string, not at the current character: one leading BOM escapes all.
        let startsWithBOM = s.first?.value == 0xFEFF
        var spaces = false
        for (i, c) in s.enumerated() {
            if !ScalarAnalysis.isPrintable(c) || startsWithBOM || ScalarAnalysis.isBreak(c) || c == "\"" || c == "\\" {
                put(UInt8(ascii: "\\"))
                switch c.value {
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
                    let (letter, width): (UInt8, Int) = c.value <= 0xFF ? (UInt8(ascii: "x"), 2)
                        : c.value <= 0xFFFF ? (UInt8(ascii: "u"), 4) : (UInt8(ascii: "U"), 8)
                    put(letter)
                    let digits = Array("0123456789ABCDEF".utf8)
                    for shift in stride(from: (width - 1) * 4, through: 0, by: -4) {
                        put(digits[Int((c.value >> UInt32(shift)) & 0xF)])
                    }
                }
                spaces = false
            } else if c == " " {
                if allowBreaks && !spaces && column > bestWidth && i != 0 && i != s.count - 1 {
                    writeIndent()
                    if i + 1 < s.count && s[i + 1] == " " { put(UInt8(ascii: "\\")) }
                } else {
                    write(c)
                }
                spaces = true
            } else {
                write(c)
                spaces = false
            }
        }
        writeIndicator("\"", needWhitespace: false, isWhitespace: false, isIndention: false)
    }

    mutating func writeLiteral(_ s: [Unicode.Scalar]) {
        writeIndicator("|", needWhitespace: true, isWhitespace: false, isIndention: false)
        // Block scalar hints: an indentation indicator when the text starts
        // with a space or break; `-` without a final break, `+` with several.
        if let first = s.first, first == " " || ScalarAnalysis.isBreak(first) {
            writeIndicator(String(bestIndent), needWhitespace: false, isWhitespace: false, isIndention: false)
        }
        if let last = s.last {
            if !ScalarAnalysis.isBreak(last) {
                writeIndicator("-", needWhitespace: false, isWhitespace: false, isIndention: false)
            } else if s.count == 1 || ScalarAnalysis.isBreak(s[s.count - 2]) {
                writeIndicator("+", needWhitespace: false, isWhitespace: false, isIndention: false)
            }
        } else {
            writeIndicator("-", needWhitespace: false, isWhitespace: false, isIndention: false)
        }
        putBreak()
        indention = true
        whitespace = true
        var breaks = true
        for c in s {
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
