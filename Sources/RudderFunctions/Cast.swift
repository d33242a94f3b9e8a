import RudderCore

/// Sprig's loose conversions (spf13/cast and Sprig's own `strval`, `empty`).
enum Cast {
    /// Sprig's `strval`: strings as they are, bytes as text, everything else `%v`.
    static func string(_ value: Value) -> String {
        switch value {
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        default: return GoFormat.formatValue(value)
        }
    }

    /// `cast.ToInt64`: numbers truncate, strings parse (base prefixes allowed,
    /// a trailing ".0" ignored), bools are 0 or 1, everything else 0.
    static func int64(_ value: Value) -> Int64 {
        switch value {
        case .int(let i): return Int64(i)
        case .int64(let i): return i
        case .float(let d): return truncate(d)
        case .bool(let b): return b ? 1 : 0
        case .string(let s): return parseInteger(trimZeroDecimal(s)) ?? 0
        default: return 0
        }
    }

    /// Go's conversion of a float to int64 on amd64: out of range gives the minimum.
    static func truncate(_ d: Double) -> Int64 {
        if d.isNaN || d >= 9.223372036854775807e18 || d < -9.223372036854775808e18 { return Int64.min }
        return Int64(d.rounded(.towardZero))
    }

    /// `cast.ToFloat64`.
    static func float64(_ value: Value) -> Double {
        switch value {
        case .int(let i): return Double(i)
        case .int64(let i): return Double(i)
        case .float(let d): return d
        case .bool(let b): return b ? 1 : 0
        case .string(let s): return parseFloat(s) ?? 0
        default: return 0
        }
    }

    /// cast's `trimZeroDecimal`: "12.00" → "12"; anything else unchanged.
    static func trimZeroDecimal(_ s: String) -> String {
        var foundZero = false
        let bytes = Array(s.utf8)
        var index = bytes.count - 1
        while index >= 0 {
            switch bytes[index] {
            case UInt8(ascii: "."):
                return foundZero ? String(decoding: bytes[..<index], as: UTF8.self) : s
            case UInt8(ascii: "0"):
                foundZero = true
            default:
                return s
            }
            index -= 1
        }
        return s
    }

    /// `strconv.ParseInt(s, 0, 64)`: optional sign, 0x/0o/0b/0 prefixes, underscores
    /// only with a prefix. Nil when malformed or out of range.
    static func parseInteger(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)[...]
        guard !bytes.isEmpty else { return nil }
        var negative = false
        if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") {
            negative = bytes.first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var base: UInt64 = 10
        var prefixed = false
        if bytes.count >= 2, bytes.first == UInt8(ascii: "0") {
            let second = bytes[bytes.startIndex + 1] | 0x20
            if second == UInt8(ascii: "x") { base = 16; bytes = bytes.dropFirst(2); prefixed = true }
            else if second == UInt8(ascii: "o") { base = 8; bytes = bytes.dropFirst(2); prefixed = true }
            else if second == UInt8(ascii: "b") { base = 2; bytes = bytes.dropFirst(2); prefixed = true }
            else { base = 8; bytes = bytes.dropFirst(1); prefixed = true }
        }
        guard let magnitude = parseUnsigned(bytes, base: base, underscores: true, afterPrefix: prefixed) else { return nil }
        if negative {
            if magnitude > UInt64(Int64.max) + 1 { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        if magnitude > UInt64(Int64.max) { return nil }
        return Int64(magnitude)
    }

    static func parseUnsigned(_ bytes: ArraySlice<UInt8>, base: UInt64, underscores: Bool, afterPrefix: Bool = false) -> UInt64? {
        var result: UInt64 = 0
        var sawDigit = false
        // An underscore must follow a digit or the base prefix, and precede a digit.
        var lastUnderscore = false
        if underscores && !afterPrefix && bytes.first == UInt8(ascii: "_") { return nil }
        for byte in bytes {
            if byte == UInt8(ascii: "_") {
                if !underscores || lastUnderscore { return nil }
                lastUnderscore = true
                continue
            }
            lastUnderscore = false
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = UInt64(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = UInt64(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            guard digit < base else { return nil }
            let (multiplied, overflow1) = result.multipliedReportingOverflow(by: base)
            let (added, overflow2) = multiplied.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            result = added
            sawDigit = true
        }
        if lastUnderscore { return nil }
        return sawDigit || (base == 8 && afterPrefix) ? result : nil
    }

    /// `strconv.Atoi`: decimal only, optional sign.
    static func atoi(_ text: String) -> Int? {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") {
            negative = bytes.first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        // Out of range: Go returns the nearest bound (with an error Sprig ignores).
        let magnitude = parseUnsigned(bytes, base: 10, underscores: false) ?? UInt64.max
        if negative {
            return magnitude >= UInt64(Int64.max) + 1 ? Int.min : -Int(magnitude)
        }
        return magnitude > UInt64(Int64.max) ? Int.max : Int(magnitude)
    }

    /// `strconv.ParseFloat(s, 64)`: decimal and hex forms, "inf", "nan", underscores
    /// between digits only with a base prefix.
    static func parseFloat(_ text: String) -> Double? {
        guard !text.isEmpty else { return nil }
        var body = Substring(text)
        var sign = ""
        if body.first == "+" || body.first == "-" {
            sign = body.first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        let lower = body.lowercased()
        if lower == "inf" || lower == "infinity" { return sign == "-" ? -.infinity : .infinity }
        if lower == "nan" { return .nan }
        if lower.hasPrefix("0x") && !lower.contains("p") { return nil }
        // Underscores may only separate digits.
        let bytes = Array(body.utf8)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "_") {
            let isDigit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
            guard index > 0, index + 1 < bytes.count, isDigit(bytes[index - 1]), isDigit(bytes[index + 1]) else { return nil }
        }
        body = Substring(String(decoding: bytes.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self))
        // Go accepts what strtod accepts for decimal forms, but not leading spaces.
        for byte in body.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
                UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "p"),
                UInt8(ascii: "P"), UInt8(ascii: "a")...UInt8(ascii: "d"), UInt8(ascii: "f"),
                UInt8(ascii: "A")...UInt8(ascii: "D"), UInt8(ascii: "F"):
                continue
            default: return nil
            }
        }
        // Out of range is an error in Go (cast then gives 0).
        guard let value = Double(sign + body), value.isFinite else { return nil }
        return value
    }

    /// Sprig's `empty`: nil, false, 0, and empty strings, lists and maps.
    static func isEmpty(_ value: Value) -> Bool {
        switch value {
        case .null: return true
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .int64(let i): return i == 0
        case .float(let d): return d == 0
        case .string(let s): return s.isEmpty
        case .bytes(let b): return b.isEmpty
        case .list(let l): return l.isEmpty
        case .map(let m): return m.isEmpty
        case .object: return false
        }
    }

    /// Sprig's `strslice`: a list's non-nil elements as strings; nil gives [];
    /// anything else a one-element list.
    static func strings(_ value: Value) -> [String] {
        switch value {
        case .list(let items):
            return items.compactMap { $0.isNull ? nil : string($0) }
        case .bytes(let bytes):
            return bytes.map { String($0) }
        case .null:
            return []
        default:
            return [string(value)]
        }
    }

    /// `reflect.DeepEqual`: same types and equal contents.
    static func deepEqual(_ a: Value, _ b: Value) -> Bool { a == b }
}
