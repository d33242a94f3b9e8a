import RudderCore

/// A time zone read from the system's zoneinfo database (TZif files), as Go's
/// `time.LoadLocation` reads it. No Foundation.
struct ZoneInfo: Sendable {
    struct LocalType: Sendable {
        var offset: Int
        var isDaylightSaving: Bool
        var abbreviation: String
    }

    var name: String
    var types: [LocalType]
    var transitions: [Int64]
    var transitionTypes: [Int]
    /// The POSIX TZ rule for instants after the last transition.
    var rule: PosixZoneRule?

    static let utc = ZoneInfo(name: "UTC", types: [LocalType(offset: 0, isDaylightSaving: false, abbreviation: "UTC")],
                              transitions: [], transitionTypes: [], rule: nil)

    static func fixed(name: String, offset: Int) -> ZoneInfo {
        ZoneInfo(name: name, types: [LocalType(offset: offset, isDaylightSaving: false, abbreviation: name)],
                 transitions: [], transitionTypes: [], rule: nil)
    }

    /// `time.LoadLocation`: "" and "UTC" are UTC, "Local" the local zone, else a zoneinfo file.
    static func load(_ name: String, localName: String?) -> ZoneInfo? {
        if name == "" || name == "UTC" { return .utc }
        if name == "Local" { return local(localName) }
        if name.hasPrefix("/") || name.contains("..") || name.contains("\\") { return nil }
        for directory in ["/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/"] {
            if let bytes = try? FileSystem.read(directory + name, limit: 1 << 20), let zone = parse(bytes, name: name) {
                return zone
            }
        }
        return nil
    }

    /// The local zone: the configured name, else `TZ`, else /etc/localtime, else UTC.
    static func local(_ configured: String?) -> ZoneInfo {
        if let configured { return load(configured, localName: nil).map { $0.renamed("Local") } ?? .utc }
        if let tz = FileSystem.environment("TZ") {
            if tz.isEmpty { return .utc }
            let name = tz.hasPrefix(":") ? String(tz.dropFirst()) : tz
            if let zone = load(name, localName: nil) { return zone.renamed("Local") }
            return .utc
        }
        if let bytes = try? FileSystem.read("/etc/localtime", limit: 1 << 20), let zone = parse(bytes, name: "Local") {
            return zone
        }
        return .utc
    }

    func renamed(_ newName: String) -> ZoneInfo {
        var copy = self
        copy.name = newName
        return copy
    }

    /// The offset and abbreviation in effect at `seconds` since the epoch.
    func lookup(_ seconds: Int64) -> LocalType {
        guard !types.isEmpty else { return LocalType(offset: 0, isDaylightSaving: false, abbreviation: "UTC") }
        if transitions.isEmpty || seconds < transitions[0] {
            if transitions.isEmpty, let rule { return rule.lookup(seconds) }
            // Before the first transition: the first standard-time type.
            return types.first { !$0.isDaylightSaving } ?? types[0]
        }
        if let last = transitions.last, seconds >= last, let rule { return rule.lookup(seconds) }
        var low = 0, high = transitions.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if seconds < transitions[middle] { high = middle } else { low = middle }
        }
        let index = transitionTypes[low]
        return index < types.count ? types[index] : types[0]
    }

    // MARK: TZif

    static func parse(_ data: [UInt8], name: String) -> ZoneInfo? {
        var reader = ByteReader(data: data)
        guard let version = reader.header() else { return nil }
        var zone = reader.body(sizeOfTime: 4, name: name)
        if version >= 2, zone != nil {
            // Skip to the 64-bit section and read it instead.
            guard reader.header() != nil else { return zone }
            zone = reader.body(sizeOfTime: 8, name: name)
            if let footer = reader.footer() { zone?.rule = PosixZoneRule(parsing: footer) }
        }
        return zone
    }

    struct ByteReader {
        let data: [UInt8]
        var position = 0
        var counts: [Int] = []

        mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
            guard count >= 0, position + count <= data.count else { return nil }
            defer { position += count }
            return data[position..<(position + count)]
        }

        mutating func bigEndian(_ size: Int) -> Int64? {
            guard let bytes = take(size) else { return nil }
            var value: Int64 = 0
            for byte in bytes { value = (value << 8) | Int64(byte) }
            if size == 4 { return Int64(Int32(truncatingIfNeeded: value)) }
            return value
        }

        /// "TZif", version, 15 reserved bytes, six counts.
        mutating func header() -> Int? {
            guard let magic = take(4), Array(magic) == Array("TZif".utf8), let version = take(1), take(15) != nil else {
                return nil
            }
            counts = []
            for _ in 0..<6 {
                guard let count = bigEndian(4), count >= 0, count < 1_000_000 else { return nil }
                counts.append(Int(count))
            }
            let versionByte = version.first ?? 0
            return versionByte == 0 ? 1 : Int(versionByte - UInt8(ascii: "0"))
        }

        mutating func body(sizeOfTime: Int, name: String) -> ZoneInfo? {
            let (isUTCCount, isStandardCount, leapCount, transitionCount, typeCount, characterCount) =
                (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5])
            var transitions: [Int64] = []
            for _ in 0..<transitionCount {
                guard let time = bigEndian(sizeOfTime) else { return nil }
                transitions.append(time)
            }
            guard let indexes = take(transitionCount) else { return nil }
            var rawTypes: [(Int, Bool, Int)] = []
            for _ in 0..<typeCount {
                guard let offset = bigEndian(4), let flags = take(2) else { return nil }
                rawTypes.append((Int(offset), flags.first == 1, Int(flags.last ?? 0)))
            }
            guard let characters = take(characterCount),
                take(leapCount * (sizeOfTime + 4)) != nil, take(isStandardCount) != nil, take(isUTCCount) != nil
            else { return nil }
            let abbreviationBytes = Array(characters)
            let types = rawTypes.map { offset, dst, index -> LocalType in
                let end = abbreviationBytes[min(index, abbreviationBytes.count)...].firstIndex(of: 0) ?? abbreviationBytes.count
                let abbreviation = String(decoding: abbreviationBytes[min(index, end)..<end], as: UTF8.self)
                return LocalType(offset: offset, isDaylightSaving: dst, abbreviation: abbreviation)
            }
            let transitionTypes = indexes.map { Int($0) }
            guard transitionTypes.allSatisfy({ $0 < types.count }), !types.isEmpty else { return nil }
            return ZoneInfo(name: name, types: types, transitions: transitions, transitionTypes: transitionTypes, rule: nil)
        }

        mutating func footer() -> String? {
            guard position < data.count, data[position] == 10 else { return nil }
            let rest = data[(position + 1)...]
            guard let end = rest.firstIndex(of: 10) else { return nil }
            return String(decoding: rest[..<end], as: UTF8.self)
        }
    }
}
