import RudderCore

/// Reads one JSON value from a position in a text and reports where it ends,
/// as Go's `json.Decoder.Decode` does for `--set-json`: numbers become
/// float64, objects maps, arrays lists. Nesting is limited (Go's limit, 10,000).
struct JSONPrefixReader {
    var scalars: [Unicode.Scalar]
    var position: Int
    var depth = 0
    static let maxDepth = 10000
    /// Go's `encoding/json` syntax error for the first failure, once one happened.
    var errorMessage: String?

    /// Records Go's message for a bad character at the current position (or the end).
    mutating func fail(_ context: String) -> Value? {
        if errorMessage == nil {
            if position >= scalars.count {
                errorMessage = "unexpected end of JSON input"
            } else {
                errorMessage = "invalid character \(SetValueParser.goQuoteRune(scalars[position])) \(context)"
            }
        }
        return nil
    }

    /// Reads a whole document: one value and nothing but spaces after it.
    mutating func readDocument() -> Value? {
        guard let value = readValue() else { return nil }
        skipSpace()
        if position < scalars.count { return fail("after top-level value") }
        return value
    }

    /// The value, or nil when the text is not JSON there.
    mutating func readValue() -> Value? {
        skipSpace()
        guard position < scalars.count else { return fail("") }
        switch scalars[position] {
        case "{": return readObject()
        case "[": return readArray()
        case "\"": return readString().map(Value.string)
        case "t": return readWord("true", .bool(true))
        case "f": return readWord("false", .bool(false))
        case "n": return readWord("null", .null)
        default: return readNumber()
        }
    }

    mutating func skipSpace() {
        while position < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[position]) { position += 1 }
    }

    mutating func readWord(_ word: String, _ value: Value) -> Value? {
        for scalar in word.unicodeScalars {
            guard position < scalars.count, scalars[position] == scalar else {
                return fail("in literal \(word) (expecting \(SetValueParser.goQuoteRune(scalar)))")
            }
            position += 1
        }
        return value
    }

    mutating func readObject() -> Value? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return nil }
        position += 1
        var map: [String: Value] = [:]
        skipSpace()
        if position < scalars.count, scalars[position] == "}" {
            position += 1
            return .map(map)
        }
        while true {
            skipSpace()
            guard position < scalars.count, scalars[position] == "\"" else {
                return fail("looking for beginning of object key string")
            }
            guard let key = readString() else { return nil }
            skipSpace()
            guard position < scalars.count, scalars[position] == ":" else { return fail("after object key") }
            position += 1
            guard let value = readValue() else { return nil }
            map[key] = value
            skipSpace()
            guard position < scalars.count else { return fail("") }
            if scalars[position] == "," {
                position += 1
                continue
            }
            guard scalars[position] == "}" else { return fail("after object key:value pair") }
            position += 1
            return .map(map)
        }
    }

    mutating func readArray() -> Value? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return nil }
        position += 1
        var items: [Value] = []
        skipSpace()
        if position < scalars.count, scalars[position] == "]" {
            position += 1
            return .list(items)
        }
        while true {
            guard let value = readValue() else { return nil }
            items.append(value)
            skipSpace()
            guard position < scalars.count else { return fail("") }
            if scalars[position] == "," {
                position += 1
                continue
            }
            guard scalars[position] == "]" else { return fail("after array element") }
            position += 1
            return .list(items)
        }
    }

    mutating func readString() -> String? {
        position += 1
        var result = String.UnicodeScalarView()
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            switch scalar {
            case "\"": return String(result)
            case "\\":
                guard position < scalars.count else { return nil }
                let escape = scalars[position]
                position += 1
                switch escape {
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                case "/": result.append("/")
                case "b": result.append("\u{08}")
                case "f": result.append("\u{0C}")
                case "n": result.append("\n")
                case "r": result.append("\r")
                case "t": result.append("\t")
                case "u":
                    guard let unit = readHex4() else { return nil }
                    if (0xD800..<0xDC00).contains(unit), position + 1 < scalars.count,
                        scalars[position] == "\\", scalars[position + 1] == "u"
                    {
                        let save = position
                        position += 2
                        if let low = readHex4(), (0xDC00..<0xE000).contains(low),
                            let combined = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                        {
                            result.append(combined)
                            continue
                        }
                        position = save
                    }
                    result.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
                default: return nil
                }
            default:
                if scalar.value < 0x20 {
                    position -= 1
                    _ = fail("in string literal")
                    return nil
                }
                result.append(scalar)
            }
        }
        _ = fail("")
        return nil
    }

    mutating func readHex4() -> UInt32? {
        guard position + 4 <= scalars.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = scalars[position].properties.numericType != nil || ("a"..."f").contains(scalars[position]) || ("A"..."F").contains(scalars[position])
                ? UInt32(String(scalars[position]), radix: 16) : nil
            else { return nil }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` as a float64.
    mutating func readNumber() -> Value? {
        let start = position
        func digits() -> Int {
            var count = 0
            while position < scalars.count, ("0"..."9").contains(scalars[position]) {
                position += 1
                count += 1
            }
            return count
        }
        if position < scalars.count, scalars[position] == "-" { position += 1 }
        guard position < scalars.count else { return fail("") }
        if scalars[position] == "0" {
            position += 1
        } else if digits() == 0 {
            return fail(position == start ? "looking for beginning of value" : "in numeric literal")
        }
        if position < scalars.count, scalars[position] == "." {
            position += 1
            guard digits() > 0 else { return fail("after decimal point in numeric literal") }
        }
        if position < scalars.count, scalars[position] == "e" || scalars[position] == "E" {
            position += 1
            if position < scalars.count, scalars[position] == "+" || scalars[position] == "-" { position += 1 }
            guard digits() > 0 else { return fail("in exponent of numeric literal") }
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<position])
        guard let number = Double(String(text)), number.isFinite else { return nil }
        return .float(number)
    }
}
