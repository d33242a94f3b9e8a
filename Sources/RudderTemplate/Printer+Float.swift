#if canImport(Glibc)
import Glibc
#endif

/// Decimal digits of a float: `0.d1d2d3… × 10^decimalPoint` (Go's `decimalSlice`).
struct DecimalDigits {
    var digits: [UInt8]  // ASCII digits, no trailing zeros needed
    var decimalPoint: Int
}

enum FloatFormatter {
    /// Shortest digits that round-trip (Swift's `description` is shortest too).
    static func shortest(_ value: Double) -> DecimalDigits {
        if value == 0 { return DecimalDigits(digits: [], decimalPoint: 0) }
        let magnitude = abs(value)
        if magnitude < 1e15, magnitude == magnitude.rounded(.towardZero) {
            // Integral: the digits of the integer, trailing zeros dropped.
            var digits = Array(String(Int64(magnitude)).utf8)
            let point = digits.count
            while digits.last == 0x30 { digits.removeLast() }
            return DecimalDigits(digits: digits, decimalPoint: point)
        }
        return parse(Array(abs(value).description.utf8))
    }

    /// Digits rounded to `count` significant digits (correctly rounded by glibc).
    static func significant(_ value: Double, count: Int) -> DecimalDigits {
        if value == 0 { return DecimalDigits(digits: [], decimalPoint: 0) }
        return parse(Array(cFormat(abs(value), "%.*e", max(count - 1, 0)).utf8))
    }

