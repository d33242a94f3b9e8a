import RudderCore
import RudderTemplate

/// Go's reference-time layouts (`2006-01-02T15:04:05Z07:00`): formatting and parsing.
enum GoTimeFormat {
    static let longMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
    static let longDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// One element of a layout.
    enum Element: Equatable {
        case literal(String)
        case longMonth, month, numberMonth, zeroMonth, longWeekDay, weekDay
        case day, underDay, zeroDay, underYearDay, zeroYearDay
        case hour, hour12, zeroHour12, minute, zeroMinute, second, zeroSecond
        case longYear, year, pm, upperPM
        case tz, iso8601TZ, iso8601SecondsTZ, iso8601ShortTZ, iso8601ColonTZ, iso8601ColonSecondsTZ
        case numericTZ, numericSecondsTZ, numericShortTZ, numericColonTZ, numericColonSecondsTZ
        /// `.000` (zeros: always that many digits) or `.999` (trailing zeros trimmed).
        case fraction(digits: Int, trimmed: Bool, separator: Character)
    }

    /// Splits a layout into elements, as Go's `nextStdChunk` does.
    static func elements(_ layout: String) -> [(element: Element, text: String)] {
        let c = Array(layout)
        var out: [(element: Element, text: String)] = []
        var literal = ""
        var i = 0
        func has(_ s: String, at index: Int) -> Bool {
            let p = Array(s)
            return index + p.count <= c.count && Array(c[index..<(index + p.count)]) == p
        }
        // "Jan" and "Mon" before a lower-case letter are text ("Month").
        func lowerFollows(_ index: Int) -> Bool { index < c.count && c[index].isASCII && c[index].isLowercase }
        func emit(_ element: Element, length: Int) {
            if !literal.isEmpty { out.append((.literal(literal), literal)); literal = "" }
            out.append((element, String(c[i..<(i + length)])))
            i += length
        }
        while i < c.count {
            let ch = c[i]
            switch ch {
            case "J" where has("January", at: i): emit(.longMonth, length: 7); continue
            case "J" where has("Jan", at: i) && !lowerFollows(i + 3): emit(.month, length: 3); continue
            case "M" where has("Monday", at: i): emit(.longWeekDay, length: 6); continue
            case "M" where has("Mon", at: i) && !lowerFollows(i + 3): emit(.weekDay, length: 3); continue
            case "M" where has("MST", at: i): emit(.tz, length: 3); continue
            case "0" where i + 1 < c.count && ("1"..."6").contains(c[i + 1]):
                let table: [Character: Element] = ["1": .zeroMonth, "2": .zeroDay, "3": .zeroHour12, "4": .zeroMinute, "5": .zeroSecond, "6": .year]
                emit(table[c[i + 1]] ?? .zeroMonth, length: 2); continue
            case "0" where has("002", at: i): emit(.zeroYearDay, length: 3); continue
            case "1" where has("15", at: i): emit(.hour, length: 2); continue
            case "1": emit(.numberMonth, length: 1); continue
            case "2" where has("2006", at: i): emit(.longYear, length: 4); continue
            case "2": emit(.day, length: 1); continue
            case "_" where has("_2006", at: i):
                literal.append("_"); i += 1
                emit(.longYear, length: 4); continue
            case "_" where has("__2", at: i): emit(.underYearDay, length: 3); continue
            case "_" where has("_2", at: i): emit(.underDay, length: 2); continue
            case "3": emit(.hour12, length: 1); continue
            case "4": emit(.minute, length: 1); continue
            case "5": emit(.second, length: 1); continue
            case "P" where has("PM", at: i): emit(.upperPM, length: 2); continue
            case "p" where has("pm", at: i): emit(.pm, length: 2); continue
            case "-" where has("-07:00:00", at: i): emit(.numericColonSecondsTZ, length: 9); continue
            case "-" where has("-070000", at: i): emit(.numericSecondsTZ, length: 7); continue
            case "-" where has("-07:00", at: i): emit(.numericColonTZ, length: 6); continue
            case "-" where has("-0700", at: i): emit(.numericTZ, length: 5); continue
            case "-" where has("-07", at: i): emit(.numericShortTZ, length: 3); continue
            case "Z" where has("Z07:00:00", at: i): emit(.iso8601ColonSecondsTZ, length: 9); continue
            case "Z" where has("Z070000", at: i): emit(.iso8601SecondsTZ, length: 7); continue
            case "Z" where has("Z07:00", at: i): emit(.iso8601ColonTZ, length: 6); continue
            case "Z" where has("Z0700", at: i): emit(.iso8601TZ, length: 5); continue
            case "Z" where has("Z07", at: i): emit(.iso8601ShortTZ, length: 3); continue
            case ".", ",":
                if i + 1 < c.count && (c[i + 1] == "0" || c[i + 1] == "9") {
                    let digit = c[i + 1]
                    var j = i + 1
                    while j < c.count && c[j] == digit { j += 1 }
                    if !(j < c.count && c[j].isNumber) {
                        emit(.fraction(digits: j - i - 1, trimmed: digit == "9", separator: ch), length: j - i)
                        continue
                    }
                }
            default: break
            }
            literal.append(ch)
            i += 1
        }
        if !literal.isEmpty { out.append((.literal(literal), literal)) }
        return out
    }

