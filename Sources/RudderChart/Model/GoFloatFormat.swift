/// Go's shortest float formatting (`%v`, `strconv.FormatFloat(f, 'g', -1, 64)`):
/// the shortest digits that round-trip, in exponent form when the decimal
/// exponent is below -4 or at least 6 (`1e+06`, `1.5e-05`).
enum GoFloatFormat {
    /// `fmt.Sprintf("%v", value)` for a float64.
    static func v(_ value: Double) -> String { format(value, exponentThreshold: 6) }

    /// `strconv.FormatFloat(value, 'g', -1, 64)`.
    static func g(_ value: Double) -> String { format(value, exponentThreshold: 6) }

    static func format(_ value: Double, exponentThreshold: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (negative, digits, pointPosition) = decimalDigits(value)
        let exponent = pointPosition - 1
        var result = negative ? "-" : ""
        if exponent < -4 || exponent >= exponentThreshold {
            result += String(digits.first ?? "0")
            if digits.count > 1 { result += "." + digits.dropFirst() }
            let magnitude = abs(exponent)
            result += (exponent < 0 ? "e-" : "e+") + (magnitude < 10 ? "0" : "") + String(magnitude)
            return result
        }
        if pointPosition <= 0 {
            return result + "0." + String(repeating: "0", count: -pointPosition) + digits
        }
        if pointPosition >= digits.count {
            return result + digits + String(repeating: "0", count: pointPosition - digits.count)
        }
        let index = digits.index(digits.startIndex, offsetBy: pointPosition)
        return result + digits[..<index] + "." + digits[index...]
    }

    /// The shortest round-trip digits (no leading or trailing zeros) and the
    /// position of the decimal point relative to them.
    static func decimalDigits(_ value: Double) -> (negative: Bool, digits: String, pointPosition: Int) {
        var text = "\(abs(value))"  // Swift prints the shortest round-trip form
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        var integerPart = Substring(text)
        var fractionPart: Substring = ""
        if let dot = text.firstIndex(of: ".") {
            integerPart = text[..<dot]
            fractionPart = text[text.index(after: dot)...]
        }
        var digits = String(integerPart) + String(fractionPart)
        var point = integerPart.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (value < 0, digits, point)
    }
}
