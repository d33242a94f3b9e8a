/// Writes a tar archive as Go's `archive/tar` writer does for the headers Helm
/// gives it (regular files, mode 0644, uid and gid 0, no user or group names):
/// USTAR when the name fits (split into prefix and name at a `/` when longer
/// than 100 bytes), otherwise a PAX `path` record before the header. The
/// archive ends with two zero blocks and no further padding.
public struct TarWriter: Sendable {
    /// The archive so far.
    public private(set) var bytes: [UInt8] = []
    private static let blockSize = 512
    private static let nameSize = 100
    private static let prefixSize = 155

    public init() {}

    /// Appends a regular file. `modificationTime` is in seconds since 1970.
    public mutating func addFile(name: String, data: [UInt8], mode: Int = 0o644, modificationTime: Int64) {
        if let (prefix, suffix) = Self.splitUSTARPath(name) {
            appendHeader(name: suffix, prefix: prefix, mode: mode, size: data.count, time: modificationTime, type: "0")
        } else if Self.fitsUSTAR(name) {
            appendHeader(name: name, prefix: "", mode: mode, size: data.count, time: modificationTime, type: "0")
        } else {
            // Go's PAX form: a `PaxHeaders.0` record holding the path, then the
            // main header with the name cut to the field (non-ASCII dropped).
            let record = Array(Self.paxRecord(key: "path", value: name).utf8)
            let (directory, file) = Self.splitDirectory(name)
            var recordName = Self.asciiOnly(Self.joinPath(directory, "PaxHeaders.0", file))
            if recordName.utf8.count > Self.nameSize { recordName = String(decoding: recordName.utf8.prefix(Self.nameSize), as: UTF8.self) }
            while recordName.hasSuffix("/") { recordName.removeLast() }
            appendHeader(name: recordName, prefix: "", mode: 0, size: record.count, time: 0, type: "x")
            appendData(record)
            appendHeader(name: Self.asciiOnly(name), prefix: "", mode: mode, size: data.count, time: modificationTime, type: "0")
        }
        appendData(data)
    }

    /// The finished archive: the entries, then two zero blocks.
    public func finished() -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: 2 * Self.blockSize)
    }

    private mutating func appendData(_ data: [UInt8]) {
        bytes.append(contentsOf: data)
        let padding = (Self.blockSize - data.count % Self.blockSize) % Self.blockSize
        bytes.append(contentsOf: repeatElement(0, count: padding))
    }

    private mutating func appendHeader(name: String, prefix: String, mode: Int, size: Int, time: Int64, type: Character) {
        var block = [UInt8](repeating: 0, count: Self.blockSize)
        Self.put(name, into: &block, at: 0, width: 100)
        Self.putOctal(Int64(mode), into: &block, at: 100, width: 8)
        Self.putOctal(0, into: &block, at: 108, width: 8)
        Self.putOctal(0, into: &block, at: 116, width: 8)
        Self.putOctal(Int64(size), into: &block, at: 124, width: 12)
        Self.putNumber(time, into: &block, at: 136, width: 12)
        block[156] = type.asciiValue ?? UInt8(ascii: "0")
        Self.put("ustar\u{0}00", into: &block, at: 257, width: 8)
        Self.putOctal(0, into: &block, at: 329, width: 8)
        Self.putOctal(0, into: &block, at: 337, width: 8)
        Self.put(prefix, into: &block, at: 345, width: 155)
        // The checksum is computed with its own field as eight spaces; Go writes
        // it as six octal digits, a NUL and a space.
        for index in 148..<156 { block[index] = 0x20 }
        let checksum = block.reduce(0) { $0 + Int64($1) }
        Self.putOctal(checksum, into: &block, at: 148, width: 7)
        block[155] = 0x20
        bytes.append(contentsOf: block)
    }

    /// Go's `formatString`: the bytes, cut to the field, NUL-terminated when shorter.
    private static func put(_ text: String, into block: inout [UInt8], at offset: Int, width: Int) {
        for (index, byte) in text.utf8.prefix(width).enumerated() { block[offset + index] = byte }
    }

    /// Go's `formatOctal`: zero-padded octal digits filling all but the last byte, then NUL.
    private static func putOctal(_ value: Int64, into block: inout [UInt8], at offset: Int, width: Int) {
        var digits = String(value, radix: 8)
        if digits.count < width - 1 { digits = String(repeating: "0", count: width - 1 - digits.count) + digits }
        put(digits, into: &block, at: offset, width: width)
    }

    /// Octal when it fits (a time from 1970 up to 2242), else Go's base-256 form.
    private static func putNumber(_ value: Int64, into block: inout [UInt8], at offset: Int, width: Int) {
        if value >= 0 && value < (Int64(1) << (3 * (width - 1))) {
            putOctal(value, into: &block, at: offset, width: width)
            return
        }
        var remaining = value
        for index in stride(from: width - 1, through: 0, by: -1) {
            block[offset + index] = UInt8(truncatingIfNeeded: remaining)
            remaining >>= 8
        }
        block[offset] |= 0x80
    }

    /// Go's `splitUSTARPath`: a name longer than 100 ASCII bytes split at a `/`
    /// into a prefix of at most 155 bytes and a name of at most 100.
    static func splitUSTARPath(_ name: String) -> (String, String)? {
        let bytes = Array(name.utf8)
        var length = bytes.count
        guard length > nameSize, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        if length > prefixSize + 1 {
            length = prefixSize + 1
        } else if bytes[length - 1] == UInt8(ascii: "/") {
            length -= 1
        }
        guard let slash = bytes[..<length].lastIndex(of: UInt8(ascii: "/")) else { return nil }
        let suffixLength = bytes.count - slash - 1
        guard slash > 0, suffixLength <= nameSize, suffixLength > 0, slash <= prefixSize else { return nil }
        return (String(decoding: bytes[..<slash], as: UTF8.self), String(decoding: bytes[(slash + 1)...], as: UTF8.self))
    }

    static func fitsUSTAR(_ name: String) -> Bool {
        name.utf8.count <= nameSize && name.utf8.allSatisfy { $0 < 0x80 && $0 != 0 }
    }

    /// `"<length> <key>=<value>\n"`, the length counting itself.
    static func paxRecord(key: String, value: String) -> String {
        let body = " \(key)=\(value)\n"
        let bodyLength = body.utf8.count
        var total = bodyLength + String(bodyLength).count
        if String(total).count + bodyLength != total { total += 1 }
        return String(total) + body
    }

    private static func asciiOnly(_ text: String) -> String {
        String(decoding: text.utf8.filter { $0 < 0x80 }, as: UTF8.self)
    }

    private static func splitDirectory(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    private static func joinPath(_ directory: String, _ middle: String, _ file: String) -> String {
        var result = directory
        while result.hasSuffix("/") { result.removeLast() }
        if !result.isEmpty { result += "/" }
        result += middle
        if !file.isEmpty { result += "/" + file }
        return result
    }
}
