/// Go's `strconv` quoting rules: `Quote`, `QuoteToASCII`, `Unquote`, `UnquoteChar`.
public enum GoQuote {
    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and ASCII space.
    public static func isPrint(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s.value >= 0x20 && s.value < 0x7F }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    static let hexDigits = Array("0123456789abcdef")

    public static func hex(_ value: UInt32, width: Int) -> String {
        var chars: [Character] = []
        var v = value
        for _ in 0..<width {
            chars.append(hexDigits[Int(v & 0xF)])
            v >>= 4
        }
        return String(chars.reversed())
    }

    /// Appends the escaped form of one scalar as Go's `appendEscapedRune` does.
    static func appendEscaped(_ s: Unicode.Scalar, quote: Unicode.Scalar, asciiOnly: Bool, to out: inout String) {
        if s == quote || s == "\\" {
            out.append("\\")
            out.unicodeScalars.append(s)
            return
        }
        if asciiOnly {
            if s.value < 0x80 && isPrint(s) {
                out.unicodeScalars.append(s)
                return
            }
        } else if isPrint(s) {
            out.unicodeScalars.append(s)
            return
        }
        switch s {
        case "\u{07}": out += "\\a"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{0B}": out += "\\v"
        default:
            if s.value < 0x20 || s.value == 0x7F {
                out += "\\x" + hex(s.value, width: 2)
            } else if s.value < 0x10000 {
                out += "\\u" + hex(s.value, width: 4)
            } else {
                out += "\\U" + hex(s.value, width: 8)
            }
        }
    }

    /// `strconv.Quote`.
    public static func quote(_ text: String, asciiOnly: Bool = false) -> String {
        var out = "\""
        for s in text.unicodeScalars {
            appendEscaped(s, quote: "\"", asciiOnly: asciiOnly, to: &out)
        }
        out += "\""
        return out
    }

    /// `strconv.Quote` of raw bytes: invalid UTF-8 bytes become `\xNN`.
    public static func quote(bytes: [UInt8], asciiOnly: Bool = false) -> String {
        var out = "\""
        var index = 0
        while index < bytes.count {
            let (scalar, width, valid) = decode(bytes, at: index)
            if !valid {
                out += "\\x" + hex(UInt32(bytes[index]), width: 2)
            } else {
                appendEscaped(scalar, quote: "\"", asciiOnly: asciiOnly, to: &out)
            }
            index += width
        }
        out += "\""
        return out
    }

