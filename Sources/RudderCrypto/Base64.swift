/// Standard base64 (RFC 4648 with padding), as Go's `base64.StdEncoding`.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int((n >> UInt32(shift)) & 63)]) }
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            var n = UInt32(bytes[i]) << 16
            if rest == 2 { n |= UInt32(bytes[i + 1]) << 8 }
            out.append(alphabet[Int((n >> 18) & 63)])
            out.append(alphabet[Int((n >> 12) & 63)])
            out.append(rest == 2 ? alphabet[Int((n >> 6) & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes as Go's `StdEncoding.DecodeString`: CR and LF are skipped; any
    /// other bad byte fails with Go's "illegal base64 data at input byte N".
    static func decode(_ text: String) throws(Base64Error) -> [UInt8] {
        var out = [UInt8]()
        var quantum: [UInt8] = []
        var quantumStart = 0
        var sawPadding = false
        let input = Array(text.utf8)
        out.reserveCapacity(input.count / 4 * 3)
        var index = 0
        while index < input.count {
            let c = input[index]
            if c == 0x0a || c == 0x0d { index += 1; continue }
            if sawPadding { throw Base64Error(offset: index) }
            if quantum.isEmpty { quantumStart = index }
            if c == UInt8(ascii: "=") {
                // Padding is valid only as the end of a 2- or 3-symbol quantum.
                if quantum.count < 2 { throw Base64Error(offset: index) }
                if quantum.count == 2 {
                    var next = index + 1
                    while next < input.count, input[next] == 0x0a || input[next] == 0x0d { next += 1 }
                    if next >= input.count || input[next] != UInt8(ascii: "=") {
                        throw Base64Error(offset: next >= input.count ? input.count : next - 1)
                    }
                    index = next
                }
                flush(quantum, into: &out)
                quantum = []
                sawPadding = true
                index += 1
                continue
            }
            guard let v = value(of: c) else { throw Base64Error(offset: index) }
            quantum.append(v)
            if quantum.count == 4 {
                flush(quantum, into: &out)
                quantum = []
            }
            index += 1
        }
        if !quantum.isEmpty { throw Base64Error(offset: quantumStart) }
        return out
    }

    private static func value(of c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return c - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return c - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        default: return nil
        }
    }

    private static func flush(_ quantum: [UInt8], into out: inout [UInt8]) {
        var n: UInt32 = 0
        for (i, v) in quantum.enumerated() { n |= UInt32(v) << UInt32(18 - 6 * i) }
        if quantum.count >= 2 { out.append(UInt8(truncatingIfNeeded: n >> 16)) }
        if quantum.count >= 3 { out.append(UInt8(truncatingIfNeeded: n >> 8)) }
        if quantum.count >= 4 { out.append(UInt8(truncatingIfNeeded: n)) }
    }
}

/// Go's `base64.CorruptInputError`.
struct Base64Error: Error, CustomStringConvertible {
    var offset: Int
    var description: String { "illegal base64 data at input byte \(offset)" }
}
