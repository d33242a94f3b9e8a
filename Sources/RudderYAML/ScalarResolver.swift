/// What a scalar means under yaml.v2's YAML 1.1 rules (the parser under
/// sigs.k8s.io/yaml, which Helm uses for values files, `fromYaml` and
/// rendered manifests).
enum ResolvedScalar: Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case float(Double)
    case string(String)
    /// Looks like a timestamp; yaml.v2 hands the original text to `interface{}`.
    case timestamp(String)
    /// The merge key `<<`.
    case merge

    static let tagPrefix = "tag:yaml.org,2002:"
    static let stringTag = tagPrefix + "str"
    static let boolTag = tagPrefix + "bool"
    static let intTag = tagPrefix + "int"
    static let floatTag = tagPrefix + "float"
    static let nullTag = tagPrefix + "null"
    static let timestampTag = tagPrefix + "timestamp"
    static let binaryTag = tagPrefix + "binary"
    static let mergeTag = tagPrefix + "merge"

    /// yaml.v2's short tag name for error messages (`!!int`).
    var shortTag: String {
        switch self {
        case .null: return "!!null"
        case .bool: return "!!bool"
        case .int, .uint: return "!!int"
        case .float: return "!!float"
        case .string: return "!!str"
        case .timestamp: return "!!timestamp"
        case .merge: return "!!merge"
        }
    }

    static func shortTag(_ tag: String) -> String {
        if tag.hasPrefix(tagPrefix) { return "!!" + tag.dropFirst(tagPrefix.count) }
        return tag
    }

    /// Resolves an untagged plain scalar (`tag` nil), or one with an explicit
    /// tag. Throws yaml.v2's message for a value its tag cannot hold.
    static func resolve(_ text: String, tag: String?) throws(ResolveFailure) -> ResolvedScalar {
        guard let tag else { return resolvePlain(text) }
        switch tag {
        case "!":
            return .string(text)
        case stringTag:
            return .string(text)
        case binaryTag:
            guard let decoded = Base64.decode(text) else {
                throw ResolveFailure(message: "!!binary value contains invalid base64 data")
            }
            return .string(String(decoding: decoded, as: UTF8.self))
        case boolTag, intTag, floatTag, nullTag, timestampTag:
            let resolved = resolvePlain(text, allowTimestamp: tag == timestampTag)
            switch (tag, resolved) {
            case (boolTag, .bool), (intTag, .int), (intTag, .uint), (floatTag, .float), (nullTag, .null),
                 (timestampTag, .timestamp):
                return resolved
            case (floatTag, .int(let i)):
                return .float(Double(i))
            case (floatTag, .uint(let u)):
                return .float(Double(u))
            default:
                throw ResolveFailure(
                    message: "cannot decode \(resolved.shortTag) `\(text)` as a \(shortTag(tag))")
            }
        default:
            // Unknown tags (`!foo`) are not resolved: the text is the value.
            return .string(text)
        }
    }

    /// yaml.v2's `resolve("", in)`.
    static func resolvePlain(_ text: String, allowTimestamp: Bool = true) -> ResolvedScalar {
        var text = text
        let kind = text.withUTF8 { classifyPlain($0, allowTimestamp: allowTimestamp) }
        return ResolvedScalar(kind, text: text)
    }

    /// The resolution of a plain scalar whose text is `text`.
    init(_ kind: PlainScalar, text: @autoclosure () -> String) {
        switch kind {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .uint(let u): self = .uint(u)
        case .float(let d): self = .float(d)
        case .string: self = .string(text())
        case .timestamp: self = .timestamp(text())
        }
    }

    /// What an untagged plain scalar means, read from its UTF-8 bytes in
    /// place: the caller makes a String only when the answer is text.
    /// Dispatches on the first byte, so most strings are known at once.
    static func classifyPlain(_ bytes: UnsafeBufferPointer<UInt8>, allowTimestamp: Bool = true) -> PlainScalar {
        guard let first = bytes.first else { return .null }
        let count = bytes.count
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
             UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
             UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "~"):
            if count <= 5, let known = lookup(bytes) { return known }
            return .string
        case UInt8(ascii: "."):
            if count <= 5, let known = lookup(bytes) { return known }
            if let d = GoNumberParsing.parseFloat(bytes) { return .float(d) }
            return .string
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0"), UInt8(ascii: "1"), UInt8(ascii: "2"),
             UInt8(ascii: "3"), UInt8(ascii: "4"), UInt8(ascii: "5"), UInt8(ascii: "6"), UInt8(ascii: "7"),
             UInt8(ascii: "8"), UInt8(ascii: "9"):
            if count <= 5, let known = lookup(bytes) { return known }
            if let i = GoNumberParsing.simpleDecimal(bytes) { return .int(i) }
            if allowTimestamp && count >= 6 && Timestamp.isTimestamp(bytes) { return .timestamp }
            guard bytes.contains(UInt8(ascii: "_")) else { return number(bytes) }
            var plain = Array(bytes)
            plain.removeAll { $0 == UInt8(ascii: "_") }
            return plain.withUnsafeBufferPointer { number($0) }
        default:
            return .string
        }
    }

    /// The number forms after the fast paths (underscores already removed).
    private static func number(_ plain: UnsafeBufferPointer<UInt8>) -> PlainScalar {
        if let i = GoNumberParsing.parseInt(plain) { return .int(i) }
        if let u = GoNumberParsing.parseUInt(plain) { return .uint(u) }
        if GoNumberParsing.isYAMLStyleFloat(plain), let d = GoNumberParsing.parseFloat(plain) {
            return .float(d)
        }
        if plain.starts(with: [UInt8(ascii: "0"), UInt8(ascii: "b")]) {
            let digits = UnsafeBufferPointer(rebasing: plain.dropFirst(2))
            if let i = GoNumberParsing.parseBinary(digits, negative: false) { return .int(i) }
            if let u = GoNumberParsing.parseBinaryUnsigned(digits) { return .uint(u) }
        } else if plain.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "0"), UInt8(ascii: "b")]) {
            let digits = UnsafeBufferPointer(rebasing: plain.dropFirst(3))
            if let i = GoNumberParsing.parseBinary(digits, negative: true) { return .int(i) }
        }
        return .string
    }

    /// yaml.v2's table of words (booleans, nulls, infinities), matched on
    /// the bytes packed into an integer.
    private static func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> PlainScalar? {
        var packed: UInt64 = 0
        var count = 0
        for byte in bytes {
            count += 1
            if count > 5 { return nil }
            packed = packed << 8 | UInt64(byte)
        }
        packed |= UInt64(count) << 48
        func word(_ w: StaticString) -> UInt64 {
            var p: UInt64 = 0
            w.withUTF8Buffer { for b in $0 { p = p << 8 | UInt64(b) } }
            return p | UInt64(w.utf8CodeUnitCount) << 48
        }
        switch packed {
        case word("y"), word("Y"), word("yes"), word("Yes"), word("YES"),
             word("true"), word("True"), word("TRUE"), word("on"), word("On"), word("ON"):
            return .bool(true)
        case word("n"), word("N"), word("no"), word("No"), word("NO"),
             word("false"), word("False"), word("FALSE"), word("off"), word("Off"), word("OFF"):
            return .bool(false)
        case word("~"), word("null"), word("Null"), word("NULL"):
            return .null
        case word(".nan"), word(".NaN"), word(".NAN"):
            return .float(.nan)
        case word(".inf"), word(".Inf"), word(".INF"), word("+.inf"), word("+.Inf"), word("+.INF"):
            return .float(.infinity)
        case word("-.inf"), word("-.Inf"), word("-.INF"):
            return .float(-.infinity)
        default:
            return count == 0 ? .null : nil
        }
    }
}

