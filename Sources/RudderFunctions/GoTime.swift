import RudderCore
import RudderTemplate

/// Go's `time.Time`: an instant and the zone it is shown in.
struct GoTime: TemplateObject {
    var seconds: Int64
    var nanoseconds: Int
    var zone: ZoneInfo
    /// Go's monotonic clock reading (nanoseconds since the process started), which
    /// only `now` gives; `String()` shows it as ` m=+0.001234567`. `In`/`UTC` drop it.
    var monotonic: Int64? = nil

    /// Go's zero time, 0001-01-01 00:00:00 UTC.
    static let zero = GoTime(seconds: -62_135_596_800, nanoseconds: 0, zone: .utc)

    /// Local broken-down fields.
    struct Fields {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
        var nanosecond: Int, weekday: Int, yearDay: Int
        var offset: Int, abbreviation: String
    }

    var fields: Fields {
        // Beyond about a billion years the calendar arithmetic would overflow.
        let limit: Int64 = 1 << 55
        let seconds = Swift.max(Swift.min(self.seconds, limit), -limit)
        let type = zone.lookup(seconds)
        let local = seconds + Int64(type.offset)
        let days = CivilCalendar.floorDivide(local, 86400)
        let secondOfDay = Int(local - days * 86400)
        let (year, month, day) = CivilCalendar.civil(days: days)
        let yearDay = Int(days - CivilCalendar.daysFromCivil(year: year, month: 1, day: 1)) + 1
        return Fields(
            year: year, month: month, day: day, hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60,
            second: secondOfDay % 60, nanosecond: nanoseconds, weekday: Int(CivilCalendar.weekday(days: days)),
            yearDay: yearDay, offset: type.offset, abbreviation: type.abbreviation)
    }

    func inZone(_ zone: ZoneInfo) -> GoTime { GoTime(seconds: seconds, nanoseconds: nanoseconds, zone: zone) }

    func adding(nanoseconds duration: Int64) -> GoTime {
        let total = Int64(nanoseconds) + duration % 1_000_000_000
        var seconds = self.seconds &+ duration / 1_000_000_000 + CivilCalendar.floorDivide(total, 1_000_000_000)
        let nanos = total - CivilCalendar.floorDivide(total, 1_000_000_000) * 1_000_000_000
        if seconds < -62_135_596_800 * 10 { seconds = -62_135_596_800 * 10 }
        return GoTime(seconds: seconds, nanoseconds: Int(nanos), zone: zone, monotonic: monotonic.map { $0 &+ duration })
    }

    /// Nanoseconds from `other` to `self`, saturating as Go's `Sub` does.
    func since(_ other: GoTime) -> Int64 {
        let (seconds, overflow) = (self.seconds - other.seconds).multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return self.seconds > other.seconds ? Int64.max : Int64.min }
        let (total, overflow2) = seconds.addingReportingOverflow(Int64(nanoseconds - other.nanoseconds))
        if overflow2 { return self.seconds > other.seconds ? Int64.max : Int64.min }
        return total
    }

    // MARK: TemplateObject

    var goTypeName: String { "time.Time" }
    var goKindName: String { "struct" }
    var printed: String {
        var text = GoTimeFormat.format(self, layout: "2006-01-02 15:04:05.999999999 -0700 MST")
        if let monotonic {
            let magnitude = monotonic.magnitude
            text += " m=" + (monotonic < 0 ? "-" : "+") + String(magnitude / 1_000_000_000) + "."
                + GoTimeFormat.padded(Int(magnitude % 1_000_000_000), 9)
        }
        return text
    }
    func field(_ name: String) -> Value? { nil }

    static let methods: Set<String> = [
        "Year", "Month", "Day", "Hour", "Minute", "Second", "Nanosecond", "YearDay", "Weekday", "Unix", "UnixMilli",
        "UnixNano", "Format", "UTC", "Local", "String", "IsZero", "Add",
    ]

    func hasMethod(_ name: String) -> Bool { GoTime.methods.contains(name) }

    func callMethod(_ name: String, arguments: [Value]) throws -> Value {
        let f = fields
        switch name {
        case "Year": return .int(f.year)
        case "Month": return .string(GoTimeFormat.longMonths[f.month - 1])
        case "Day": return .int(f.day)
        case "Hour": return .int(f.hour)
        case "Minute": return .int(f.minute)
        case "Second": return .int(f.second)
        case "Nanosecond": return .int(f.nanosecond)
        case "YearDay": return .int(f.yearDay)
        case "Weekday": return .string(GoTimeFormat.longDays[f.weekday])
        case "Unix": return .int64(seconds)
        case "UnixMilli": return .int64(seconds &* 1000 &+ Int64(nanoseconds / 1_000_000))
        case "UnixNano": return .int64(seconds &* 1_000_000_000 &+ Int64(nanoseconds))
        case "String": return .string(printed)
        case "IsZero": return .bool(seconds == GoTime.zero.seconds && nanoseconds == 0)
        case "UTC": return .object(inZone(.utc))
        case "Local": return .object(inZone(ZoneInfo.local(nil)))
        case "Format":
            guard arguments.count == 1, case .string(let layout) = arguments[0] else {
                throw TemplateObjectError("wrong number of args for Format: want 1 got \(arguments.count)")
            }
            return .string(GoTimeFormat.format(self, layout: layout))
        case "Add":
            guard arguments.count == 1, let duration = arguments[0].integerValue else {
                throw TemplateObjectError("wrong arguments for Add: want time.Duration")
            }
            return .object(adding(nanoseconds: duration))
        default:
            throw TemplateObjectError("can't call method \(name) on type time.Time")
        }
    }
}
