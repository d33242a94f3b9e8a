import RudderCore

/// A block-style YAML emitter that writes what yaml.v2 (`toYaml`) and
/// yaml.v3 with indent 2 (`toYamlPretty`) write: the state machine of
/// libyaml's emitter (which both port) cut down to what values need.
///
/// It walks the value itself (no tree of nodes is built) and works on each
/// scalar's UTF-8 bytes when they are ASCII, on its code points otherwise.
struct YAMLEmitter {
    enum Flavor { case v2, v3 }

    /// The style the encoder asks for; the emitter may pick another.
    enum Request { case plain, literal, doubleQuoted }

    let flavor: Flavor
    let bestIndent = 2
    let bestWidth: Int
    var out: [UInt8] = []
    var column = 0
    var whitespace = true
    var indention = true
    var indent = -1

    init(flavor: Flavor) {
        self.flavor = flavor
        bestWidth = flavor == .v2 ? 80 : Int.max
        out.reserveCapacity(256)
    }

    // MARK: - Structure

    mutating func emitDocument(_ value: Value) throws(YAMLWriter.EncodingError) {
        try emit(value, mappingContext: false)
        writeIndent()
    }

    /// Raises the indentation for a nested node; returns the old one, which
    /// the caller restores when the node is done.
    mutating func increaseIndent(flow: Bool, indentless: Bool) -> Int {
        let saved = indent
        if indent < 0 {
            indent = flow ? bestIndent : 0
        } else if !indentless {
            indent += bestIndent
        }
        return saved
    }

    mutating func emit(_ value: Value, mappingContext: Bool) throws(YAMLWriter.EncodingError) {
        switch value {
        case .null:
            writeKnownPlain("null")
        case .bool(let b):
            writeKnownPlain(b ? "true" : "false")
        case .int(let i):
            try writeText(String(i), request: .plain, asKey: false)
        case .int64(let i):
            try writeText(String(i), request: .plain, asKey: false)
        case .float(let d):
            try writeText(try YAMLWriter.floatText(d, flavor: flavor), request: .plain, asKey: false)
        case .string(let s):
            try writeText(s, request: nil, asKey: false)
        case .bytes(let b):
            try writeText(String(decoding: Base64Encoding.encode(b), as: UTF8.self), request: nil, asKey: false)
        case .object(let o):
            // A Go struct marshals as its fields (a certificate, a version); others as text.
            if let data = o.dataRepresentation {
                try emit(data, mappingContext: mappingContext)
            } else {
                try writeText(o.printed, request: nil, asKey: false)
            }
        case .list(let items):
            if items.isEmpty {
                writeIndicator(UInt8(ascii: "["), needWhitespace: true, isWhitespace: true, isIndention: false)
                writeIndicator(UInt8(ascii: "]"), needWhitespace: false, isWhitespace: false, isIndention: false)
                return
            }
            let indentless = flavor == .v2 && mappingContext && !indention
            let saved = increaseIndent(flow: false, indentless: indentless)
            for item in items {
                writeIndent()
                writeIndicator(UInt8(ascii: "-"), needWhitespace: true, isWhitespace: false, isIndention: true)
                try emit(item, mappingContext: false)
            }
            indent = saved
        case .map(let m):
            if m.isEmpty {
                writeIndicator(UInt8(ascii: "{"), needWhitespace: true, isWhitespace: true, isIndention: false)
                writeIndicator(UInt8(ascii: "}"), needWhitespace: false, isWhitespace: false, isIndention: false)
                return
            }
            let saved = increaseIndent(flow: false, indentless: false)
            let flavor = self.flavor
            for (key, item) in m.sorted(by: { YAMLKeyOrder.less($0.key, $1.key, flavor: flavor) }) {
                writeIndent()
                try writeText(key, request: nil, asKey: true)
                try emit(item, mappingContext: true)
            }
            indent = saved
        }
    }

    /// Writes a plain scalar known to need no analysis (`null`, `true`).
    mutating func writeKnownPlain(_ word: StaticString) {
        let saved = increaseIndent(flow: true, indentless: false)
        if !whitespace { put(UInt8(ascii: " ")) }
        word.withUTF8Buffer { for byte in $0 { put(byte) } }
        whitespace = false
        indention = false
        indent = saved
    }

