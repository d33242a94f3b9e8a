/// One header of a tar archive, after pax and GNU long-name records are applied.
struct TarHeader {
    enum Kind: Equatable {
        case regular, hardLink, symbolicLink, characterDevice, blockDevice, directory, fifo
        case globalExtendedHeader
        case other(UInt8)
    }
    var name: String
    var kind: Kind
    var size: Int
    var linkName: String
    var mode: Int
}

/// A tar reader (ustar, pax, GNU long names, V7) over a gzip stream. Data is
/// read only when asked for, so sizes can be checked against limits first.
struct TarReader {
    private let source: GzipInflater
    /// Data bytes of the current entry not yet consumed, and its padding.
    private var unread = 0
    private var padding = 0
    /// The most bytes a pax or GNU long-name record may hold (Go's limit).
    static let maxMetadataSize = 1 << 20

    init(_ source: GzipInflater) {
        self.source = source
    }

    static let invalidHeader = ChartError("archive/tar: invalid tar header")

    /// The next entry's header, or nil at the end of the archive.
    mutating func next() throws(ChartError) -> TarHeader? {
        try skipRest()
        var longName: String?
        var longLink: String?
        var pax: [String: String] = [:]
        while true {
            let block = try source.read(512)
            if block.isEmpty { return nil }
            if block.count < 512 { throw ChartError("unexpected EOF") }
            if block.allSatisfy({ $0 == 0 }) {
                // End of archive: a zero block (Go also accepts a single one before EOF).
                return nil
            }
            guard Self.checksumMatches(block) else { throw Self.invalidHeader }
            let typeFlag = block[156]
            guard let size = Self.number(block[124..<136]), size >= 0 else { throw Self.invalidHeader }
            switch typeFlag {
            case UInt8(ascii: "x"), UInt8(ascii: "L"), UInt8(ascii: "K"):
                guard size <= Self.maxMetadataSize else {
                    throw ChartError("archive/tar: header record of \(size) bytes is larger than \(Self.maxMetadataSize) bytes")
                }
                let data = try readExactly(size)
                if typeFlag == UInt8(ascii: "x") {
                    pax.merge(try Self.paxRecords(data)) { _, new in new }
                } else {
                    let text = Self.cString(data[...])
                    if typeFlag == UInt8(ascii: "L") { longName = text } else { longLink = text }
                }
                continue
            default:
                break
            }
            var name = Self.cString(block[0..<100])
            let magic = Array(block[257..<263])
            if magic == Array("ustar\0".utf8) {
                let prefix = Self.cString(block[345..<500])
                if !prefix.isEmpty { name = prefix + "/" + name }
            }
            var linkName = Self.cString(block[157..<257])
            if let longName { name = longName }
            if let longLink { linkName = longLink }
            if let path = pax["path"] { name = path }
            if let link = pax["linkpath"] { linkName = link }
            var entrySize = size
            if let paxSize = pax["size"] {
                guard let parsed = Int(paxSize), parsed >= 0 else { throw Self.invalidHeader }
                entrySize = parsed
            }
            let mode = Self.number(block[100..<108]) ?? 0
            let kind: TarHeader.Kind
            switch typeFlag {
            case 0:
                // Go: an old-style regular entry whose name ends in '/' is a directory.
                kind = name.hasSuffix("/") ? .directory : .regular
            case UInt8(ascii: "0"), UInt8(ascii: "7"):
                kind = .regular
            case UInt8(ascii: "1"): kind = .hardLink
            case UInt8(ascii: "2"): kind = .symbolicLink
            case UInt8(ascii: "3"): kind = .characterDevice
            case UInt8(ascii: "4"): kind = .blockDevice
            case UInt8(ascii: "5"): kind = .directory
            case UInt8(ascii: "6"): kind = .fifo
            case UInt8(ascii: "g"): kind = .globalExtendedHeader
            default: kind = .other(typeFlag)
            }
            // Links, devices and directories carry no data in the archive.
            switch kind {
            case .hardLink, .symbolicLink, .characterDevice, .blockDevice, .directory, .fifo:
                entrySize = 0
            default: break
            }
            unread = entrySize
            padding = (512 - entrySize % 512) % 512
            return TarHeader(name: name, kind: kind, size: entrySize, linkName: linkName, mode: mode)
        }
    }

    /// Reads up to `limit` bytes of the current entry's data.
    mutating func readData(limit: Int) throws(ChartError) -> [UInt8] {
        let count = min(limit, unread)
        let data = try source.read(count)
        unread -= data.count
        if data.count < count { throw ChartError("unexpected EOF") }
        return data
    }

    private mutating func skipRest() throws(ChartError) {
        let total = unread + padding
        if total > 0 {
            let skipped = try source.skip(total)
            if skipped < unread { throw ChartError("unexpected EOF") }
        }
        unread = 0
        padding = 0
    }

    private mutating func readExactly(_ size: Int) throws(ChartError) -> [UInt8] {
        let data = try source.read(size)
        if data.count < size { throw ChartError("unexpected EOF") }
        let pad = (512 - size % 512) % 512
        if pad > 0 { _ = try source.skip(pad) }
        return data
    }

    static func checksumMatches(_ block: [UInt8]) -> Bool {
        guard let stored = number(block[148..<156]) else { return false }
        var unsigned = 0
        var signed = 0
        for (index, byte) in block.enumerated() {
            let value = (148..<156).contains(index) ? 0x20 : byte
            unsigned += Int(value)
            signed += Int(Int8(bitPattern: value))
        }
        return stored == unsigned || stored == signed
    }

    /// A numeric field: octal digits (spaces and NULs around them), or base-256
    /// when the high bit of the first byte is set. Nil when malformed.
    static func number(_ field: ArraySlice<UInt8>) -> Int? {
        guard let first = field.first else { return nil }
        if first & 0x80 != 0 {
            var value = 0
            for (offset, byte) in field.enumerated() {
                let digit = offset == 0 ? Int(byte & 0x7F) : Int(byte)
                guard value <= (Int.max >> 8) else { return nil }
                value = value << 8 | digit
            }
            return (first & 0x40) != 0 ? nil : value
        }
        let trimmed = field.drop { $0 == 0x20 || $0 == 0 }.prefix { $0 != 0x20 && $0 != 0 }
        if trimmed.isEmpty { return 0 }
        var value = 0
        for byte in trimmed {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "7"), value <= (Int.max >> 3) else { return nil }
            value = value << 3 | Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// A NUL-terminated field as text.
    static func cString(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// pax records: `"<length> <key>=<value>\n"`, repeated.
    static func paxRecords(_ data: [UInt8]) throws(ChartError) -> [String: String] {
        var records: [String: String] = [:]
        var index = 0
        while index < data.count {
            guard let space = data[index...].firstIndex(of: 0x20),
                let length = Int(String(decoding: data[index..<space], as: UTF8.self)),
                length > 0, index + length <= data.count, data[index + length - 1] == 0x0A
            else { throw ChartError("archive/tar: invalid tar header") }
            let record = data[(space + 1)..<(index + length - 1)]
            guard let equals = record.firstIndex(of: UInt8(ascii: "=")) else { throw invalidHeader }
            records[String(decoding: record[..<equals], as: UTF8.self)] =
                String(decoding: record[(equals + 1)...], as: UTF8.self)
            index += length
        }
        return records
    }
}
