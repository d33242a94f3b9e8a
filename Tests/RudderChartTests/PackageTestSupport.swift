#if canImport(Glibc)
import Glibc
#endif
import RudderCore

@testable import RudderChart

/// A tar listing for tests: every header field the packager sets, read with
/// Python-tarfile-like rules (PAX `path` records applied, ustar prefix joined).
enum TarListing {
    struct Entry {
        var name: String
        var mode: Int
        var uid: Int
        var gid: Int
        var modificationTime: Int
        var type: UInt8
        var data: [UInt8]
    }

    static func entries(_ archive: [UInt8]) throws -> [Entry] {
        let inflater = try GzipInflater(archive)
        var entries: [Entry] = []
        var paxPath: String?
        while true {
            let block = try inflater.read(512)
            if block.count < 512 || block.allSatisfy({ $0 == 0 }) { break }
            let size = TarReader.number(block[124..<136]) ?? 0
            let data = try inflater.read(size)
            _ = try inflater.skip((512 - size % 512) % 512)
            if block[156] == UInt8(ascii: "x") {
                paxPath = try TarReader.paxRecords(data)["path"]
                continue
            }
            var name = TarReader.cString(block[0..<100])
            let prefix = TarReader.cString(block[345..<500])
            if !prefix.isEmpty { name = prefix + "/" + name }
            if let paxPath { name = paxPath }
            paxPath = nil
            entries.append(Entry(
                name: name, mode: TarReader.number(block[100..<108]) ?? -1, uid: TarReader.number(block[108..<116]) ?? -1,
                gid: TarReader.number(block[116..<124]) ?? -1, modificationTime: TarReader.number(block[136..<148]) ?? -1,
                type: block[156], data: data))
        }
        return entries
    }
}

/// Copies of fixture trees with chosen modification times.
enum TreeCopy {
    static func copy(_ source: String, to target: String, modificationTime: Int) throws {
        try FileSystem.createDirectory(target)
        for name in try FileSystem.list(source) {
            let from = source + "/" + name
            if FileSystem.isDirectory(from) {
                try copy(from, to: target + "/" + name, modificationTime: modificationTime)
            } else {
                try FileSystem.writeAtomically(target + "/" + name, FileSystem.read(from))
                setTime(target + "/" + name, modificationTime)
            }
        }
        setTime(target, modificationTime)
    }

    static func touchAll(_ path: String, modificationTime: Int) throws {
        for name in try FileSystem.list(path) {
            let child = path + "/" + name
            if FileSystem.isDirectory(child) { try touchAll(child, modificationTime: modificationTime) }
            setTime(child, modificationTime)
        }
    }

    static func setTime(_ path: String, _ seconds: Int) {
        var times = [timeval(tv_sec: seconds, tv_usec: 0), timeval(tv_sec: seconds, tv_usec: 0)]
        _ = utimes(path, &times)
    }
}
