/// Go's quoting of a pattern in `regexp: Compile(…)` messages: backquotes
/// when `strconv.CanBackquote`, otherwise `strconv.Quote`.
enum GoQuote {
    static func quote(_ s: String) -> String {
        canBackquote(s) ? "`" + s + "`" : doubleQuote(s)
    }

    static func canBackquote(_ s: String) -> Bool {
        for scalar in s.unicodeScalars {
            let value = scalar.value
            if value == 0x60 || value == 0xFEFF { return false }
            if value < 0x20 && value != 0x09 { return false }
            if value == 0x7F { return false }
        }
        return true
    }

    /// Go's strconv.Quote.
    static func doubleQuote(_ s: String) -> String {
        var result = "\""
        for scalar in s.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x07: result += "\\a"
            case 0x08: result += "\\b"
            case 0x0C: result += "\\f"
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case 0x0B: result += "\\v"
            case 0x22: result += "\\\""
            case 0x5C: result += "\\\\"
            default:
                if UnicodeTables.isPrint(value) {
                    result.unicodeScalars.append(scalar)
                } else if value < 0x80 {
                    result += "\\x" + hex(value, digits: 2)
                } else if value < 0x10000 {
                    result += "\\u" + hex(value, digits: 4)
                } else {
                    result += "\\U" + hex(value, digits: 8)
                }
            }
        }
        return result + "\""
    }

    static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