    /// Decodes one UTF-8 scalar; `valid` is false for a malformed byte (width 1).
    public static func decode(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int, Bool) {
        let b0 = bytes[index]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1, true) }
        var length = 0
        var value: UInt32 = 0
        var minimum: UInt32 = 0
        if b0 & 0xE0 == 0xC0 { length = 2; value = UInt32(b0 & 0x1F); minimum = 0x80 }
        else if b0 & 0xF0 == 0xE0 { length = 3; value = UInt32(b0 & 0x0F); minimum = 0x800 }
        else if b0 & 0xF8 == 0xF0 { length = 4; value = UInt32(b0 & 0x07); minimum = 0x10000 }
        else { return ("\u{FFFD}", 1, false) }
        guard index + length <= bytes.count else { return ("\u{FFFD}", 1, false) }
        for i in 1..<length {
            let b = bytes[index + i]
            guard b & 0xC0 == 0x80 else { return ("\u{FFFD}", 1, false) }
            value = value << 6 | UInt32(b & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return ("\u{FFFD}", 1, false) }
        return (scalar, length, true)
    }

    /// `strconv.QuoteRune`.
    public static func quoteRune(_ value: Int64, asciiOnly: Bool = false) -> String {
        let scalar = (value >= 0 && value <= 0x10FFFF) ? Unicode.Scalar(UInt32(value)) ?? "\u{FFFD}" : "\u{FFFD}"
        var out = "'"
        appendEscaped(scalar, quote: "'", asciiOnly: asciiOnly, to: &out)
        out += "'"
        return out
    }

    /// `%#U` form: `U+0041 'A'`, or `U+000A` when not printable.
    public static func unicodeForm(_ s: Unicode.Scalar) -> String {
        var out = "U+" + hex(s.value, width: max(4, String(s.value, radix: 16).count)).uppercased()
        if isPrint(s) {
            out += " '"
            out.unicodeScalars.append(s)
            out += "'"
        }
        return out
    }

    /// Whether `strconv.CanBackquote` accepts the text.
    public static func canBackquote(_ text: String) -> Bool {
        for s in text.unicodeScalars {
            if s == "`" || s == "\u{FEFF}" { return false }
            if s.value < 0x20 && s != "\t" { return false }
            if s.value == 0x7F { return false }
        }
        return true
    }

    /// `strconv.UnquoteChar`: one possibly escaped character from the front of `text`.
    public static func unquoteCharacter(_ text: Substring, quote: Character) -> (UInt32, Substring)? {
        guard let first = text.unicodeScalars.first else { return nil }
        if Character(first) == quote, quote == "'" || quote == "\"" { return nil }
        if first != "\\" {
            return (first.value, Substring(text.unicodeScalars.dropFirst()))
        }
        var rest = Substring(text.unicodeScalars.dropFirst())
        guard let c = rest.unicodeScalars.first else { return nil }
        rest = Substring(rest.unicodeScalars.dropFirst())
        func hexValue(_ count: Int) -> UInt32? {
            let digits = rest.unicodeScalars.prefix(count)
            guard digits.count == count else { return nil }
            var v: UInt32 = 0
            for d in digits {
                guard let x = Int(String(d), radix: 16) else { return nil }
                v = v << 4 | UInt32(x)
            }
            rest = Substring(rest.unicodeScalars.dropFirst(count))
            return v
        }
        switch c {
        case "a": return (7, rest)
        case "b": return (8, rest)
        case "f": return (12, rest)
        case "n": return (10, rest)
        case "r": return (13, rest)
        case "t": return (9, rest)
        case "v": return (11, rest)
        case "x":
            guard let v = hexValue(2) else { return nil }
            return (v, rest)
        case "u":
            guard let v = hexValue(4), Unicode.Scalar(v) != nil else { return nil }
            return (v, rest)
        case "U":
            guard let v = hexValue(8), v <= 0x10FFFF, Unicode.Scalar(v) != nil else { return nil }
            return (v, rest)
        case "0"..."7":
            let digits = [c] + Array(rest.unicodeScalars.prefix(2))
            guard digits.count == 3 else { return nil }
            var v: UInt32 = 0
            for d in digits {
                guard let x = Int(String(d), radix: 8) else { return nil }
                v = v * 8 + UInt32(x)
            }
            guard v <= 255 else { return nil }
            rest = Substring(rest.unicodeScalars.dropFirst(2))
            return (v, rest)
        case "\\": return (0x5C, rest)
        case "'", "\"":
            guard String(c) == String(quote) else { return nil }
            return (c.value, rest)
        default:
            return nil
        }
    }

    /// `strconv.Unquote` of a double-quoted Go string; nil on bad syntax.
    public static func unquote(_ quoted: String) -> String? {
        // Fast path (almost every template string): no escapes, decided on the bytes.
        let utf8 = quoted.utf8
        if utf8.count >= 2, utf8.first == 0x22, utf8.last == 0x22 {
            let body = utf8.dropFirst().dropLast()
            if !body.contains(where: { $0 == 0x5C || $0 == 0x22 }) { return String(Substring(body)) }
        }
        guard quoted.count >= 2, quoted.hasPrefix("\""), quoted.hasSuffix("\"") else { return nil }
        var body = Substring(quoted.dropFirst().dropLast())
        if !body.contains("\\") && !body.contains("\"") { return String(body) }
        var bytes: [UInt8] = []
        while !body.isEmpty {
            let isByteEscape = body.hasPrefix("\\x") || (body.hasPrefix("\\") && body.dropFirst().first.map { $0 >= "0" && $0 <= "7" } == true)
            guard let (value, rest) = unquoteCharacter(body, quote: "\"") else { return nil }
            if isByteEscape {
                bytes.append(UInt8(truncatingIfNeeded: value))
            } else if let s = Unicode.Scalar(value) {
                bytes.append(contentsOf: Array(String(Character(s)).utf8))
            }
            body = rest
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