    /// `snprintf` with one precision and one double.
    static func cFormat(_ value: Double, _ format: String, _ precision: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 400 + max(precision, 0))
        let count = buffer.count
        _ = withVaList([Int32(clamping: precision), value]) { arguments in
            buffer.withUnsafeMutableBufferPointer { pointer in
                vsnprintf(pointer.baseAddress, count, format, arguments)
            }
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Parses `123.45`, `1.5e-07`, `1e+16` into digits and a decimal point.
    static func parse(_ text: [UInt8]) -> DecimalDigits {
        var digits: [UInt8] = []
        var pointPosition: Int?
        var exponent = 0
        var i = 0
        while i < text.count {
            let c = text[i]
            if c >= 0x30 && c <= 0x39 {
                digits.append(c)
            } else if c == UInt8(ascii: ".") {
                pointPosition = digits.count
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                var sign = 1
                var j = i + 1
                if j < text.count && (text[j] == UInt8(ascii: "-") || text[j] == UInt8(ascii: "+")) {
                    if text[j] == UInt8(ascii: "-") { sign = -1 }
                    j += 1
                }
                var e = 0
                while j < text.count, text[j] >= 0x30, text[j] <= 0x39 {
                    e = e * 10 + Int(text[j] - 0x30)
                    j += 1
                }
                exponent = sign * e
                break
            }
            i += 1
        }
        var decimalPoint = (pointPosition ?? digits.count) + exponent
        // Strip leading zeros.
        var leading = 0
        while leading < digits.count && digits[leading] == 0x30 { leading += 1 }
        digits.removeFirst(leading)
        decimalPoint -= leading
        while let last = digits.last, last == 0x30 { digits.removeLast() }
        if digits.isEmpty { decimalPoint = 0 }
        return DecimalDigits(digits: digits, decimalPoint: decimalPoint)
    }

    static func formatE(_ d: DecimalDigits, negative: Bool, precision: Int, upper: Bool) -> [UInt8] {
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        out.append(d.digits.first ?? 0x30)
        if precision > 0 {
            out.append(UInt8(ascii: "."))
            var i = 1
            let m = min(d.digits.count, precision + 1)
            if i < m {
                out.append(contentsOf: d.digits[i..<m])
                i = m
            }
            while i <= precision {
                out.append(0x30)
                i += 1
            }
        }
        out.append(upper ? UInt8(ascii: "E") : UInt8(ascii: "e"))
        var exponent = d.digits.isEmpty ? 0 : d.decimalPoint - 1
        if exponent < 0 {
            out.append(UInt8(ascii: "-"))
            exponent = -exponent
        } else {
            out.append(UInt8(ascii: "+"))
        }
        if exponent < 10 {
            out.append(0x30)
            out.append(UInt8(exponent) + 0x30)
        } else {
            out.append(contentsOf: String(exponent).utf8)
        }
        return out
    }

    static func formatF(_ d: DecimalDigits, negative: Bool, precision: Int) -> [UInt8] {
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if d.decimalPoint > 0 {
            let m = min(d.digits.count, d.decimalPoint)
            out.append(contentsOf: d.digits[0..<m])
            if m < d.decimalPoint { out.append(contentsOf: repeatElement(0x30, count: d.decimalPoint - m)) }
        } else {
            out.append(0x30)
        }
        if precision > 0 {
            out.append(UInt8(ascii: "."))
            for i in 1...precision {
                let j = d.decimalPoint + i - 1
                out.append(j >= 0 && j < d.digits.count ? d.digits[j] : 0x30)
            }
        }
        return out
    }

    /// Go's `%x` of a float: `0x1.yyyyp±dd` (strconv's `fmtX`).
    static func formatHex(_ value: Double, precision: Int, upper: Bool) -> [UInt8] {
        let bits = value.bitPattern
        var exponent = Int((bits >> 52) & 0x7FF)
        var mantissa = bits & ((1 << 52) - 1)
        if exponent == 0 { exponent += 1 } else { mantissa |= 1 << 52 }
        exponent -= 1023
        if mantissa == 0 { exponent = 0 }
        mantissa <<= 8
        while mantissa != 0 && mantissa & (1 << 60) == 0 {
            mantissa <<= 1
            exponent -= 1
        }
        if precision >= 0 && precision < 15 {
            let shift = UInt64(precision * 4)
            let extra = (mantissa << shift) & ((1 << 60) - 1)
            mantissa >>= 60 - shift
            if extra | (mantissa & 1) > 1 << 59 { mantissa += 1 }
            mantissa <<= 60 - shift
            if mantissa & (1 << 61) != 0 {
                mantissa >>= 1
                exponent += 1
            }
        }
        let digits = upper ? Array("0123456789ABCDEF".utf8) : Array("0123456789abcdef".utf8)
        var out: [UInt8] = value.sign == .minus ? [UInt8(ascii: "-")] : []
        out.append(0x30)
        out.append(upper ? UInt8(ascii: "X") : UInt8(ascii: "x"))
        out.append(0x30 + UInt8((mantissa >> 60) & 1))
        mantissa <<= 4
        if precision < 0 && mantissa != 0 {
            out.append(UInt8(ascii: "."))
            while mantissa != 0 {
                out.append(digits[Int((mantissa >> 60) & 15)])
                mantissa <<= 4
            }
        } else if precision > 0 {
            out.append(UInt8(ascii: "."))
            for _ in 0..<precision {
                out.append(digits[Int((mantissa >> 60) & 15)])
                mantissa <<= 4
            }
        }
        out.append(upper ? UInt8(ascii: "P") : UInt8(ascii: "p"))
        out.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let e = abs(exponent)
        var text = String(e)
        if text.count < 2 { text = "0" + text }
        out.append(contentsOf: text.utf8)
        return out
    }

    /// Go's `strconv.FormatFloat(value, verb, precision, 64)` for e, E, f, F, g, G, x, X (precision -1: shortest).
    static func format(_ value: Double, verb: Character, precision: Int) -> [UInt8] {
        if value.isNaN { return Array("NaN".utf8) }
        if value.isInfinite { return Array((value < 0 ? "-Inf" : "+Inf").utf8) }
        let negative = value.sign == .minus
        let shortest = precision < 0
        switch verb {
        case "x", "X":
            return formatHex(value, precision: precision, upper: verb == "X")
        case "e", "E":
            let d = shortest ? FloatFormatter.shortest(value) : significant(value, count: precision + 1)
            let p = shortest ? max(d.digits.count - 1, 0) : precision
            return formatE(d, negative: negative, precision: p, upper: verb == "E")
        case "f", "F":
            if shortest {
                let d = FloatFormatter.shortest(value)
                return formatF(d, negative: negative, precision: max(d.digits.count - d.decimalPoint, 0))
            }
            var text = Array(cFormat(abs(value), "%.*f", precision).utf8)
            if negative { text.insert(UInt8(ascii: "-"), at: 0) }
            return text
        default:  // g, G
            var p = precision
            if p == 0 { p = 1 }
            let d = shortest ? FloatFormatter.shortest(value) : significant(value, count: p)
            if shortest { p = d.digits.count }
            var eprec = p
            if eprec > d.digits.count && d.digits.count >= d.decimalPoint { eprec = d.digits.count }
            if shortest { eprec = 6 }
            let exponent = d.decimalPoint - 1
            if exponent < -4 || exponent >= eprec {
                if p > d.digits.count { p = d.digits.count }
                return formatE(d, negative: negative, precision: max(p - 1, 0), upper: verb == "G")
            }
            if p > d.decimalPoint { p = d.digits.count }
            return formatF(d, negative: negative, precision: max(p - d.decimalPoint, 0))
        }
    }
}

extension FormatState {
    mutating func formatFloatVerb(_ value: Double, verb: Character) {
        switch verb {
        case "v": formatFloat(value, verb: "g", precision: -1)
        case "g", "G", "x", "X": formatFloat(value, verb: verb, precision: -1)
        case "e", "E", "f", "F": formatFloat(value, verb: verb, precision: 6)
        default: badVerb(verb)
        }
    }