    /// Writes a string scalar (or a mapping key with its `:`, or `? ` and
    /// `:` for a key that cannot be simple). `request` nil: the encoder's
    /// choice for a string (`YAMLWriter.request`).
    mutating func writeText(_ text: String, request: Request?, asKey: Bool) throws(YAMLWriter.EncodingError) {
        var text = text
        let utf8Count = text.utf8.count
        let refused: Bool = text.withUTF8 { bytes in
            if Self.isASCII(bytes) {
                if flavor == .v2 && bytes.contains(0x7F) { return true }
                let chosen = request ?? YAMLWriter.request(bytes)
                writeScalar(bytes, utf8Count: utf8Count, request: chosen, asKey: asKey,
                            documentMarker: Self.startsWithMarker(bytes))
                return false
            }
            let codes = String(decoding: bytes, as: UTF8.self).unicodeScalars.map(\.value)
            if flavor == .v2 && codes.contains(where: { $0 == 0x7F || ($0 >= 0x80 && $0 <= 0x9F && $0 != 0x85)
                                                      || $0 == 0xFFFE || $0 == 0xFFFF }) {
                return true
            }
            let chosen = request ?? YAMLWriter.request(bytes)
            // Character-wise, as String.hasPrefix compares.
            let marker = String(decoding: bytes, as: UTF8.self)
            writeScalar(codes, utf8Count: utf8Count, request: chosen, asKey: asKey,
                        documentMarker: marker.hasPrefix("---") || marker.hasPrefix("..."))
            return false
        }
        if refused { throw YAMLWriter.EncodingError(message: "yaml: control characters are not allowed") }
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        let count = bytes.count
        // Eight bytes at a time.
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while k + 8 <= count {
                if base.loadUnaligned(fromByteOffset: k, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                k += 8
            }
        }
        while k < count {
            if bytes[k] >= 0x80 { return false }
            k += 1
        }
        return true
    }

    static func startsWithMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 3, bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: ".") else { return false }
        return bytes[1] == bytes[0] && bytes[2] == bytes[0]
    }

    /// A scalar in place: a key (simple, or `? ` … `:` when multi-line or
    /// longer than 128 bytes) or a value.
    mutating func writeScalar<Codes: RandomAccessCollection>(
        _ codes: Codes, utf8Count: Int, request: Request, asKey: Bool, documentMarker: Bool
    ) where Codes.Index == Int, Codes.Element: FixedWidthInteger {
        let analysis = ScalarAnalysis(codes, flavor: flavor, documentMarker: documentMarker)
        guard asKey else {
            let saved = increaseIndent(flow: true, indentless: false)
            writeScalar(codes, analysis: analysis, request: request, simpleKey: false)
            indent = saved
            return
        }
        if !analysis.multiline && utf8Count <= 128 {
            let saved = increaseIndent(flow: true, indentless: false)
            writeScalar(codes, analysis: analysis, request: request, simpleKey: true)
            indent = saved
            writeIndicator(UInt8(ascii: ":"), needWhitespace: false, isWhitespace: false, isIndention: false)
        } else {
            writeIndicator(UInt8(ascii: "?"), needWhitespace: true, isWhitespace: false, isIndention: true)
            let saved = increaseIndent(flow: true, indentless: false)
            writeScalar(codes, analysis: analysis, request: request, simpleKey: false)
            indent = saved
            writeIndent()
            writeIndicator(UInt8(ascii: ":"), needWhitespace: true, isWhitespace: false, isIndention: true)
        }
    }

    // MARK: - Low-level writing

    @inline(__always) mutating func put(_ byte: UInt8) {
        out.append(byte)
        column += 1
    }

    mutating func putBreak() {
        out.append(UInt8(ascii: "\n"))
        column = 0
    }

    /// Writes one character (all its UTF-8 bytes), counting one column.
    @inline(__always) mutating func write(_ code: UInt32) {
        if code < 0x80 {
            out.append(UInt8(truncatingIfNeeded: code))
        } else {
            appendUTF8(code)
        }
        column += 1
    }

    mutating func appendUTF8(_ code: UInt32) {
        if code < 0x800 {
            out.append(UInt8(truncatingIfNeeded: 0xC0 | code >> 6))
        } else {
            if code < 0x10000 {
                out.append(UInt8(truncatingIfNeeded: 0xE0 | code >> 12))
            } else {
                out.append(UInt8(truncatingIfNeeded: 0xF0 | code >> 18))
                out.append(UInt8(truncatingIfNeeded: 0x80 | (code >> 12) & 0x3F))
            }
            out.append(UInt8(truncatingIfNeeded: 0x80 | (code >> 6) & 0x3F))
        }
        out.append(UInt8(truncatingIfNeeded: 0x80 | code & 0x3F))
    }

    /// Writes a line break character: `\n` as a newline, others as themselves.
    mutating func writeBreak(_ code: UInt32) {
        if code == 0x0A {
            putBreak()
        } else {
            if code < 0x80 { out.append(UInt8(truncatingIfNeeded: code)) } else { appendUTF8(code) }
            column = 0
        }
    }

    mutating func writeIndent() {
        let target = max(indent, 0)
        if !indention || column > target || (column == target && !whitespace) {
            putBreak()
        }
        while column < target { put(UInt8(ascii: " ")) }
        whitespace = true
        indention = true
    }

    mutating func writeIndicator(_ indicator: UInt8, needWhitespace: Bool, isWhitespace: Bool, isIndention: Bool) {
        if needWhitespace && !whitespace { put(UInt8(ascii: " ")) }
        put(indicator)
        whitespace = isWhitespace
        indention = indention && isIndention
    }
}
