import RudderCore
import RudderTemplate

extension GoTimeFormat {
    /// `time.ParseInLocation(layout, value, local)`; errors read as Go's.
    static func parse(_ value: String, layout: String, local: ZoneInfo) throws -> GoTime {
        let quotedValue = GoQuote.quote(value)
        let quotedLayout = GoQuote.quote(layout)
        var rest = Substring(value)
        var year = 0, month = -1, day = -1, yearDay = -1, hour = 0, minute = 0, second = 0, nanosecond = 0
        var pmSet = false, amSet = false
        var zoneOffset: Int? = nil
        var zoneName: String? = nil
        var isUTC = false
        let elements = elements(layout)

        // The value as it was where the failing element began.
        var hold = rest
        func cannotParse(_ text: String) -> FunctionError {
            FunctionError("parsing time \(quotedValue) as \(quotedLayout): cannot parse \(GoQuote.quote(String(hold))) as \(GoQuote.quote(text))")
        }
        func outOfRange(_ what: String) -> FunctionError {
            FunctionError("parsing time \(quotedValue): \(what) out of range")
        }
        /// One or two digits (exactly two when `fixed`).
        func number(_ fixed: Bool) -> Int? {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if digits.isEmpty { return nil }
            if fixed && digits.count < 2 { return nil }
            let taken = digits.prefix(2)
            rest = rest.dropFirst(taken.count)
            return Int(taken)
        }
        func exactDigits(_ count: Int) -> Int? {
            let digits = rest.prefix(count)
            guard digits.count == count, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            rest = rest.dropFirst(count)
            return Int(digits)
        }
        func lookupName(_ names: [String]) -> Int? {
            for (index, name) in names.enumerated() where rest.count >= name.count {
                if rest.prefix(name.count).lowercased() == name.lowercased() {
                    rest = rest.dropFirst(name.count)
                    return index
                }
            }
            return nil
        }

        for (index, (element, text)) in elements.enumerated() {
            hold = rest
            switch element {
            case .literal(let literal):
                // Spaces in the layout and the value need not match in number.
                var expected = Substring(literal)
                while let first = expected.first {
                    if first == " " {
                        guard rest.first == " " else { throw cannotParse(String(expected)) }
                        while expected.first == " " { expected = expected.dropFirst() }
                        while rest.first == " " { rest = rest.dropFirst() }
                        continue
                    }
                    guard rest.first == first else { throw cannotParse(String(expected)) }
                    rest = rest.dropFirst()
                    expected = expected.dropFirst()
                }
            case .longYear:
                guard let y = exactDigits(4) else { throw cannotParse(text) }
                year = y
            case .year:
                guard let y = exactDigits(2) else { throw cannotParse(text) }
                year = y >= 69 ? y + 1900 : y + 2000
            case .longMonth:
                guard let m = lookupName(longMonths) else { throw cannotParse(text) }
                month = m + 1
            case .month:
                guard let m = lookupName(longMonths.map { String($0.prefix(3)) }) else { throw cannotParse(text) }
                month = m + 1
            case .numberMonth, .zeroMonth:
                guard let m = number(element == .zeroMonth) else { throw cannotParse(text) }
                guard m >= 1 && m <= 12 else { throw outOfRange("month") }
                month = m
            case .longWeekDay:
                guard lookupName(longDays) != nil else { throw cannotParse(text) }
            case .weekDay:
                guard lookupName(longDays.map { String($0.prefix(3)) }) != nil else { throw cannotParse(text) }
            case .day, .underDay, .zeroDay:
                if element == .underDay && rest.first == " " { rest = rest.dropFirst() }
                guard let d = number(element == .zeroDay) else { throw cannotParse(text) }
                day = d
            case .underYearDay, .zeroYearDay:
                while element == .underYearDay && rest.first == " " { rest = rest.dropFirst() }
                let digits = rest.prefix { $0.isASCII && $0.isNumber }.prefix(3)
                guard (element == .zeroYearDay ? digits.count == 3 : !digits.isEmpty), let d = Int(digits) else {
                    throw cannotParse(text)
                }
                rest = rest.dropFirst(digits.count)
                yearDay = d
            case .hour:
                guard let h = number(false) else { throw cannotParse(text) }
                guard h < 24 else { throw outOfRange("hour") }
                hour = h
            case .hour12, .zeroHour12:
                guard let h = number(element == .zeroHour12) else { throw cannotParse(text) }
                guard h <= 12 else { throw outOfRange("hour") }
                hour = h
            case .minute, .zeroMinute:
                guard let m = number(element == .zeroMinute) else { throw cannotParse(text) }
                guard m < 60 else { throw outOfRange("minute") }
                minute = m
            case .second, .zeroSecond:
                guard let s = number(element == .zeroSecond) else { throw cannotParse(text) }
                guard s < 60 else { throw outOfRange("second") }
                second = s
                // A fraction in the value that the layout does not mention.
                let nextIsFraction: Bool = {
                    if index + 1 < elements.count, case .fraction = elements[index + 1].element { return true }
                    return false
                }()
                if !nextIsFraction, let first = rest.first, first == "." || first == ",",
                    let digit = rest.dropFirst().first, digit.isASCII && digit.isNumber
                {
                    let digits = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
                    nanosecond = fractionNanoseconds(digits)
                    rest = rest.dropFirst(1 + digits.count)
                }
            case .pm, .upperPM:
                // "PM" in the layout wants "AM"/"PM", "pm" wants "am"/"pm".
                let word = String(rest.prefix(2))
                let (pm, am) = element == .upperPM ? ("PM", "AM") : ("pm", "am")
                if word == pm { pmSet = true } else if word == am { amSet = true } else { throw cannotParse(text) }
                rest = rest.dropFirst(2)
            case .iso8601TZ, .iso8601SecondsTZ, .iso8601ShortTZ, .iso8601ColonTZ, .iso8601ColonSecondsTZ,
                .numericTZ, .numericSecondsTZ, .numericShortTZ, .numericColonTZ, .numericColonSecondsTZ:
                let iso = [.iso8601TZ, .iso8601SecondsTZ, .iso8601ShortTZ, .iso8601ColonTZ, .iso8601ColonSecondsTZ].contains(element)
                if iso && rest.first == "Z" {
                    rest = rest.dropFirst()
                    isUTC = true
                    continue
                }
                guard let sign = rest.first, sign == "+" || sign == "-" else { throw cannotParse(text) }
                rest = rest.dropFirst()
                let colon = [.iso8601ColonTZ, .iso8601ColonSecondsTZ, .numericColonTZ, .numericColonSecondsTZ].contains(element)
                let withSeconds = [.iso8601SecondsTZ, .iso8601ColonSecondsTZ, .numericSecondsTZ, .numericColonSecondsTZ].contains(element)
                let short = element == .iso8601ShortTZ || element == .numericShortTZ
                guard let hours = exactDigits(2) else { throw cannotParse(text) }
                var minutes = 0, seconds = 0
                if !short {
                    if colon { guard rest.first == ":" else { throw cannotParse(text) }; rest = rest.dropFirst() }
                    guard let m = exactDigits(2) else { throw cannotParse(text) }
                    minutes = m
                    if withSeconds {
                        if colon { guard rest.first == ":" else { throw cannotParse(text) }; rest = rest.dropFirst() }
                        guard let s = exactDigits(2) else { throw cannotParse(text) }
                        seconds = s
                    }
                }
                let total = hours * 3600 + minutes * 60 + seconds
                zoneOffset = sign == "-" ? -total : total
            case .tz:
                if rest.hasPrefix("UTC") {
                    rest = rest.dropFirst(3)
                    zoneName = "UTC"
                    continue
                }
                // Go's parseTimeZone: three capitals, or four or five ending in T.
                let letters = rest.prefix { $0.isASCII && $0.isUppercase }
                let length: Int
                switch letters.count {
                case 3: length = 3
                case 4 where letters.hasSuffix("T") || letters == "WITA": length = 4
                case 5 where letters.hasSuffix("T"): length = 5
                default: throw cannotParse(text)
                }
                rest = rest.dropFirst(length)
                zoneName = String(letters.prefix(length))
            case .fraction(let digits, let trimmed, _):
                guard let separator = rest.first, separator == "." || separator == "," else {
                    if trimmed { continue }
                    throw cannotParse(text)
                }
                let found = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
                if !trimmed && found.count < digits { throw cannotParse(text) }
                let used = trimmed ? found : found.prefix(digits)
                nanosecond = fractionNanoseconds(used)
                rest = rest.dropFirst(1 + used.count)
            }
        }
        if !rest.isEmpty {
            throw FunctionError("parsing time \(quotedValue): extra text: \(GoQuote.quote(String(rest)))")
        }
        if pmSet && hour < 12 { hour += 12 } else if amSet && hour == 12 { hour = 0 }
        if yearDay >= 0 {
            let length = CivilCalendar.isLeap(year) ? 366 : 365
            guard yearDay >= 1 && yearDay <= length else { throw outOfRange("day-of-year") }
            var remaining = yearDay
            var dayMonth = 1
            while remaining > CivilCalendar.daysIn(month: dayMonth, year: year) {
                remaining -= CivilCalendar.daysIn(month: dayMonth, year: year)
                dayMonth += 1
            }
            if month >= 0 && month != dayMonth {
                throw FunctionError("parsing time \(quotedValue): day-of-year does not match month")
            }
            if day >= 0 && day != remaining {
                throw FunctionError("parsing time \(quotedValue): day-of-year does not match day")
            }
            month = dayMonth
            day = remaining
        }
        if month < 0 { month = 1 }
        if day < 0 { day = 1 }
        guard day >= 1 && day <= CivilCalendar.daysIn(month: month, year: year) else { throw outOfRange("day") }

        let wall = CivilCalendar.daysFromCivil(year: year, month: month, day: day) * 86400
            + Int64(hour * 3600 + minute * 60 + second)
        if isUTC { return GoTime(seconds: wall, nanoseconds: nanosecond, zone: .utc) }
        if let zoneOffset {
            let instant = wall - Int64(zoneOffset)
            let localType = local.lookup(instant)
            if localType.offset == zoneOffset && (zoneName == nil || zoneName == localType.abbreviation) {
                return GoTime(seconds: instant, nanoseconds: nanosecond, zone: local)
            }
            return GoTime(seconds: instant, nanoseconds: nanosecond, zone: .fixed(name: zoneName ?? "", offset: zoneOffset))
        }
        if let zoneName {
            let guess = local.lookup(wall)
            if guess.abbreviation == zoneName {
                return GoTime(seconds: wall - Int64(guess.offset), nanoseconds: nanosecond, zone: local)
            }
            if zoneName == "UTC" { return GoTime(seconds: wall, nanoseconds: nanosecond, zone: .utc) }
            return GoTime(seconds: wall, nanoseconds: nanosecond, zone: .fixed(name: zoneName, offset: 0))
        }
        return date(wallSeconds: wall, nanoseconds: nanosecond, zone: local)
    }

    /// `time.Date` in `zone`: the instant whose local wall clock reads `wallSeconds`.
    static func date(wallSeconds wall: Int64, nanoseconds: Int, zone: ZoneInfo) -> GoTime {
        var offset = zone.lookup(wall).offset
        let corrected = zone.lookup(wall - Int64(offset)).offset
        if corrected != offset { offset = corrected }
        return GoTime(seconds: wall - Int64(offset), nanoseconds: nanoseconds, zone: zone)
    }

    static func fractionNanoseconds(_ digits: Substring) -> Int {
        var value = 0
        var scale = 100_000_000
        for digit in digits.prefix(9) {
            value += (Int(String(digit)) ?? 0) * scale
            scale /= 10
        }
        return value
    }
}