    static func padded(_ value: Int, _ width: Int, pad: Character = "0") -> String {
        let text = String(abs(value))
        let padding = String(repeating: pad, count: max(0, width - text.count))
        return (value < 0 ? "-" : "") + padding + text
    }

    static func format(_ time: GoTime, layout: String) -> String {
        let f = time.fields
        var out = ""
        for (element, _) in elements(layout) {
            switch element {
            case .literal(let text): out += text
            case .longMonth: out += longMonths[f.month - 1]
            case .month: out += String(longMonths[f.month - 1].prefix(3))
            case .numberMonth: out += String(f.month)
            case .zeroMonth: out += padded(f.month, 2)
            case .longWeekDay: out += longDays[f.weekday]
            case .weekDay: out += String(longDays[f.weekday].prefix(3))
            case .day: out += String(f.day)
            case .underDay: out += padded(f.day, 2, pad: " ")
            case .zeroDay: out += padded(f.day, 2)
            case .underYearDay: out += padded(f.yearDay, 3, pad: " ")
            case .zeroYearDay: out += padded(f.yearDay, 3)
            case .hour: out += padded(f.hour, 2)
            case .hour12: out += String(f.hour % 12 == 0 ? 12 : f.hour % 12)
            case .zeroHour12: out += padded(f.hour % 12 == 0 ? 12 : f.hour % 12, 2)
            case .minute: out += String(f.minute)
            case .zeroMinute: out += padded(f.minute, 2)
            case .second: out += String(f.second)
            case .zeroSecond: out += padded(f.second, 2)
            case .longYear: out += padded(f.year, 4)
            case .year: out += padded(f.year % 100, 2)
            case .pm: out += f.hour >= 12 ? "pm" : "am"
            case .upperPM: out += f.hour >= 12 ? "PM" : "AM"
            case .tz:
                if !f.abbreviation.isEmpty { out += f.abbreviation }
                else { out += zoneOffset(f.offset, colon: false, seconds: false, short: false) }
            case .iso8601TZ, .iso8601SecondsTZ, .iso8601ShortTZ, .iso8601ColonTZ, .iso8601ColonSecondsTZ:
                if f.offset == 0 { out += "Z"; continue }
                out += zoneOffset(
                    f.offset, colon: element == .iso8601ColonTZ || element == .iso8601ColonSecondsTZ,
                    seconds: element == .iso8601SecondsTZ || element == .iso8601ColonSecondsTZ,
                    short: element == .iso8601ShortTZ)
            case .numericTZ, .numericSecondsTZ, .numericShortTZ, .numericColonTZ, .numericColonSecondsTZ:
                out += zoneOffset(
                    f.offset, colon: element == .numericColonTZ || element == .numericColonSecondsTZ,
                    seconds: element == .numericSecondsTZ || element == .numericColonSecondsTZ,
                    short: element == .numericShortTZ)
            case .fraction(let digits, let trimmed, let separator):
                var text = padded(f.nanosecond, 9)
                text = String(text.prefix(digits))
                if trimmed {
                    while text.hasSuffix("0") { text.removeLast() }
                    if !text.isEmpty { out.append(separator); out += text }
                } else {
                    out.append(separator)
                    out += text
                }
            }
        }
        return out
    }

    static func zoneOffset(_ offset: Int, colon: Bool, seconds: Bool, short: Bool) -> String {
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        var out = sign + padded(magnitude / 3600, 2)
        if short { return out }
        out += (colon ? ":" : "") + padded(magnitude / 60 % 60, 2)
        if seconds { out += (colon ? ":" : "") + padded(magnitude % 60, 2) }
        return out
    }
}
