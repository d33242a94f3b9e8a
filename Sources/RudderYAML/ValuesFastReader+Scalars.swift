import RudderCore

extension ValuesFastParser {
    static let singleQuote = UInt8(ascii: "'")
    static let doubleQuote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    /// The longest key read here (libyaml refuses simple keys over 1,024 characters).
    static let maxKeyBytes = 1000

    /// Whether `byte` is a YAML indicator (a plain scalar may not start with
    /// it; `-`, `?` and `:` may when no blank follows, but are left to the
    /// callers here).
    @inline(__always)
    static func isIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
             UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
             UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            return true
        default:
            return false
        }
    }

    /// A mapping key at `offset` (`key:` followed by a blank): the key as
    /// sigs.k8s.io/yaml makes it a string, and the offset after the colon.
    /// nil when the line holds no key there; throws for keys read elsewhere.
    func key(at offset: Int) throws(Unsure) -> (key: String, afterColon: Int)? {
        let first = base[offset]
        if first == Self.singleQuote || first == Self.doubleQuote {
            let (text, end) = try quoted(at: offset)
            var i = end
            while i < count && base[i] == Self.space { i += 1 }
            guard i < count, base[i] == Self.colon, blankOrEnd(i + 1) else { return nil }
            guard end - offset <= Self.maxKeyBytes else { throw Unsure() }
            return (text, i + 1)
        }
        if Self.isIndicator(first) { return nil }
        var i = offset
        while true {
            if atLineEnd(i) { return nil }
            let byte = base[i]
            if byte == Self.colon && blankOrEnd(i + 1) { break }
            if byte == Self.hash && base[i - 1] == Self.space { return nil }
            i += 1
        }
        var end = i
        while base[end - 1] == Self.space { end -= 1 }
        guard end - offset <= Self.maxKeyBytes else { throw Unsure() }
        let bytes = UnsafeBufferPointer(start: base + offset, count: end - offset)
        // A merge key (`<<`) or a null key: the full reader's.
        if bytes.count == 2 && bytes[0] == UInt8(ascii: "<") && bytes[1] == UInt8(ascii: "<") { throw Unsure() }
        let kind = ResolvedScalar.classifyPlain(bytes)
        if case .null = kind { throw Unsure() }
        guard let key = DocumentBuilder.keyString(ResolvedScalar(kind, text: String(decoding: bytes, as: UTF8.self))) else {
            throw Unsure()
        }
        return (key, i + 1)
    }

    /// A one-line value at `offset`: a quoted or plain scalar, `[]` or `{}`,
    /// then only spaces or a comment. Returns the value and its line's end.
    func inlineValue(at offset: Int) throws(Unsure) -> (value: Value, lineEnd: Int) {
        let first = base[offset]
        switch first {
        case Self.singleQuote, Self.doubleQuote:
            let (text, end) = try quoted(at: offset)
            return (.string(text), try restOfLine(from: end))
        case UInt8(ascii: "["):
            guard offset + 1 < count, base[offset + 1] == UInt8(ascii: "]") else { throw Unsure() }
            return (.list([]), try restOfLine(from: offset + 2))
        case UInt8(ascii: "{"):
            guard offset + 1 < count, base[offset + 1] == UInt8(ascii: "}") else { throw Unsure() }
            return (.map([:]), try restOfLine(from: offset + 2))
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            // A plain scalar may start so only when no blank follows.
            if blankOrEnd(offset + 1) { throw Unsure() }
        default:
            if Self.isIndicator(first) { throw Unsure() }
        }
        var i = offset
        var lineEnd = -1
        while !atLineEnd(i) {
            let byte = base[i]
            if byte == Self.colon && blankOrEnd(i + 1) { throw Unsure() }
            if byte == Self.hash && base[i - 1] == Self.space {
                lineEnd = self.lineEnd(from: i)
                break
            }
            i += 1
        }
        if lineEnd < 0 { lineEnd = i }
        var end = i
        while base[end - 1] == Self.space { end -= 1 }
        let bytes = UnsafeBufferPointer(start: base + offset, count: end - offset)
        let value: Value
        switch ResolvedScalar.classifyPlain(bytes) {
        case .null: value = .null
        case .bool(let b): value = .bool(b)
        // Through JSON, every number is a float64.
        case .int(let n): value = .float(Double(n))
        case .uint(let n): value = .float(Double(n))
        case .float(let d):
            // NaN and infinities are errors (JSON has none): the full reader's.
            guard d.isFinite else { throw Unsure() }
            value = .float(d)
        case .string, .timestamp: value = .string(String(decoding: bytes, as: UTF8.self))
        }
        return (value, lineEnd)
    }

    /// A one-line quoted scalar at `offset` (double-quoted without escapes):
    /// its text and the offset after the closing quote.
    func quoted(at offset: Int) throws(Unsure) -> (text: String, end: Int) {
        let quote = base[offset]
        var i = offset + 1
        var doubledQuotes = false
        while true {
            guard !atLineEnd(i) else { throw Unsure() }
            let byte = base[i]
            if quote == Self.doubleQuote {
                if byte == Self.backslash { throw Unsure() }
                if byte == Self.doubleQuote { break }
            } else if byte == Self.singleQuote {
                if i + 1 < count && base[i + 1] == Self.singleQuote {
                    doubledQuotes = true
                    i += 2
                    continue
                }
                break
            }
            i += 1
        }
        let bytes = UnsafeBufferPointer(start: base + offset + 1, count: i - offset - 1)
        var text = String(decoding: bytes, as: UTF8.self)
        if doubledQuotes {
            // `''` is one quote.
            var unescaped: [UInt8] = []
            unescaped.reserveCapacity(bytes.count)
            var k = 0
            while k < bytes.count {
                unescaped.append(bytes[k])
                k += bytes[k] == Self.singleQuote ? 2 : 1
            }
            text = String(decoding: unescaped, as: UTF8.self)
        }
        return (text, i + 1)
    }
}
