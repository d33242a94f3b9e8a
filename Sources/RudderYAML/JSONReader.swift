import RudderCore

/// Reads JSON as Go's encoding/json does into `interface{}`: objects become
/// `.map` (the last of duplicate keys wins), arrays `.list`, every number
/// `.float` (Go float64), strings with invalid UTF-8 repaired to U+FFFD.
/// Errors carry Go's message in `helmMessage` (`invalid character 'x'
/// looking for beginning of value`, `unexpected end of JSON input`) and the
/// place of the offending byte in `position`. Nesting deeper than 10,000
/// fails as in Go. Used by `fromJson`, `--set-json` and values.schema.json.
public enum JSONReader {
    public static func parse(_ bytes: [UInt8], file: String) throws(YAMLError) -> Value {
        var parser = JSONParser(bytes: bytes, file: file)
        let value = try parser.parseDocument()
        if let error = parser.rangeError { throw error }
        return value
    }

    /// `json.Unmarshal` into `top` (`fromJson` uses `.map`, `fromJsonArray`
    /// `.list`): JSON `null` gives `.null` (Go's nil map or slice, which
    /// `toJson` prints as `null`); another kind of value fails with Go's
    /// `json: cannot unmarshal array into Go value of type map[string]interface {}`.
    public static func unmarshal(_ bytes: [UInt8], file: String, top: YAMLReader.TopLevel) throws(YAMLError) -> Value {
        var parser = JSONParser(bytes: bytes, file: file)
        let value = try parser.parseDocument()
        let goType: String
        switch (top, value) {
        case (.any, _), (.map, .map), (.list, .list), (_, .null):
            if let error = parser.rangeError { throw error }
            return value
        case (.map, _): goType = "map[string]interface {}"
        case (.list, _): goType = "[]interface {}"
        }
        let kind: String
        switch value {
        case .string: kind = "string"
        case .bool: kind = "bool"
        case .list: kind = "array"
        case .map: kind = "object"
        default: kind = "number"
        }
        throw YAMLError(position: SourcePosition(file: file, line: 1, column: 1, offset: 0),
                        problem: "expected \(top == .map ? "an object" : "an array"), found \(kind)",
                        helmMessage: "json: cannot unmarshal \(kind) into Go value of type \(goType)")
    }
}

/// An iterative JSON parser (no recursion, so depth costs heap, not stack).
struct JSONParser {
    let bytes: [UInt8]
    let file: String
    var index = 0
    /// The first number out of float64's range: Go reports it only after
    /// the whole text has been checked and the top-level type matched.
    var rangeError: YAMLError?
    static let maxDepth = 10_000

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    private enum Container {
        case array([Value])
        case object([String: Value], key: String?)
    }

    private func failure(_ message: String, at offset: Int) -> YAMLError {
        let source = SourceFile(name: file, bytes: bytes)
        let position = source.position(ofByte: offset)
        return YAMLError(position: position, problem: message, helmMessage: message)
    }

    private func unexpectedEnd() -> YAMLError {
        failure("unexpected end of JSON input", at: bytes.count)
    }

    /// Go's `quoteChar`.
    static func quoteChar(_ c: UInt8) -> String {
        if c == UInt8(ascii: "'") { return "'\\''" }
        if c == UInt8(ascii: "\"") { return "'\"'" }
        let quoted = GoQuote.quote(String(Unicode.Scalar(c)))
        return "'" + quoted.dropFirst().dropLast() + "'"
    }

