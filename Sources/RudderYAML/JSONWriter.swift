import RudderCore

/// Writes JSON exactly as Go's encoding/json does for Helm's values.
public enum JSONWriter {
    /// Why a value has no JSON form.
    public struct EncodingError: Error, Sendable, Equatable, CustomStringConvertible {
        /// Go's text, e.g. `json: unsupported value: NaN`.
        public var message: String
        public var description: String { message }
    }

    /// Go's `json.Marshal` (or `json.MarshalIndent(v, "", indent)`): map keys
    /// sorted by their UTF-8 bytes, numbers in Go's float64 format (`1e+21`,
    /// `1e-7`), `<`, `>` and `&` escaped as `\u003c`… when `escapeHTML`,
    /// U+2028/U+2029 always escaped, `[]byte` as base64. A value with no
    /// JSON form (NaN, ±Inf) gives "", as Helm's `toJson` does; use
    /// `encodeChecked` to see the error. `toRawJson` is
    /// `encode(v, escapeHTML: false)`; `toPrettyJson` is `encode(v, indent: "  ")`.
    public static func encode(_ value: Value, escapeHTML: Bool = true, indent: String? = nil) -> String {
        (try? encodeChecked(value, escapeHTML: escapeHTML, indent: indent)) ?? ""
    }

    /// Like `encode`, but throws Go's error instead of returning "".
    public static func encodeChecked(_ value: Value, escapeHTML: Bool = true, indent: String? = nil) throws(EncodingError) -> String {
        var writer = Writer(escapeHTML: escapeHTML, indent: indent.map { Array($0.utf8) })
        try writer.write(value, depth: 0)
        return String(decoding: writer.out, as: UTF8.self)
    }

    struct Writer {
        let escapeHTML: Bool
        let indent: [UInt8]?
        var out: [UInt8] = []

        init(escapeHTML: Bool, indent: [UInt8]?) {
            self.escapeHTML = escapeHTML
            self.indent = indent
            out.reserveCapacity(256)
        }

        mutating func newline(_ depth: Int) {
            guard let indent else { return }
            out.append(UInt8(ascii: "\n"))
            for _ in 0..<depth { out.append(contentsOf: indent) }
        }

        mutating func write(_ value: Value, depth: Int) throws(EncodingError) {
            switch value {
            case .null:
                out.append(contentsOf: "null".utf8)
            case .bool(let b):
                out.append(contentsOf: (b ? "true" : "false").utf8)
            case .int(let i):
                out.append(contentsOf: String(i).utf8)
            case .int64(let i):
                out.append(contentsOf: String(i).utf8)
            case .float(let d):
                guard d.isFinite else {
                    throw EncodingError(message: "json: unsupported value: " + GoFloatFormatting.formatG(d))
                }
                out.append(contentsOf: GoFloatFormatting.formatJSON(d).utf8)
            case .string(let s):
                writeString(s)
            case .bytes(let b):
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: Base64Encoding.encode(b))
                out.append(UInt8(ascii: "\""))
            case .list(let items):
                if items.isEmpty {
                    out.append(contentsOf: "[]".utf8)
                    return
                }
                out.append(UInt8(ascii: "["))
                for (n, item) in items.enumerated() {
                    if n > 0 { out.append(UInt8(ascii: ",")) }
                    newline(depth + 1)
                    try write(item, depth: depth + 1)
                }
                newline(depth)
                out.append(UInt8(ascii: "]"))
            case .map(let m):
                if m.isEmpty {
                    out.append(contentsOf: "{}".utf8)
                    return
                }
                out.append(UInt8(ascii: "{"))
                for (n, key) in sortedKeys(m).enumerated() {
                    if n > 0 { out.append(UInt8(ascii: ",")) }
                    newline(depth + 1)
                    writeString(key)
                    out.append(UInt8(ascii: ":"))
                    if indent != nil { out.append(UInt8(ascii: " ")) }
                    try write(m[key] ?? .null, depth: depth + 1)
                }
                newline(depth)
                out.append(UInt8(ascii: "}"))
            case .object(let object):
                // A Go struct marshals as its fields (a certificate, a version); others as text.
                if let data = object.dataRepresentation {
                    try write(data, depth: depth)
                } else {
                    writeString(object.printed)
                }
            }
        }

        private static let hexDigits = Array("0123456789abcdef".utf8)

        mutating func writeString(_ s: String) {
            out.append(UInt8(ascii: "\""))
            var utf8 = s.utf8.makeIterator()
            // Bytes of a multi-byte sequence in progress (to spot U+2028/9).
            var pending: [UInt8] = []
            while let c = utf8.next() {
                if c >= 0x80 {
                    if c >= 0xC0 { flush(&pending) }
                    pending.append(c)
                    if pending.count == 3, pending[0] == 0xE2, pending[1] == 0x80, pending[2] == 0xA8 || pending[2] == 0xA9 {
                        out.append(contentsOf: (pending[2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                        pending.removeAll()
                    }
                    continue
                }
                flush(&pending)
                switch c {
                case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
                case 0x0A: out.append(contentsOf: "\\n".utf8)
                case 0x0D: out.append(contentsOf: "\\r".utf8)
                case 0x09: out.append(contentsOf: "\\t".utf8)
                case 0x08: out.append(contentsOf: "\\b".utf8)
                case 0x0C: out.append(contentsOf: "\\f".utf8)
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                    if escapeHTML {
                        out.append(contentsOf: "\\u00".utf8)
                        out.append(Self.hexDigits[Int(c >> 4)])
                        out.append(Self.hexDigits[Int(c & 0xF)])
                    } else {
                        out.append(c)
                    }
                default:
                    if c < 0x20 {
                        out.append(contentsOf: "\\u00".utf8)
                        out.append(Self.hexDigits[Int(c >> 4)])
                        out.append(Self.hexDigits[Int(c & 0xF)])
                    } else {
                        out.append(c)
                    }
                }
            }
            flush(&pending)
            out.append(UInt8(ascii: "\""))
        }

        private mutating func flush(_ pending: inout [UInt8]) {
            if !pending.isEmpty {
                out.append(contentsOf: pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Go's sort of string keys: by UTF-8 bytes.
    static func sortedKeys(_ m: [String: Value]) -> [String] {
        m.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}

/// Standard base64 with padding (Go's `base64.StdEncoding`).
enum Base64Encoding {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)])
            out.append(alphabet[Int(n & 63)])
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = UInt32(bytes[i]) << 16
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(contentsOf: "==".utf8)
        } else if rest == 2 {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)])
            out.append(UInt8(ascii: "="))
        }
        return out
    }
}
