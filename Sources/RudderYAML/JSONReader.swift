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
///
/// It reads the bytes through one unsafe buffer (no bounds checks per byte):
/// strings come straight from byte ranges, integers without a fraction or
/// exponent are converted without text, and an object's members collect on a
/// shared stack first, so its dictionary is built at its final size (each key
/// hashed once, never rehashed as the dictionary grows).
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

    mutating func parseDocument() throws(YAMLError) -> Value {
        let bytes = self.bytes
        let result: Result<Value, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(text: buffer, file: file)
            defer {
                index = scanner.index
                rangeError = scanner.rangeError
            }
            do throws(YAMLError) {
                return .success(try scanner.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Go's `quoteChar`.
    static func quoteChar(_ c: UInt8) -> String {
        if c == UInt8(ascii: "'") { return "'\\''" }
        if c == UInt8(ascii: "\"") { return "'\"'" }
        let quoted = GoQuote.quote(String(Unicode.Scalar(c)))
        return "'" + quoted.dropFirst().dropLast() + "'"
    }
}

/// The parser's work over the borrowed bytes.
private struct JSONScanner {
    let text: UnsafeBufferPointer<UInt8>
    let file: String
    var index = 0
    var rangeError: YAMLError?

    /// An open array or object: where its elements (or members) start on the shared stacks.
    private struct Frame {
        var isObject: Bool
        var start: Int
    }

    init(text: UnsafeBufferPointer<UInt8>, file: String) {
        self.text = text
        self.file = file
    }

    // MARK: Errors (slow paths)

    private func failure(_ message: String, at offset: Int) -> YAMLError {
        let source = SourceFile(name: file, bytes: Array(text))
        let position = source.position(ofByte: offset)
        return YAMLError(position: position, problem: message, helmMessage: message)
    }

    private func unexpectedEnd() -> YAMLError {
        failure("unexpected end of JSON input", at: text.count)
    }

    private func invalid(_ context: String, at offset: Int) -> YAMLError {
        failure("invalid character \(JSONParser.quoteChar(text[offset])) \(context)", at: offset)
    }

    // MARK: Scanning

    @inline(__always)
    private mutating func skipSpace() {
        while index < text.count {
            switch text[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func parseDocument() throws(YAMLError) -> Value {
        var frames: [Frame] = []
        var items: [Value] = []
        // Each open object's key awaiting its value, and the members read so far.
        var keys: [String] = []
        var members: [(key: String, value: Value)] = []
        while true {
            // Expect a value.
            skipSpace()
            guard index < text.count else { throw unexpectedEnd() }
            var value: Value
            let c = text[index]
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if frames.count + 1 > JSONParser.maxDepth { throw invalid("exceeded max depth", at: index) }
                index += 1
                skipSpace()
                guard index < text.count else { throw unexpectedEnd() }
                if c == UInt8(ascii: "[") {
                    if text[index] == UInt8(ascii: "]") {
                        index += 1
                        value = .list([])
                    } else {
                        frames.append(Frame(isObject: false, start: items.count))
                        continue
                    }
                } else {
                    if text[index] == UInt8(ascii: "}") {
                        index += 1
                        value = .map([:])
                    } else {
                        frames.append(Frame(isObject: true, start: members.count))
                        keys.append(try parseKey())
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
            while let frame = frames.last {
                skipSpace()
                guard index < text.count else { throw unexpectedEnd() }
                let next = text[index]
                if frame.isObject {
                    members.append((keys.removeLast(), value))
                    if next == UInt8(ascii: ",") {
                        index += 1
                        skipSpace()
                        guard index < text.count else { throw unexpectedEnd() }
                        keys.append(try parseKey())
                        break
                    }
                    guard next == UInt8(ascii: "}") else { throw invalid("after object key:value pair", at: index) }
                    index += 1
                    // The last of duplicate keys wins, as in Go.
                    var map = [String: Value](minimumCapacity: members.count - frame.start)
                    for offset in frame.start..<members.count { map[members[offset].key] = members[offset].value }
                    members.removeSubrange(frame.start...)
                    value = .map(map)
                } else {
                    items.append(value)
                    if next == UInt8(ascii: ",") {
                        index += 1
                        break
                    }
                    guard next == UInt8(ascii: "]") else { throw invalid("after array element", at: index) }
                    index += 1
                    value = .list(Array(items[frame.start...]))
                    items.removeSubrange(frame.start...)
                }
                frames.removeLast()
            }
            if frames.isEmpty {
                skipSpace()
                if index < text.count { throw invalid("after top-level value", at: index) }
                return value
            }
        }
    }

    /// A key string and its colon; `index` is at the opening quote.
    private mutating func parseKey() throws(YAMLError) -> String {
        guard text[index] == UInt8(ascii: "\"") else {
            throw invalid("looking for beginning of object key string", at: index)
        }
        let key = try parseString()
        skipSpace()
        guard index < text.count else { throw unexpectedEnd() }
        guard text[index] == UInt8(ascii: ":") else { throw invalid("after object key", at: index) }
        index += 1
        return key
    }

    private mutating func parseLiteral(_ word: StaticString) throws(YAMLError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for byte in expected {
            guard index < text.count else { throw unexpectedEnd() }
            if text[index] != byte {
                let name = String(decoding: expected, as: UTF8.self)
                throw invalid("in literal \(name) (expecting \(JSONParser.quoteChar(byte)))", at: index)
            }
            index += 1
        }
    }

    @inline(__always)
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private mutating func parseNumber() throws(YAMLError) -> Value {
        let start = index
        var negative = false
        if text[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
            guard index < text.count else { throw unexpectedEnd() }
            guard Self.isDigit(text[index]) else { throw invalid("in numeric literal", at: index) }
        }
        // The integer part, accumulated while it is exact in a Double (up to 15 digits).
        let digitsStart = index
        var magnitude: UInt64 = 0
        if text[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < text.count, Self.isDigit(text[index]) {
                magnitude = magnitude &* 10 &+ UInt64(text[index] &- 0x30)
                index += 1
            }
        }
        var simple = index - digitsStart <= 15
        if index < text.count, text[index] == UInt8(ascii: ".") {
            simple = false
            index += 1
            guard index < text.count else { throw unexpectedEnd() }
            guard Self.isDigit(text[index]) else { throw invalid("after decimal point in numeric literal", at: index) }
            while index < text.count, Self.isDigit(text[index]) { index += 1 }
        }
        if index < text.count, text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") {
            simple = false
            index += 1
            guard index < text.count else { throw unexpectedEnd() }
            if text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
                index += 1
                guard index < text.count else { throw unexpectedEnd() }
            }
            guard Self.isDigit(text[index]) else { throw invalid("in exponent of numeric literal", at: index) }
            while index < text.count, Self.isDigit(text[index]) { index += 1 }
        }
        if simple {
            let number = Double(magnitude)
            return .float(negative ? -number : number)
        }
        let numberText = String(decoding: UnsafeBufferPointer(rebasing: text[start..<index]), as: UTF8.self)
        guard let d = Double(numberText), d.isFinite else {
            if rangeError == nil {
                rangeError = failure("json: cannot unmarshal number \(numberText) into Go value of type float64", at: start)
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
            guard index < text.count else { throw unexpectedEnd() }
            guard let h = Self.hexValue(text[index]) else {
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
        let start = index
        // The common case: no escape, made straight from the input bytes.
        while index < text.count {
            let c = text[index]
            if c == UInt8(ascii: "\"") {
                let string = String(decoding: UnsafeBufferPointer(rebasing: text[start..<index]), as: UTF8.self)
                index += 1
                return string
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw invalid("in string literal", at: index) }
            index += 1
        }
        guard index < text.count else { throw unexpectedEnd() }
        return try parseEscapedString(from: start)
    }

    /// The rest of a string with escapes; `index` is at the first backslash.
    private mutating func parseEscapedString(from start: Int) throws(YAMLError) -> String {
        var out: [UInt8] = Array(text[start..<index])
        var runStart = index
        while true {
            guard index < text.count else { throw unexpectedEnd() }
            let c = text[index]
            if c == UInt8(ascii: "\"") {
                out.append(contentsOf: text[runStart..<index])
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw invalid("in string literal", at: index) }
            if c != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            out.append(contentsOf: text[runStart..<index])
            index += 1
            guard index < text.count else { throw unexpectedEnd() }
            let e = text[index]
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
                    if index + 1 < text.count, text[index] == UInt8(ascii: "\\"), text[index + 1] == UInt8(ascii: "u") {
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
