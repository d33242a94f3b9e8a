import RudderCore
import RudderTemplate

extension HelmFunctions {
    static func registerDates(_ r: inout Registrar) {
        let clock = r.options.clock
        let monotonicClock = r.options.monotonicClock
        let localName = r.options.localZoneName
        @Sendable func local() -> ZoneInfo { ZoneInfo.local(localName) }
        @Sendable func now() -> GoTime {
            let (seconds, nanoseconds) = clock()
            return GoTime(seconds: seconds, nanoseconds: Int(nanoseconds), zone: local(), monotonic: monotonicClock?())
        }
        /// Sprig's `dateInZone`: times, or Unix seconds as int/int64; anything else is now.
        @Sendable func dateInZone(_ layout: String, _ date: Value, _ zoneName: String) -> String {
            var time: GoTime
            switch date {
            case .object(let object as GoTime): time = object
            case .int(let seconds): time = GoTime(seconds: Int64(seconds), nanoseconds: 0, zone: .utc)
            case .int64(let seconds): time = GoTime(seconds: seconds, nanoseconds: 0, zone: .utc)
            default: time = now()
            }
            let zone = ZoneInfo.load(zoneName, localName: localName) ?? .utc
            time = time.inZone(zone)
            return GoTimeFormat.format(time, layout: layout)
        }
        @Sendable func time(_ value: Value) throws -> GoTime {
            guard case .object(let object as GoTime) = value else {
                throw FunctionError("wrong type for value; expected time.Time; got \(value.goTypeName)")
            }
            return object
        }

        r.add("now", []) { _ in .object(now()) }
        r.add("date", [.string, .any]) { a in
            let args = Arguments(a)
            return .string(dateInZone(try args.string(0), args[1], "Local"))
        }
        r.add("dateInZone", [.string, .any, .string]) { a in
            let args = Arguments(a)
            return .string(dateInZone(try args.string(0), args[1], try args.string(2)))
        }
        r.alias("date_in_zone", "dateInZone")
        r.add("htmlDate", [.any]) { a in .string(dateInZone("2006-01-02", Arguments(a)[0], "Local")) }
        r.add("htmlDateInZone", [.any, .string]) { a in
            let args = Arguments(a)
            return .string(dateInZone("2006-01-02", args[0], try args.string(1)))
        }
        r.add("toDate", [.string, .string]) { a in
            let args = Arguments(a)
            let parsed = try? GoTimeFormat.parse(try args.string(1), layout: try args.string(0), local: local())
            return .object(parsed ?? GoTime.zero)
        }
        r.add("mustToDate", [.string, .string]) { a in
            let args = Arguments(a)
            return .object(try GoTimeFormat.parse(try args.string(1), layout: try args.string(0), local: local()))
        }
        r.add("dateModify", [.string, .any]) { a in
            let args = Arguments(a)
            let date = try time(args[1])
            guard let duration = try? GoDuration.parse(try args.string(0)) else { return .object(date) }
            return .object(date.adding(nanoseconds: duration))
        }
        r.alias("date_modify", "dateModify")
        r.add("mustDateModify", [.string, .any]) { a in
            let args = Arguments(a)
            let date = try time(args[1])
            return .object(date.adding(nanoseconds: try GoDuration.parse(try args.string(0))))
        }
        r.alias("must_date_modify", "mustDateModify")
        r.add("ago", [.any]) { a in
            let date = try time(Arguments(a)[0])
            let elapsed = now().since(date)
            // Round to the second, halves away from zero.
            let second: Int64 = 1_000_000_000
            var rounded = elapsed / second * second
            let remainder = elapsed % second
            if remainder.magnitude * 2 >= UInt64(second) { rounded += elapsed < 0 ? -second : second }
            return .string(GoDuration.string(rounded))
        }
        r.add("unixEpoch", [.any]) { a in .string(String(try time(Arguments(a)[0]).seconds)) }
        r.add("duration", [.any]) { a in
            let seconds: Int64
            switch Arguments(a)[0] {
            case .string(let text): seconds = Int64(text) ?? 0
            case .int64(let value): seconds = value
            default: seconds = 0
            }
            let (nanoseconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
            return .string(GoDuration.string(overflow ? 0 : nanoseconds))
        }
        r.add("durationRound", [.any]) { a in
            let duration: Int64
            switch Arguments(a)[0] {
            case .string(let text): duration = (try? GoDuration.parse(text)) ?? 0
            case .int64(let value): duration = value
            case .object(let object as GoTime): duration = now().since(object)
            default: duration = 0
            }
            let magnitude = duration.magnitude
            let hour: UInt64 = 3_600_000_000_000
            let units: [(UInt64, String)] = [
                (hour * 24 * 365, "y"), (hour * 24 * 30, "mo"), (hour * 24, "d"), (hour, "h"),
                (60_000_000_000, "m"), (1_000_000_000, "s"),
            ]
            for (size, suffix) in units where magnitude > size {
                return .string(String(magnitude / size) + suffix)
            }
            return .string("0s")
        }
    }
}
