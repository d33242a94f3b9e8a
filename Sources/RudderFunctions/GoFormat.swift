import RudderCore

/// Go's fmt printing as Sprig relies on it (`%v`, `%q`, strconv float forms).
/// A private copy until the template engine exports its printer.
enum GoFormat {
    /// `fmt.Sprint("%v", value)`.
    static func formatValue(_ value: Value) -> String {
        var out = ""
        appendValue(value, to: &out)
        return out
    }

    static func appendValue(_ value: Value, to out: inout String) {
        switch value {
        case .null: out += "<nil>"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .int64(let i): out += String(i)
        case .float(let d): out += formatFloat(d)
        case .string(let s): out += s
        case .bytes(let bytes):
            out += "["
            for (index, byte) in bytes.enumerated() {
                if index > 0 { out += " " }
                out += String(byte)
            }
            out += "]"
        case .list(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += " " }
                appendValue(item, to: &out)
            }
            out += "]"
        case .map(let map):
            out += "map["
            for (index, key) in map.keys.sorted().enumerated() {
                if index > 0 { out += " " }
                out += key
                out += ":"
                appendValue(map[key] ?? .null, to: &out)
            }
            out += "]"
        case .object(let object): out += object.printed
        }
    }

    // MARK: Floats

    /// The shortest decimal digits of `value` (no sign) and the decimal point
    /// position: value = 0.DIGITS × 10^point. Zero gives ("0", 1).
    static func shortestDigits(_ value: Double) -> (digits: [UInt8], point: Int) {
        let text = abs(value).description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var point = 0
        var seenPoint = false
        for character in mantissa.utf8 {
            if character == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                digits.append(character - UInt8(ascii: "0"))
                if !seenPoint { point += 1 }
            }
        }
        point += exponent
        while let first = digits.first, first == 0, digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == 0, digits.count > 1 { digits.removeLast() }
        if digits == [0] { return ([0], 1) }
        return (digits, point)
    }

    /// `fmt.Sprint(value)`: strconv's shortest 'g' form (exponent when < -4 or >= 6).
    static func formatFloat(_ value: Double) -> String {
        formatShortest(value, lowExponent: -4, highExponent: 6)
    }

    static func formatShortest(_ value: Double, lowExponent: Int, highExponent: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        let sign = value.sign == .minus ? "-" : ""
        let (digits, point) = shortestDigits(value)
        let exponent = point - 1
        if value != 0 && (exponent < lowExponent || exponent >= highExponent) {
            return sign + exponentForm(digits, exponent: exponent, minimumExponentDigits: 2)
        }
        return sign + fixedForm(digits, point: point)
    }

    static func exponentForm(_ digits: [UInt8], exponent: Int, minimumExponentDigits: Int) -> String {
        var out = String(Character(Unicode.Scalar(digits[0] + 48)))
        if digits.count > 1 {
            out += "."
            for digit in digits.dropFirst() { out.append(Character(Unicode.Scalar(digit + 48))) }
        }
        out += exponent < 0 ? "e-" : "e+"
        var exponentText = String(abs(exponent))
        while exponentText.count < minimumExponentDigits { exponentText = "0" + exponentText }
        return out + exponentText
    }

    static func fixedForm(_ digits: [UInt8], point: Int) -> String {
        var out = ""
        func digit(_ d: UInt8) -> Character { Character(Unicode.Scalar(d + 48)) }
        if point <= 0 {
            out = "0."
            out += String(repeating: "0", count: -point)
            for d in digits { out.append(digit(d)) }
        } else if point >= digits.count {
            for d in digits { out.append(digit(d)) }
            out += String(repeating: "0", count: point - digits.count)
        } else {
            for d in digits[..<point] { out.append(digit(d)) }
            out += "."
            for d in digits[point...] { out.append(digit(d)) }
        }
        return out
    }

    /// encoding/json's float form: exponent below 1e-6 and from 1e21, `e-7` not `e-07`.
    static func formatJSONFloat(_ value: Double) -> String {
        let sign = value.sign == .minus ? "-" : ""
        let (digits, point) = shortestDigits(value)
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21) {
            return sign + exponentForm(digits, exponent: point - 1, minimumExponentDigits: 1)
        }
        return sign + fixedForm(digits, point: point)
    }
}
