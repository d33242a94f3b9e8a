import RudderCore

/// Go's `%#v` for the few values yaml.v2 puts in its error messages.
enum GoSyntax {
    static func describe(_ value: Value) -> String {
        switch value {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .int64(let i): return String(i)
        case .float(let d): return GoFloatFormatting.formatG(d)
        case .string(let s): return GoQuote.quote(s)
        case .bytes(let b): return "[]byte{" + b.map { String($0) }.joined(separator: ", ") + "}"
        case .list(let items): return "[]interface {}{" + items.map(describe).joined(separator: ", ") + "}"
        case .map(let m):
            let parts = m.keys.sorted().map { "\(GoQuote.quote($0)):\(describe(m[$0] ?? .null))" }
            return "map[interface {}]interface {}{" + parts.joined(separator: ", ") + "}"
        case .object(let o): return o.printed
        }
    }
}

/// Go's `strconv.Quote`.
enum GoQuote {
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{0B}": out += "\\v"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                            || scalar.properties.generalCategory == .unassigned {
                    out += scalar.value > 0xFFFF ? "\\U" + hex(scalar.value, width: 8) : "\\u" + hex(scalar.value, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        var s = String(v, radix: 16)
        while s.count < width { s = "0" + s }
        return s
    }
}
