/// Go's `strconv` number parsing, as far as yaml.v2's resolver uses it.
/// Every function reads bytes in place and allocates nothing on the paths
/// values files take (a scalar is resolved straight from libyaml's buffer).
enum GoNumberParsing {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// A fast path for the common case: an optional sign and 1 to 18 decimal
    /// digits without a leading zero (or just `0`), which every Go form reads
    /// the same way. Nil for anything else.
    static func simpleDecimal(_ s: Bytes) -> Int64? {
        var i = 0
        var negative = false
        if let first = s.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            i = 1
        }
        let digits = s.count - i
        guard digits > 0, digits <= 18, s[i] != UInt8(ascii: "0") || digits == 1 else { return nil }
        var n: Int64 = 0
        while i < s.count {
            let d = s[i] &- 0x30
            guard d < 10 else { return nil }
            n = n &* 10 &+ Int64(d)
            i += 1
        }
        return negative ? -n : n
    }

    /// `strconv.ParseInt(s, 0, 64)`.
    static func parseInt(_ s: Bytes) -> Int64? {
        guard let first = s.first else { return nil }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            guard let magnitude = parseUInt(Bytes(rebasing: s.dropFirst())) else { return nil }
            if first == UInt8(ascii: "-") {
                if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
                guard magnitude <= UInt64(Int64.max) else { return nil }
                return -Int64(magnitude)
            }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return Int64(magnitude)
        }
        guard let magnitude = parseUInt(s), magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// `strconv.ParseUint(s, 0, 64)`: no sign; `0x`, `0o`, `0b` or a leading `0` pick the base.
    static func parseUInt(_ bytes: Bytes) -> UInt64? {
        guard !bytes.isEmpty else { return nil }
        var base: UInt64 = 10
        var start = 0
        if bytes[0] == UInt8(ascii: "0") {
            if bytes.count >= 3, bytes[1] | 0x20 == UInt8(ascii: "b") {
                base = 2; start = 2
            } else if bytes.count >= 3, bytes[1] | 0x20 == UInt8(ascii: "o") {
                base = 8; start = 2
            } else if bytes.count >= 3, bytes[1] | 0x20 == UInt8(ascii: "x") {
                base = 16; start = 2
            } else {
                base = 8; start = 1
            }
        }
        var n: UInt64 = 0
        var i = start
        while i < bytes.count {
            guard let d = digitValue(bytes[i]), UInt64(d) < base else { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return nil }
            n = a
            i += 1
        }
        return n
    }

    private static func digitValue(_ c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(c - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(c - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }

    /// Base-2 digits as `strconv.ParseInt(s, 2, 64)` (with the sign given apart).
    static func parseBinary(_ s: Bytes, negative: Bool) -> Int64? {
        guard let u = parseBinaryUnsigned(s) else { return nil }
        if negative {
            if u == UInt64(Int64.max) + 1 { return Int64.min }
            guard u <= UInt64(Int64.max) else { return nil }
            return -Int64(u)
        }
        guard u <= UInt64(Int64.max) else { return nil }
        return Int64(u)
    }

    static func parseBinaryUnsigned(_ s: Bytes) -> UInt64? {
        guard !s.isEmpty else { return nil }
        var n: UInt64 = 0
        for c in s {
            guard c == UInt8(ascii: "0") || c == UInt8(ascii: "1") else { return nil }
            guard n >> 63 == 0 else { return nil }
            n = n << 1 | UInt64(c - UInt8(ascii: "0"))
        }
        return n
    }

    /// yaml.v2's `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    static func isYAMLStyleFloat(_ b: Bytes) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            return i - start
        }
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                _ = digits()
            }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == b.count
    }

    /// `strconv.ParseFloat(s, 64)` for decimal forms: sign, digits with an
    /// optional point, optional exponent; also Go's `inf`, `infinity` and
    /// `nan` words. Nil on bad syntax or overflow (Go's ErrRange).
    static func parseFloat(_ b: Bytes) -> Double? {
        var i = 0
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        if i < b.count, b[i] | 0x20 == UInt8(ascii: "i") || b[i] | 0x20 == UInt8(ascii: "n") {
            let rest = String(decoding: b[i...], as: UTF8.self).lowercased()
            if rest == "inf" || rest == "infinity" { return negative ? -.infinity : .infinity }
            if rest == "nan" { return .nan }
            return nil
        }
        var mantissaDigits = 0
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1; mantissaDigits += 1 }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1; mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return nil }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            var exponentDigits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard i == b.count else { return nil }
        guard let d = Double(String(decoding: b, as: UTF8.self)), d.isFinite else { return nil }
        return d
    }
}

