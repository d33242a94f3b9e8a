import RudderCore
import RudderTemplate

/// TOML as BurntSushi/toml's encoder writes it for Helm's `toToml`: plain keys
/// first, then tables and arrays of tables, keys sorted, nested content
/// indented two spaces per level.
enum TOMLWriter {
    struct EncodingError: Error { var message: String }

    static func encode(_ value: Value) throws -> String {
        var writer = Writer()
        switch value {
        case .map(let map):
            try writer.table(map, path: [])
        case .null:
            // BurntSushi/toml panics inside reflect on a nil interface.
            throw FunctionError("reflect: call of reflect.Value.Type on zero Value")
        default:
            if isArrayOfTables(value) {
                throw EncodingError(message: "toml: top-level values must be Go maps or structs")
            }
            writer.out += try inline(value)
        }
        return writer.out
    }

    struct Writer {
        var out = ""
        var hasWritten: Bool { !out.isEmpty }

        mutating func newline() { if hasWritten { out += "\n" } }

        static func indent(_ depth: Int) -> String { String(repeating: "  ", count: max(0, depth - 1)) }

        mutating func table(_ map: [String: Value], path: [String]) throws {
            var direct: [String] = []
            var nested: [String] = []
            for (key, value) in map where !value.isNull {
                if isTable(value) || isArrayOfTables(value) { nested.append(key) } else { direct.append(key) }
            }
            let order: (String, String) -> Bool = { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for key in direct.sorted(by: order) {
                guard let value = map[key] else { continue }
                let full = path + [key]
                out += Writer.indent(full.count) + TOMLWriter.quoteKey(key) + " = " + (try inline(value)) + "\n"
            }
            for key in nested.sorted(by: order) {
                guard let value = map[key] else { continue }
                let full = path + [key]
                let name = full.map(TOMLWriter.quoteKey).joined(separator: ".")
                if case .map(let child) = value {
                    if full.count == 1 { newline() }
                    out += Writer.indent(full.count) + "[" + name + "]"
                    newline()
                    try table(child, path: full)
                } else if case .list(let items) = value {
                    for case .map(let child) in items {
                        newline()
                        out += Writer.indent(full.count) + "[[" + name + "]]"
                        newline()
                        try table(child, path: full)
                    }
                }
            }
        }
    }

    static func isTable(_ value: Value) -> Bool {
        if case .map = value { return true }
        return false
    }

    static func isArrayOfTables(_ value: Value) -> Bool {
        guard case .list(let items) = value, !items.isEmpty else { return false }
        return items.allSatisfy(isTable)
    }

    static func quoteKey(_ key: String) -> String {
        let bare = !key.isEmpty && key.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        return bare ? key : quote(key)
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{0C}": out += "\\f"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + GoQuote.hex(scalar.value, width: 4).uppercased()
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func inline(_ value: Value) throws -> String {
        switch value {
        case .null: throw EncodingError(message: "toml: cannot encode a nil value")
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .int64(let i): return String(i)
        case .float(let d):
            if d.isNaN { return "nan" }
            if d.isInfinite { return d < 0 ? "-inf" : "inf" }
            // strconv's shortest 'g' form, with ".0" added to plain integers.
            let (digits, point) = GoFormat.shortestDigits(d)
            let exponent = point - 1
            let sign = d.sign == .minus ? "-" : ""
            if d != 0 && (exponent < -4 || exponent >= 6) {
                return sign + GoFormat.exponentForm(digits, exponent: exponent, minimumExponentDigits: 2)
            }
            var text = sign + GoFormat.fixedForm(digits, point: point)
            if !text.contains(".") { text += ".0" }
            return text
        case .string(let s): return quote(s)
        case .bytes(let b): return quote(Text.fromBytes(b))
        case .list(let items):
            return "[" + (try items.filter { !$0.isNull }.map(inline)).joined(separator: ", ") + "]"
        case .map(let map):
            let keys = map.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            var parts: [String] = []
            for key in keys {
                guard let item = map[key], !item.isNull else { continue }
                parts.append(quoteKey(key) + " = " + (try inline(item)))
            }
            return "{" + parts.joined(separator: ", ") + "}"
        case .object(let object):
            if let time = object as? GoTime {
                return GoTimeFormat.format(time, layout: "2006-01-02T15:04:05.999999999Z07:00")
            }
            return quote(object.printed)
        }
    }
}
