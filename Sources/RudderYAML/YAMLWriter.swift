import RudderCore

/// Writes YAML exactly as Helm's `toYaml` and `toYamlPretty` do.
public enum YAMLWriter {
    /// Why a value has no YAML form.
    public struct EncodingError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// What sigs.k8s.io/yaml.Marshal returns: the value goes through
    /// encoding/json (numbers in JSON's format, then read back by yaml.v2:
    /// `1e21` stays `1e+21`, `1e-7` becomes `1e-07`, `-0` becomes `0`), and
    /// yaml.v2 writes it: keys in yaml.v2's natural order (`a2` before
    /// `a10`), strings that would read back as another type double-quoted,
    /// strings with indicators single-quoted, long plain and quoted strings
    /// folded after column 80, multi-line strings as `|` blocks, lists not
    /// indented under their key, `{}` and `[]` for empty collections. The
    /// result ends with a newline; Helm's `toYaml` trims that one final
    /// newline (`strings.TrimSuffix(s, "\n")`) and is left to do so.
    /// Returns "" when Helm's `toYaml` would (NaN or ±Inf, or characters the
    /// YAML reader refuses such as U+007F); `marshalChecked` says why.
    public static func marshal(_ value: Value) -> String {
        (try? marshalChecked(value)) ?? ""
    }

    /// Like `marshal`, but throws instead of returning "".
    public static func marshalChecked(_ value: Value) throws(EncodingError) -> String {
        var emitter = YAMLEmitter(flavor: .v2)
        try emitter.emitDocument(value)
        return String(decoding: emitter.out, as: UTF8.self)
    }

    /// What Helm's `toYamlPretty` gets from yaml.v3 (`Encoder` with
    /// `SetIndent(2)`) before it trims the final newline: values written as
    /// they are (floats in Go's `%g` form, `1e+06`), lists indented under
    /// their key, no folding of long lines, tabs allowed in `|` blocks.
    public static func marshalPretty(_ value: Value) -> String {
        var emitter = YAMLEmitter(flavor: .v3)
        do throws(EncodingError) {
            try emitter.emitDocument(value)
        } catch {
            // yaml.v3 refuses nothing a value holds; kept for safety.
            emitter = YAMLEmitter(flavor: .v3)
            emitter.writeKnownPlain("null")
            emitter.writeIndent()
        }
        return String(decoding: emitter.out, as: UTF8.self)
    }

    static func floatText(_ d: Double, flavor: YAMLEmitter.Flavor) throws(EncodingError) -> String {
        if flavor == .v3 {
            if d.isNaN { return ".nan" }
            if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
            return GoFloatFormatting.formatG(d)
        }
        guard d.isFinite else {
            throw EncodingError(message: "json: unsupported value: " + GoFloatFormatting.formatG(d))
        }
        // JSON's text, read back by yaml.v2.
        let json = GoFloatFormatting.formatJSON(d)
        switch ResolvedScalar.resolvePlain(json) {
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .float(let f): return GoFloatFormatting.formatG(f)
        default: return json
        }
    }

    /// yaml.v2/v3 `stringv`, given the string's UTF-8: plain when the text
    /// reads back as the same string, a `|` block when it has a newline,
    /// double-quoted otherwise.
    static func request(_ bytes: UnsafeBufferPointer<UInt8>) -> YAMLEmitter.Request {
        if bytes.contains(UInt8(ascii: "\n")) { return .literal }
        if case .string = ResolvedScalar.classifyPlain(bytes), !isBase60Float(bytes) { return .plain }
        return .doubleQuoted
    }

    /// YAML 1.1 sexagesimal numbers (`190:20:30`), quoted for other parsers:
    /// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
    static func isBase60Float(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = b.first,
              first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39),
              b.contains(UInt8(ascii: ":"))
        else { return false }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        var i = 0
        if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, isDigit(b[i]) else { return false }
        i += 1
        while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "_") { i += 1 }
        var groups = 0
        while i < b.count, b[i] == UInt8(ascii: ":") {
            i += 1
            // [0-5]?[0-9]
            if i + 1 < b.count, b[i] >= 0x30, b[i] <= 0x35, isDigit(b[i + 1]) {
                i += 2
            } else if i < b.count, isDigit(b[i]) {
                i += 1
            } else {
                return false
            }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "_") { i += 1 }
        }
        return i == b.count
    }
}

/// yaml.v2's and v3's order of string map keys: rune by rune; two letters by
/// code point; a letter against a non-letter puts the non-letter first
/// (v3: unless a digit precedes, then the letter); digit runs compare as
/// numbers. This is not a consistent order for keys such as `x10y`, `x1a`
/// and `x1_` (yaml.v2 then prints them in an order that depends on Go's map
/// iteration, differently from run to run); we give one of those orders.
enum YAMLKeyOrder {
    static func less(_ a: String, _ b: String, flavor: YAMLEmitter.Flavor) -> Bool {
        let v3 = flavor == .v3
        // ASCII keys (nearly all): their bytes compared in place, no arrays.
        var a = a, b = b
        let ascii = a.withUTF8 { ua in
            b.withUTF8 { ub in
                isASCII(ua) && isASCII(ub) ? less(codes: ua, ub, v3: v3) : nil
            }
        }
        if let ascii { return ascii }
        return less(codes: a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value), v3: v3)
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    /// The order on code points (bytes for ASCII, scalar values otherwise).
    private static func less<Codes: RandomAccessCollection>(codes ar: Codes, _ br: Codes, v3: Bool) -> Bool
    where Codes.Index == Int, Codes.Element: FixedWidthInteger {
        func code(_ c: Codes.Element) -> UInt32 { UInt32(truncatingIfNeeded: c) }
        func letter(_ c: Codes.Element) -> Bool { Unicode.Scalar(code(c)).map(isLetter) ?? false }
        func digit(_ c: Codes.Element) -> Bool { Unicode.Scalar(code(c)).map(isDigit) ?? false }
        let zero: UInt32 = 0x30
        var digits = false
        var i = 0
        while i < ar.count && i < br.count {
            if ar[i] == br[i] {
                digits = digit(ar[i])
                i += 1
                continue
            }
            let al = letter(ar[i]), bl = letter(br[i])
            if al && bl { return code(ar[i]) < code(br[i]) }
            if al || bl { return v3 && digits ? al : bl }
            var an: Int64 = 0, bn: Int64 = 0
            if code(ar[i]) == zero || code(br[i]) == zero {
                var j = i - 1
                while j >= 0 && digit(ar[j]) {
                    if code(ar[j]) != zero {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count && digit(ar[ai]) {
                an = an &* 10 &+ Int64(code(ar[ai])) &- 48
                ai += 1
            }
            var bi = i
            while bi < br.count && digit(br[bi]) {
                bn = bn &* 10 &+ Int64(code(br[bi])) &- 48
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return code(ar[i]) < code(br[i])
        }
        return ar.count < br.count
    }

    /// Go's `unicode.IsLetter`; ASCII answered without the Unicode tables.
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return (c.value | 0x20) >= 0x61 && (c.value | 0x20) <= 0x7A }
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Go's `unicode.IsDigit`; ASCII answered without the Unicode tables.
    static func isDigit(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return c.value >= 0x30 && c.value <= 0x39 }
        return c.properties.generalCategory == .decimalNumber
    }
}