    /// Go's `fmt.fmtFloat`: sign, `#`, zero padding and width around strconv's digits.
    mutating func formatFloat(_ value: Double, verb: Character, precision: Int) {
        let p = flags.precisionPresent ? flags.precision : precision
        var number = FloatFormatter.format(value, verb: verb, precision: p)
        if number.first == UInt8(ascii: "-") || number.first == UInt8(ascii: "+") {
            // keep the sign
        } else {
            number.insert(UInt8(ascii: "+"), at: 0)
        }
        if flags.space && number[0] == UInt8(ascii: "+") && !flags.plus { number[0] = 0x20 }
        if number.count > 1 && (number[1] == UInt8(ascii: "I") || number[1] == UInt8(ascii: "N")) {
            let savedZero = flags.zero
            flags.zero = false
            if number[1] == UInt8(ascii: "N") && !flags.space && !flags.plus { number.removeFirst() }
            pad(number)
            flags.zero = savedZero
            return
        }
        if flags.sharp && verb != "b" {
            var digits = 0
            switch verb {
            case "v", "g", "G", "x":
                digits = p
                if digits == -1 { digits = 6 }
            default: break
            }
            var tail: [UInt8] = []
            var hasDecimalPoint = false
            var sawNonzeroDigit = false
            var i = 1
            while i < number.count {
                let c = number[i]
                if c == UInt8(ascii: ".") {
                    hasDecimalPoint = true
                } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || c == UInt8(ascii: "p") || c == UInt8(ascii: "P") {
                    tail = Array(number[i...])
                    number.removeSubrange(i...)
                    break
                } else {
                    if c != 0x30 { sawNonzeroDigit = true }
                    if sawNonzeroDigit { digits -= 1 }
                }
                i += 1
            }
            if !hasDecimalPoint {
                if number.count == 2 && number[1] == 0x30 { digits -= 1 }
                number.append(UInt8(ascii: "."))
            }
            while digits > 0 {
                number.append(0x30)
                digits -= 1
            }
            number.append(contentsOf: tail)
        }
        if flags.plus || number[0] != UInt8(ascii: "+") {
            if flags.zero && !flags.minus && flags.widthPresent && flags.width > number.count {
                out.append(number[0])
                writePadding(flags.width - number.count)
                out.append(contentsOf: number[1...])
                return
            }
            pad(number)
            return
        }
        pad(Array(number[1...]))
    }
}
