import RudderCore
import RudderTemplate

/// Go's `time.Duration`: nanoseconds, printed as `1h2m3.5s`, parsed from the same.
enum GoDuration {
    static func string(_ duration: Int64) -> String {
        if duration == 0 { return "0s" }
        var magnitude = duration.magnitude
        var out = ""
        func fraction(_ precision: Int) {
            var digits = ""
            var printed = false
            for _ in 0..<precision {
                let digit = magnitude % 10
                printed = printed || digit != 0
                if printed { digits = String(digit) + digits }
                magnitude /= 10
            }
            if printed { out = "." + digits + out }
        }
        if magnitude < 1_000_000_000 {
            let unit: String
            let precision: Int
            switch magnitude {
            case ..<1000: unit = "ns"; precision = 0
            case ..<1_000_000: unit = "µs"; precision = 3
            default: unit = "ms"; precision = 6
            }
            out = unit
            fraction(precision)
            out = String(magnitude) + out
        } else {
            out = "s"
            fraction(9)
            out = String(magnitude % 60) + out
            magnitude /= 60
            if magnitude > 0 {
                out = String(magnitude % 60) + "m" + out
                magnitude /= 60
                if magnitude > 0 { out = String(magnitude) + "h" + out }
            }
        }
        return (duration < 0 ? "-" : "") + out
    }

    /// `time.ParseDuration`.
    static func parse(_ text: String) throws -> Int64 {
        let invalid = FunctionError("time: invalid duration \(GoQuote.quote(text))")
        var rest = Substring(text)
        var negative = false
        if let sign = rest.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        if rest.isEmpty { throw invalid }
        var total: Double = 0
        while !rest.isEmpty {
            let whole = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(whole.count)
            var fractionDigits: Substring = ""
            if rest.first == "." {
                rest = rest.dropFirst()
                fractionDigits = rest.prefix { $0.isASCII && $0.isNumber }
                rest = rest.dropFirst(fractionDigits.count)
            }
            if whole.isEmpty && fractionDigits.isEmpty { throw invalid }
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            rest = rest.dropFirst(unitText.count)
            if unitText.isEmpty { throw FunctionError("time: missing unit in duration \(GoQuote.quote(text))") }
            let unit: Double
            switch unitText {
            case "ns": unit = 1
            case "us", "µs", "μs": unit = 1e3
            case "ms": unit = 1e6
            case "s": unit = 1e9
            case "m": unit = 60e9
            case "h": unit = 3600e9
            default:
                throw FunctionError("time: unknown unit \(GoQuote.quote(String(unitText))) in duration \(GoQuote.quote(text))")
            }
            let value = Double((whole.isEmpty ? "0" : String(whole)) + "." + (fractionDigits.isEmpty ? "0" : String(fractionDigits))) ?? 0
            total += value * unit
            if total > 9.223372036854775807e18 { throw invalid }
        }
        let rounded = Int64(total.rounded(.towardZero))
        return negative ? -rounded : rounded
    }
}