/// `ResolvedScalar` without the text: what `classifyPlain` finds.
enum PlainScalar {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case float(Double)
    /// The text itself.
    case string
    /// Looks like a timestamp (the text itself).
    case timestamp
}

struct ResolveFailure: Error {
    var message: String
}

/// Go's `time.Parse` for the four layouts yaml.v2 tries:
/// `2006-1-2T15:4:5.999999999Z07:00`, the same with `t`,
/// `2006-1-2 15:4:5.999999999` and `2006-1-2`.
enum Timestamp {
    static func isTimestamp(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        // Quick check: all forms start with four digits and '-'.
        var i = 0
        while i < s.count, isDigit(s[i]) { i += 1 }
        if i != 4 || i == s.count || s[i] != UInt8(ascii: "-") { return false }
        return parse(s, separator: UInt8(ascii: "T"), zone: true)
            || parse(s, separator: UInt8(ascii: "t"), zone: true)
            || parse(s, separator: UInt8(ascii: " "), zone: false)
            || parseDate(s).map { $0 == s.count } == true
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// One or two digits (Go's non-fixed `getnum`).
    private static func number(_ s: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int? {
        guard i < s.count, isDigit(s[i]) else { return nil }
        var n = Int(s[i] - 0x30)
        i += 1
        if i < s.count, isDigit(s[i]) {
            n = n * 10 + Int(s[i] - 0x30)
            i += 1
        }
        return n
    }

    /// `2006-1-2`: returns the index after the date, or nil.
    private static func parseDate(_ s: UnsafeBufferPointer<UInt8>) -> Int? {
        guard s.count >= 5 else { return nil }
        var year = 0
        for k in 0..<4 {
            guard isDigit(s[k]) else { return nil }
            year = year * 10 + Int(s[k] - 0x30)
        }
        var i = 4
        guard s[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let month = number(s, &i), i < s.count, s[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let day = number(s, &i) else { return nil }
        guard month >= 1, month <= 12, day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return i
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func parse(_ s: UnsafeBufferPointer<UInt8>, separator: UInt8, zone: Bool) -> Bool {
        guard var i = parseDate(s), i < s.count, s[i] == separator else { return false }
        i += 1
        guard let hour = number(s, &i), hour < 24, i < s.count, s[i] == UInt8(ascii: ":") else { return false }
        i += 1
        guard let minute = number(s, &i), minute < 60, i < s.count, s[i] == UInt8(ascii: ":") else { return false }
        i += 1
        guard let second = number(s, &i), second < 60 else { return false }
        // Optional fraction: a period or comma and at least one digit.
        if i + 1 < s.count, s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ","), isDigit(s[i + 1]) {
            i += 1
            while i < s.count, isDigit(s[i]) { i += 1 }
        }
        if !zone { return i == s.count }
        guard i < s.count else { return false }
        if s[i] == UInt8(ascii: "Z") { return i + 1 == s.count }
        // ±hh:mm
        guard s.count - i == 6, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-"),
              isDigit(s[i + 1]), isDigit(s[i + 2]), s[i + 3] == UInt8(ascii: ":"),
              isDigit(s[i + 4]), isDigit(s[i + 5])
        else { return false }
        let hh = Int(s[i + 1] - 0x30) * 10 + Int(s[i + 2] - 0x30)
        let mm = Int(s[i + 4] - 0x30) * 10 + Int(s[i + 5] - 0x30)
        return hh <= 24 && mm <= 60
    }
}

/// Standard base64 (Go's `base64.StdEncoding`), padding required.
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        values.reserveCapacity(text.utf8.count)
        var padding = 0
        for c in text.utf8 {
            // yaml.v2 strips nothing; Go's decoder skips \r and \n.
            if c == 0x0A || c == 0x0D { continue }
            if c == UInt8(ascii: "=") { padding += 1; values.append(0); continue }
            if padding > 0 { return nil }
            let v: UInt8
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = c - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = c - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+"): v = 62
            case UInt8(ascii: "/"): v = 63
            default: return nil
            }
            values.append(v)
        }
        guard values.count % 4 == 0, padding <= 2 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(values.count / 4 * 3)
        var i = 0
        while i < values.count {
            let n = UInt32(values[i]) << 18 | UInt32(values[i + 1]) << 12 | UInt32(values[i + 2]) << 6 | UInt32(values[i + 3])
            out.append(UInt8(truncatingIfNeeded: n >> 16))
            out.append(UInt8(truncatingIfNeeded: n >> 8))
            out.append(UInt8(truncatingIfNeeded: n))
            i += 4
        }
        out.removeLast(padding)
        return out
    }
}
