import RudderTemplate
import RudderCore

/// A TOML v1.0 reader for Helm's `fromToml`: integers are int64, floats
/// float64, tables maps, arrays lists, offset date-times `time.Time`. Errors
/// read like BurntSushi/toml's: `toml: line N (last key "k"): …`.
struct TOMLReader {
    struct ParseError: Error { var message: String }

    let bytes: [UInt8]
    var index = 0
    var line = 1
    var lastKey = ""
    var depth = 0
    static let maximumDepth = 1000

    init(_ text: String) { bytes = Array(text.utf8) }

    static func parse(_ text: String) throws -> [String: Value] {
        var reader = TOMLReader(text)
        return try reader.document()
    }

    func error(_ message: String) -> ParseError {
        ParseError(message: lastKey.isEmpty ? "toml: line \(line): \(message)" : "toml: line \(line) (last key \(GoQuote.quote(lastKey))): \(message)")
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpaces() {
        while let c = current, c == 0x20 || c == 0x09 { index += 1 }
    }

    /// Spaces, comments and newlines.
    mutating func skipBlank() {
        while let c = current {
            if c == 0x20 || c == 0x09 || c == 0x0D { index += 1 }
            else if c == 0x0A { index += 1; line += 1 }
            else if c == UInt8(ascii: "#") { while let d = current, d != 0x0A { index += 1 } }
            else { break }
        }
    }

    mutating func endOfLine() throws {
        skipSpaces()
        if current == UInt8(ascii: "#") { while let d = current, d != 0x0A { index += 1 } }
        if current == 0x0D { index += 1 }
        guard let c = current else { return }
        guard c == 0x0A else { throw error("expected a top-level item to end with a newline, comment, or EOF, but got \(GoQuote.quote(String(decoding: [c], as: UTF8.self))) instead") }
        index += 1
        line += 1
    }

    // document: (keyValue | '[' key ']' | '[[' key ']]')*
    mutating func document() throws -> [String: Value] {
        var root: [String: Value] = [:]
        var tablePath: [String] = []
        var definedTables: Set<[String]> = []
        while true {
            skipBlank()
            guard let c = current else { break }
            if c == UInt8(ascii: "[") {
                let isArray = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "[")
                index += isArray ? 2 : 1
                skipSpaces()
                let path = try key()
                skipSpaces()
                for _ in 0..<(isArray ? 2 : 1) {
                    guard current == UInt8(ascii: "]") else { throw error("expected ']' after table name") }
                    index += 1
                }
                let headerLine = line
                try endOfLine()
                lastKey = path.joined(separator: ".")
                if isArray {
                    try TOMLReader.appendTable(&root, path[...], error: error("key \(GoQuote.quote(lastKey)) is not an array of tables"))
                } else {
                    if definedTables.contains(path) {
                        throw ParseError(message: "toml: line \(headerLine): Key '\(lastKey)' has already been defined.")
                    }
                    definedTables.insert(path)
                    try TOMLReader.ensureTable(&root, path[...], error: error("key \(GoQuote.quote(lastKey)) is not a table"))
                }
                tablePath = path
                continue
            }
            let path = try key()
            lastKey = (tablePath + path).joined(separator: ".")
            skipSpaces()
            guard current == UInt8(ascii: "=") else { throw error("expected '=' after key") }
            index += 1
            skipSpaces()
            let item = try value()
            try TOMLReader.insert(&root, (tablePath + path)[...], item, error: error("Key '\(lastKey)' has already been defined."))
            try endOfLine()
        }
        return root
    }