    private func invalid(_ context: String, at offset: Int) -> YAMLError {
        failure("invalid character \(Self.quoteChar(bytes[offset])) \(context)", at: offset)
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func parseDocument() throws(YAMLError) -> Value {
        var stack: [Container] = []
        var result: Value?
        while true {
            // Expect a value.
            skipSpace()
            guard index < bytes.count else { throw unexpectedEnd() }
            var value: Value
            let c = bytes[index]
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if stack.count + 1 > Self.maxDepth { throw invalid("exceeded max depth", at: index) }
                index += 1
                skipSpace()
                guard index < bytes.count else { throw unexpectedEnd() }
                if c == UInt8(ascii: "[") {
                    if bytes[index] == UInt8(ascii: "]") {
                        index += 1
                        value = .list([])
                    } else {
                        stack.append(.array([]))
                        continue
                    }
                } else {
                    if bytes[index] == UInt8(ascii: "}") {
                        index += 1
                        value = .map([:])
                    } else {
                        let key = try parseKey()
                        stack.append(.object([:], key: key))
                        continue
                    }
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = try parseNumber()
            case UInt8(ascii: "t"):
                try parseLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try parseLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try parseLiteral("null")
                value = .null
            default:
                throw invalid("looking for beginning of value", at: index)
            }
            // Hand the value to its container, closing containers as they end.
            while true {
                guard let top = stack.popLast() else {
                    result = value
                    break
                }
                skipSpace()
                guard index < bytes.count else { throw unexpectedEnd() }
                let next = bytes[index]
                switch top {
                case .array(var items):
                    items.append(value)
                    if next == UInt8(ascii: ",") {
                        index += 1
                        stack.append(.array(items))
                    } else if next == UInt8(ascii: "]") {
                        index += 1
                        value = .list(items)
                        continue
                    } else {
                        throw invalid("after array element", at: index)
                    }
                case .object(var map, let key):
                    map[key ?? ""] = value
                    if next == UInt8(ascii: ",") {
                        index += 1
                        skipSpace()
                        guard index < bytes.count else { throw unexpectedEnd() }
                        let nextKey = try parseKey()
                        stack.append(.object(map, key: nextKey))
                    } else if next == UInt8(ascii: "}") {
                        index += 1
                        value = .map(map)
                        continue
                    } else {
                        throw invalid("after object key:value pair", at: index)
                    }
                }
                break
            }
            if let result {
                skipSpace()
                if index < bytes.count { throw invalid("after top-level value", at: index) }
                return result
            }
        }
    }

    /// A key string and its colon; `index` is at the opening quote.
    private mutating func parseKey() throws(YAMLError) -> String {
        guard bytes[index] == UInt8(ascii: "\"") else {
            throw invalid("looking for beginning of object key string", at: index)
        }
        let key = try parseString()
        skipSpace()
        guard index < bytes.count else { throw unexpectedEnd() }
        guard bytes[index] == UInt8(ascii: ":") else { throw invalid("after object key", at: index) }
        index += 1
        return key
    }

    private mutating func parseLiteral(_ word: StaticString) throws(YAMLError) {
        let expected = word.withUTF8Buffer { Array($0) }
        let name = String(decoding: expected, as: UTF8.self)
        for (k, byte) in expected.enumerated() {
            guard index < bytes.count else { throw unexpectedEnd() }
            if bytes[index] != byte {
                throw invalid("in literal \(name) (expecting \(Self.quoteChar(expected[k])))", at: index)
            }
            index += 1
        }
    }

    private mutating func parseNumber() throws(YAMLError) -> Value {
        let start = index
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        if bytes[index] == UInt8(ascii: "-") {
            index += 1
            guard index < bytes.count else { throw unexpectedEnd() }
            guard isDigit(bytes[index]) else { throw invalid("in numeric literal", at: index) }
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count else { throw unexpectedEnd() }
            guard isDigit(bytes[index]) else { throw invalid("after decimal point in numeric literal", at: index) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            guard index < bytes.count else { throw unexpectedEnd() }
            if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
                guard index < bytes.count else { throw unexpectedEnd() }
            }
            guard isDigit(bytes[index]) else { throw invalid("in exponent of numeric literal", at: index) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let d = Double(text), d.isFinite else {
            if rangeError == nil {
                rangeError = failure("json: cannot unmarshal number \(text) into Go value of type float64", at: start)
            }
            return .null
        }
        return .float(d)
    }

    private static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private mutating func parseHex4() throws(YAMLError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw unexpectedEnd() }
            guard let h = Self.hexValue(bytes[index]) else {
                throw invalid("in \\u hexadecimal character escape", at: index)
            }
            v = v << 4 | h
            index += 1
        }
        return v
    }

    /// A string; `index` is at the opening quote.
    private mutating func parseString() throws(YAMLError) -> String {
        index += 1
        var out: [UInt8] = []
        var runStart = index
        let start = index
        var escaped = false
        while true {
            guard index < bytes.count else { throw unexpectedEnd() }
            let c = bytes[index]
            if c == UInt8(ascii: "\"") {
                if !escaped {
                    // No escape: straight from the input, no intermediate buffer.
                    let text = String(decoding: bytes[start..<index], as: UTF8.self)
                    index += 1
                    return text
                }
                out.append(contentsOf: bytes[runStart..<index])
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw invalid("in string literal", at: index) }
            if c != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            escaped = true
            out.append(contentsOf: bytes[runStart..<index])
            index += 1
            guard index < bytes.count else { throw unexpectedEnd() }
            let e = bytes[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalarValue = try parseHex4()
                if scalarValue >= 0xD800 && scalarValue < 0xDC00 {
                    // A high surrogate: combine with a following low one.
                    if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        let save = index
                        index += 2
                        let low = try parseHex4()
                        if low >= 0xDC00 && low < 0xE000 {
                            scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = save
                            scalarValue = 0xFFFD
                        }
                    } else {
                        scalarValue = 0xFFFD
                    }
                }
                let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
                out.append(contentsOf: String(scalar).utf8)
            default:
                throw invalid("in string escape code", at: index - 1)
            }
            runStart = index
        }
    }
}
