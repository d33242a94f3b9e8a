/// A POSIX TZ rule such as `CET-1CEST,M3.5.0,M10.5.0/3` (the TZif footer),
/// for instants after a zone's last recorded transition.
struct PosixZoneRule: Sendable {
    struct Change: Sendable {
        enum Kind: Sendable { case julianNoLeap(Int), zeroBasedDay(Int), monthWeekDay(month: Int, week: Int, day: Int) }
        var kind: Kind
        var secondsIntoDay: Int
    }

    var standard: ZoneInfo.LocalType
    var daylight: ZoneInfo.LocalType?
    var start: Change?
    var end: Change?

    // rule: std offset [dst [offset] [',' start [ '/' time ] ',' end [ '/' time ]]]
    init?(parsing text: String) {
        var rest = Substring(text)
        guard let standardName = PosixZoneRule.name(&rest), let standardOffset = PosixZoneRule.offset(&rest) else { return nil }
        standard = ZoneInfo.LocalType(offset: -standardOffset, isDaylightSaving: false, abbreviation: standardName)
        guard !rest.isEmpty else { return }
        guard let daylightName = PosixZoneRule.name(&rest) else { return nil }
        var daylightOffset = standard.offset + 3600
        if let first = rest.first, first != "," { guard let parsed = PosixZoneRule.offset(&rest) else { return nil }; daylightOffset = -parsed }
        daylight = ZoneInfo.LocalType(offset: daylightOffset, isDaylightSaving: true, abbreviation: daylightName)
        guard rest.first == "," else { return nil }
        rest = rest.dropFirst()
        guard let start = PosixZoneRule.change(&rest), rest.first == "," else { return nil }
        rest = rest.dropFirst()
        guard let end = PosixZoneRule.change(&rest) else { return nil }
        self.start = start
        self.end = end
    }

    static func name(_ rest: inout Substring) -> String? {
        if rest.first == "<" {
            guard let close = rest.firstIndex(of: ">") else { return nil }
            let name = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
            return String(name)
        }
        let name = rest.prefix { $0.isLetter }
        guard name.count >= 3 else { return nil }
        rest = rest.dropFirst(name.count)
        return String(name)
    }

    /// `[+-]hh[:mm[:ss]]` in seconds (POSIX sign: west of Greenwich is positive).
    static func offset(_ rest: inout Substring) -> Int? {
        var sign = 1
        if rest.first == "+" { rest = rest.dropFirst() } else if rest.first == "-" { sign = -1; rest = rest.dropFirst() }
        var total = 0
        for (index, multiplier) in [3600, 60, 1].enumerated() {
            if index > 0 { guard rest.first == ":" else { break }; rest = rest.dropFirst() }
            let digits = rest.prefix { $0.isNumber }
            guard !digits.isEmpty, let value = Int(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            total += value * multiplier
        }
        return sign * total
    }

    static func change(_ rest: inout Substring) -> Change? {
        var kind: Change.Kind
        if rest.first == "J" {
            rest = rest.dropFirst()
            let digits = rest.prefix { $0.isNumber }
            guard let day = Int(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            kind = .julianNoLeap(day)
        } else if rest.first == "M" {
            rest = rest.dropFirst()
            var numbers: [Int] = []
            for index in 0..<3 {
                if index > 0 { guard rest.first == "." else { return nil }; rest = rest.dropFirst() }
                let digits = rest.prefix { $0.isNumber }
                guard let value = Int(digits) else { return nil }
                rest = rest.dropFirst(digits.count)
                numbers.append(value)
            }
            kind = .monthWeekDay(month: numbers[0], week: numbers[1], day: numbers[2])
        } else {
            let digits = rest.prefix { $0.isNumber }
            guard let day = Int(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            kind = .zeroBasedDay(day)
        }
        var seconds = 7200
        if rest.first == "/" {
            rest = rest.dropFirst()
            guard let parsed = offset(&rest) else { return nil }
            seconds = parsed
        }
        return Change(kind: kind, secondsIntoDay: seconds)
    }

    /// Seconds since the epoch at which `change` happens in `year`, in local time given by `offset`.
    static func instant(_ change: Change, year: Int, offset: Int) -> Int64 {
        let yearStart = CivilCalendar.daysFromCivil(year: year, month: 1, day: 1)
        var day: Int64
        switch change.kind {
        case .julianNoLeap(let n):
            day = yearStart + Int64(n - 1)
            if CivilCalendar.isLeap(year) && n >= 60 { day += 1 }
        case .zeroBasedDay(let n):
            day = yearStart + Int64(n)
        case .monthWeekDay(let month, let week, let weekday):
            let first = CivilCalendar.daysFromCivil(year: year, month: month, day: 1)
            let firstWeekday = Int(CivilCalendar.weekday(days: first))
            var dayOfMonth = 1 + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
            let length = CivilCalendar.daysIn(month: month, year: year)
            while dayOfMonth > length { dayOfMonth -= 7 }
            day = first + Int64(dayOfMonth - 1)
        }
        return day * 86400 + Int64(change.secondsIntoDay) - Int64(offset)
    }

    func lookup(_ seconds: Int64) -> ZoneInfo.LocalType {
        guard let daylight, let start, let end else { return standard }
        let year = CivilCalendar.civil(days: CivilCalendar.floorDivide(seconds + Int64(standard.offset), 86400)).year
        let startInstant = PosixZoneRule.instant(start, year: year, offset: standard.offset)
        let endInstant = PosixZoneRule.instant(end, year: year, offset: daylight.offset)
        if startInstant < endInstant {
            return seconds >= startInstant && seconds < endInstant ? daylight : standard
        }
        return seconds >= endInstant && seconds < startInstant ? standard : daylight
    }
}

/// Proleptic Gregorian calendar arithmetic on days since 1970-01-01.
enum CivilCalendar {
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    static func civil(days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = floorDivide(z, 146097)
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// 0 = Sunday.
    static func weekday(days: Int64) -> Int64 {
        let w = (days + 4) % 7
        return w < 0 ? w + 7 : w
    }
}