/// Go's `strconv.FormatFloat` in the forms Helm's output uses.
enum GoFloatFormatting {
    /// The shortest decimal digits that round-trip, and the decimal point
    /// position: value = 0.digits × 10^pointPosition.
    struct Decimal {
        var digits: [UInt8]
        var pointPosition: Int
        var negative: Bool
    }

    /// Shortest digits of a finite Double (or of a Float when `bits32`).
    static func shortest(_ value: Double, bits32: Bool = false) -> Decimal {
        let text = bits32 ? Float(value).description : value.description
        var negative = false
        var digits: [UInt8] = []
        var pointPosition = 0
        var seenPoint = false
        var exponent = 0
        var utf8 = Array(text.utf8)
        if utf8.first == UInt8(ascii: "-") {
            negative = true
            utf8.removeFirst()
        }
        var i = 0
        while i < utf8.count {
            let c = utf8[i]
            if c == UInt8(ascii: ".") {
                seenPoint = true
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                let rest = String(decoding: utf8[(i + 1)...], as: UTF8.self)
                exponent = Int(rest) ?? 0
                break
            } else {
                digits.append(c)
                if !seenPoint { pointPosition += 1 }
            }
            i += 1
        }
        // Trim leading zeros (moving the point) and trailing zeros.
        while let first = digits.first, first == UInt8(ascii: "0") {
            digits.removeFirst()
            pointPosition -= 1
        }
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
        if digits.isEmpty { return Decimal(digits: [], pointPosition: 0, negative: negative) }
        return Decimal(digits: digits, pointPosition: pointPosition + exponent, negative: negative)
    }

    /// `FormatFloat(v, 'g', -1, 64)` (32 for `bits32`), as `%v` and yaml.v2/v3 print floats.
    static func formatG(_ value: Double, bits32: Bool = false) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        let d = shortest(value, bits32: bits32)
        if d.digits.isEmpty { return d.negative ? "-0" : "0" }
        // Go: with the shortest precision, %e when the exponent is < -4 or >= 6.
        let exponent = d.pointPosition - 1
        if exponent < -4 || exponent >= 6 { return formatE(d, minimumExponentDigits: 2) }
        return formatF(d)
    }

    /// encoding/json's float64 format: `'f'` between 1e-6 and 1e21, else
    /// `'e'` with the exponent's leading zero dropped (`1e-7`, `1e+21`).
    static func formatJSON(_ value: Double) -> String {
        let magnitude = abs(value)
        let d = shortest(value)
        if d.digits.isEmpty { return d.negative ? "-0" : "0" }
        if magnitude < 1e-6 || magnitude >= 1e21 {
            return formatE(d, minimumExponentDigits: 1)
        }
        return formatF(d)
    }

    static func formatE(_ d: Decimal, minimumExponentDigits: Int) -> String {
        var out = d.negative ? "-" : ""
        out.unicodeScalars.append(Unicode.Scalar(d.digits[0]))
        if d.digits.count > 1 {
            out += "."
            out += String(decoding: d.digits[1...], as: UTF8.self)
        }
        let exponent = d.pointPosition - 1
        out += exponent < 0 ? "e-" : "e+"
        var exponentText = String(abs(exponent))
        while exponentText.count < minimumExponentDigits { exponentText = "0" + exponentText }
        out += exponentText
        return out
    }

    static func formatF(_ d: Decimal) -> String {
        var out = d.negative ? "-" : ""
        if d.pointPosition <= 0 {
            out += "0."
            out += String(repeating: "0", count: -d.pointPosition)
            out += String(decoding: d.digits, as: UTF8.self)
        } else if d.pointPosition >= d.digits.count {
            out += String(decoding: d.digits, as: UTF8.self)
            out += String(repeating: "0", count: d.pointPosition - d.digits.count)
        } else {
            out += String(decoding: d.digits[..<d.pointPosition], as: UTF8.self)
            out += "."
            out += String(decoding: d.digits[d.pointPosition...], as: UTF8.self)
        }
        return out
    }
}
