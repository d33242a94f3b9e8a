@testable import RudderChart

/// A tiny tar writer for building hostile archives in tests (no binary fixtures).
struct TestTarWriter {
    var bytes: [UInt8] = []

    enum EntryType: UInt8 {
        case regular = 0x30, hardLink = 0x31, symbolicLink = 0x32, characterDevice = 0x33, directory = 0x35, fifo = 0x36
        case paxHeader = 0x78, gnuLongName = 0x4C
    }

    /// Adds an entry; `size` overrides the header's size field (to lie about it).
    mutating func add(_ name: String, _ data: [UInt8] = [], type: EntryType = .regular, linkName: String = "",
                      size: Int? = nil, prefix: String = "", corruptChecksum: Bool = false) {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, length: Int) {
            for (index, byte) in text.utf8.prefix(length).enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int, at offset: Int, length: Int) {
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: max(0, length - 1 - digits.count)) + digits, at: offset, length: length - 1)
        }
        put(name, at: 0, length: 100)
        octal(0o644, at: 100, length: 8)
        octal(0, at: 108, length: 8)
        octal(0, at: 116, length: 8)
        octal(size ?? data.count, at: 124, length: 12)
        octal(0, at: 136, length: 12)
        header[156] = type.rawValue
        put(linkName, at: 157, length: 100)
        put("ustar\0", at: 257, length: 6)
        put("00", at: 263, length: 2)
        put(prefix, at: 345, length: 155)
        for index in 148..<156 { header[index] = 0x20 }
        var sum = header.reduce(0) { $0 + Int($1) }
        if corruptChecksum { sum += 1 }
        octal(sum, at: 148, length: 7)
        header[155] = 0x20
        bytes += header
        bytes += data
        bytes += [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }

    mutating func addPax(path: String, for name: String, _ data: [UInt8]) {
        let record = " path=\(path)\n"
        var length = record.utf8.count + 2
        if String(length).count + record.utf8.count != length { length = String(length + 1).count + record.utf8.count }
        let text = "\(length)" + record
        add("PaxHeaders/" + name, Array(text.utf8), type: .paxHeader)
        add(name, data)
    }

    /// The archive with its end-of-archive blocks.
    var archive: [UInt8] { bytes + [UInt8](repeating: 0, count: 1024) }

    /// The archive, gzipped.
    var gzipped: [UInt8] { GzipWriter.compress(archive) ?? [] }

    static func chart(_ extra: (inout TestTarWriter) -> Void = { _ in }) -> [UInt8] {
        var writer = TestTarWriter()
        writer.add("mychart/Chart.yaml", Array("apiVersion: v2\nname: mychart\nversion: 0.1.0\n".utf8))
        extra(&writer)
        return writer.gzipped
    }
}