    // key: simpleKey ('.' simpleKey)*
    mutating func key() throws -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            guard let c = current else { throw error("unexpected EOF; expected key") }
            if c == UInt8(ascii: "\"") {
                parts.append(try basicString())
            } else if c == UInt8(ascii: "'") {
                parts.append(try literalString())
            } else {
                let start = index
                while let d = current, isBare(d) { index += 1 }
                guard index > start else { throw error("invalid bare key character \(GoQuote.quote(String(decoding: [c], as: UTF8.self)))") }
                parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
            }
            skipSpaces()
            guard current == UInt8(ascii: ".") else { return parts }
            if parts.count >= TOMLReader.maximumDepth { throw error("key has more than \(TOMLReader.maximumDepth) parts") }
            index += 1
        }
    }

    func isBare(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
    }

    // value: string | number | bool | datetime | array | inlineTable
    mutating func value() throws -> Value {
        guard let c = current, c != 0x0A else { throw error("unexpected EOF; expected value") }
        depth += 1
        defer { depth -= 1 }
        if depth > TOMLReader.maximumDepth { throw error("nesting is deeper than \(TOMLReader.maximumDepth)") }
        switch c {
        case UInt8(ascii: "\""): return .string(try basicString())
        case UInt8(ascii: "'"): return .string(try literalString())
        case UInt8(ascii: "["):
            index += 1
            var items: [Value] = []
            while true {
                skipBlank()
                if current == UInt8(ascii: "]") { index += 1; return .list(items) }
                items.append(try value())
                skipBlank()
                if current == UInt8(ascii: ",") { index += 1; continue }
                guard current == UInt8(ascii: "]") else { throw error("expected a comma (',') or array terminator (']')") }
                index += 1
                return .list(items)
            }
        case UInt8(ascii: "{"):
            index += 1
            var table: [String: Value] = [:]
            skipSpaces()
            if current == UInt8(ascii: "}") { index += 1; return .map(table) }
            while true {
                let path = try key()
                skipSpaces()
                guard current == UInt8(ascii: "=") else { throw error("expected '=' after key") }
                index += 1
                skipSpaces()
                let item = try value()
                try TOMLReader.insert(&table, path[...], item, error: error("key \(GoQuote.quote(path.joined(separator: "."))) is already defined"))
                skipSpaces()
                if current == UInt8(ascii: ",") { index += 1; continue }
                guard current == UInt8(ascii: "}") else { throw error("expected a comma or an inline table terminator '}'") }
                index += 1
                return .map(table)
            }
        default:
            return try scalar()
        }
    }

    mutating func scalar() throws -> Value {
        let start = index
        while let c = current, !(c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == 0x0A || c == 0x0D || c == UInt8(ascii: "#")) {
            index += 1
        }
        var text = String(decoding: bytes[start..<index], as: UTF8.self)
        while text.hasSuffix(" ") || text.hasSuffix("\t") { text.removeLast() }
        if text.isEmpty { throw error("unexpected EOF; expected value") }
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        if let integer = TOMLReader.integer(text) { return .int64(integer) }
        if text.contains("-") || text.contains(":"), let time = dateTime(text) { return time }
        if let float = TOMLReader.float(text) { return .float(float) }
        throw error("invalid value \(GoQuote.quote(text))")
    }

    static func integer(_ text: String) -> Int64? {
        var body = Substring(text)
        var negative = false
        if body.first == "+" || body.first == "-" { negative = body.first == "-"; body = body.dropFirst() }
        var base: UInt64 = 10
        if body.hasPrefix("0x") { base = 16 } else if body.hasPrefix("0o") { base = 8 } else if body.hasPrefix("0b") { base = 2 }
        if base != 10 {
            if negative || text.hasPrefix("+") { return nil }
            body = body.dropFirst(2)
        } else if body.count > 1 && body.hasPrefix("0") {
            return nil
        }
        guard !body.isEmpty, !body.hasPrefix("_"), !body.hasSuffix("_"), !body.contains("__") else { return nil }
        guard let magnitude = Cast.parseUnsigned(Array(body.utf8)[...], base: base, underscores: true, afterPrefix: false) else { return nil }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    static func float(_ text: String) -> Double? {
        let stripped = String(text.filter { $0 != "_" })
        guard stripped.contains(".") || stripped.lowercased().contains("e") else { return nil }
        guard stripped.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }) else { return nil }
        return Double(stripped)
    }

    func dateTime(_ text: String) -> Value? {
        // Local forms carry BurntSushi's marker zones ("datetime-local", …).
        let normalized = text.replacing(" ", with: "T")
        if let time = try? GoTimeFormat.parse(normalized, layout: "2006-01-02T15:04:05.999999999Z07:00", local: .utc) {
            return .object(time)
        }
        let local: [(String, String)] = [
            ("2006-01-02T15:04:05.999999999", "datetime-local"), ("2006-01-02", "date-local"),
            ("15:04:05.999999999", "time-local"),
        ]
        for (layout, zone) in local {
            if let time = try? GoTimeFormat.parse(normalized, layout: layout, local: .utc) {
                return .object(time.inZone(.fixed(name: zone, offset: 0)))
            }
        }
        return nil
    }

    mutating func basicString() throws -> String {
        let multiline = index + 2 < bytes.count && bytes[index + 1] == 0x22 && bytes[index + 2] == 0x22
        index += multiline ? 3 : 1
        if multiline && current == 0x0A { index += 1; line += 1 }
        var out: [UInt8] = []
        while true {
            guard let c = current else { throw error("unexpected EOF; expected '\"'") }
            if c == 0x22 {
                if !multiline { index += 1; return String(decoding: out, as: UTF8.self) }
                if index + 2 < bytes.count && bytes[index + 1] == 0x22 && bytes[index + 2] == 0x22 {
                    index += 3
                    while current == 0x22 { out.append(0x22); index += 1 }
                    return String(decoding: out, as: UTF8.self)
                }
                out.append(c); index += 1
                continue
            }
            if c == 0x0A {
                guard multiline else { throw error("strings cannot contain newlines") }
                line += 1
            }
            if c == UInt8(ascii: "\\") {
                index += 1
                guard let e = current else { throw error("unexpected EOF") }
                index += 1
                switch e {
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "e"): out.append(0x1B)
                case 0x22: out.append(0x22)
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let count = e == UInt8(ascii: "u") ? 4 : 8
                    guard index + count <= bytes.count,
                        let code = UInt32(String(decoding: bytes[index..<(index + count)], as: UTF8.self), radix: 16),
                        let scalar = Unicode.Scalar(code)
                    else { throw error("invalid escape in string") }
                    out += Array(String(scalar).utf8)
                    index += count
                // A line-ending backslash: multi-line strings only.
                case 0x0A where multiline, 0x20 where multiline, 0x09 where multiline, 0x0D where multiline:
                    while let w = current, w == 0x20 || w == 0x09 || w == 0x0A || w == 0x0D {
                        if w == 0x0A { line += 1 }
                        index += 1
                    }
                    if e == 0x0A { line += 1 }
                case 0x20, 0x09:
                    throw error("invalid escape: '\\" + String(decoding: [e], as: UTF8.self) + "'")
                case 0x0D:
                    throw error("TOML files cannot contain control characters: '0x0d'")
                default:
                    if e == 0x0A { line += 1 }
                    // The whole character after the backslash, as BurntSushi/toml quotes it.
                    var end = index
                    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                    throw error("invalid escape in string '\\" + String(decoding: bytes[(index - 1)..<end], as: UTF8.self) + "'")
                }
                continue
            }
            out.append(c)
            index += 1
        }
    }

    mutating func literalString() throws -> String {
        let multiline = index + 2 < bytes.count && bytes[index + 1] == 0x27 && bytes[index + 2] == 0x27
        index += multiline ? 3 : 1
        if multiline && current == 0x0A { index += 1; line += 1 }
        let start = index
        while true {
            guard let c = current else { throw error("unexpected EOF; expected \"'\"") }
            if c == 0x27 {
                if !multiline { index += 1; return String(decoding: bytes[start..<(index - 1)], as: UTF8.self) }
                if index + 2 < bytes.count && bytes[index + 1] == 0x27 && bytes[index + 2] == 0x27 {
                    let end = index
                    index += 3
                    return String(decoding: bytes[start..<end], as: UTF8.self)
                }
            }
            if c == 0x0A {
                guard multiline else { throw error("strings cannot contain newlines") }
                line += 1
            }
            index += 1
        }
    }

    // MARK: Building the tree

    static func insert(_ table: inout [String: Value], _ path: ArraySlice<String>, _ value: Value, error: ParseError) throws {
        guard let first = path.first else { return }
        if path.count == 1 {
            if table[first] != nil { throw error }
            table[first] = value
            return
        }
        var child: [String: Value]
        switch table[first] {
        case nil: child = [:]
        case .map(let existing)?: child = existing
        case .list(var items)? where TOMLWriter.isArrayOfTables(.list(items)):
            guard case .map(var last)? = items.last else { throw error }
            try insert(&last, path.dropFirst(), value, error: error)
            items[items.count - 1] = .map(last)
            table[first] = .list(items)
            return
        default: throw error
        }
        try insert(&child, path.dropFirst(), value, error: error)
        table[first] = .map(child)
    }

    static func ensureTable(_ table: inout [String: Value], _ path: ArraySlice<String>, error: ParseError) throws {
        guard let first = path.first else { return }
        switch table[first] {
        case nil:
            var child: [String: Value] = [:]
            try ensureTable(&child, path.dropFirst(), error: error)
            table[first] = .map(child)
        case .map(var child)?:
            try ensureTable(&child, path.dropFirst(), error: error)
            table[first] = .map(child)
        case .list(var items)? where !path.dropFirst().isEmpty && TOMLWriter.isArrayOfTables(.list(items)):
            guard case .map(var last)? = items.last else { throw error }
            try ensureTable(&last, path.dropFirst(), error: error)
            items[items.count - 1] = .map(last)
            table[first] = .list(items)
        default:
            throw error
        }
    }

    static func appendTable(_ table: inout [String: Value], _ path: ArraySlice<String>, error: ParseError) throws {
        guard let first = path.first else { return }
        if path.count == 1 {
            switch table[first] {
            case nil: table[first] = .list([.map([:])])
            case .list(var items)? where items.allSatisfy(TOMLWriter.isTable):
                items.append(.map([:]))
                table[first] = .list(items)
            default: throw error
            }
            return
        }
        switch table[first] {
        case nil:
            var child: [String: Value] = [:]
            try appendTable(&child, path.dropFirst(), error: error)
            table[first] = .map(child)
        case .map(var child)?:
            try appendTable(&child, path.dropFirst(), error: error)
            table[first] = .map(child)
        case .list(var items)? where TOMLWriter.isArrayOfTables(.list(items)):
            guard case .map(var last)? = items.last else { throw error }
            try appendTable(&last, path.dropFirst(), error: error)
            items[items.count - 1] = .map(last)
            table[first] = .list(items)
        default:
            throw error
        }
    }
}
