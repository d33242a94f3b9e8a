import RudderCore
import RudderTemplate

/// Go's fmt printing as Sprig relies on it: `%v` comes from the template
/// engine's Printer; the shortest-digit float forms serve decimals and TOML.
enum GoFormat {
    /// `fmt.Sprint("%v", value)`, by the template engine's printer.
    static func formatValue(_ value: Value) -> String { Printer.format(value) }

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
}
