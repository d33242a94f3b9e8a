import RudderCore

/// The head of a Kubernetes document: what Helm's `SimpleHead` reads.
public struct YAMLDocumentHead: Sendable, Equatable {
    /// `kind` (empty when absent or null).
    public var kind: String
    /// `metadata.name` (empty when absent or null).
    public var name: String
    /// `metadata.annotations` (a null value is kept as "", as Go's decoder keeps it).
    public var annotations: [String: String]

    public init(kind: String = "", name: String = "", annotations: [String: String] = [:]) {
        self.kind = kind
        self.name = name
        self.annotations = annotations
    }
}

/// A quick reader of rendered Kubernetes documents: it reads the YAML
/// that templates render (block mappings and sequences, one-line plain and
/// quoted scalars, literal and folded blocks, comments, one-line flow
/// collections) straight from the bytes, proving on the way that
/// `YAMLReader.unmarshal(document, top: .any)` reads the document without
/// error, and picks out `kind`, `metadata.name` and `metadata.annotations`.
///
/// Whenever it meets anything else (anchors, aliases, tags, complex or
/// duplicate head keys, multi-line plain or quoted scalars, tabs outside
/// block scalars and comments, odd indentation, directives, document
/// markers, control characters, values its head fields cannot hold) it
/// answers nil, and the caller reads the document with the full reader,
/// which also gives the errors. Rule: when `scan` returns a head, the full
/// reader reads the document without error and finds the same head.
public enum YAMLHeadScanner {
    /// The head of one document (no `---` separators), or nil when unsure.
    public static func scan(_ text: String) -> YAMLDocumentHead? {
        if let answer = text.utf8.withContiguousStorageIfAvailable({ scan($0) }) { return answer }
        return Array(text.utf8).withUnsafeBufferPointer { scan($0) }
    }

    /// The head of one document given as UTF-8 bytes, or nil when unsure.
    public static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> YAMLDocumentHead? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return YAMLDocumentHead() }
        guard HeadCharacters.areSimple(bytes) else { return nil }
        var scanner = HeadScanner(base: base, count: bytes.count)
        do throws(HeadScanner.Unsure) {
            return try scanner.document()
        } catch {
            return nil
        }
    }
}

/// The characters the quick reader accepts anywhere: printable ASCII, tab,
/// line feed, and well-formed UTF-8 of the characters libyaml's reader
/// accepts that are not line breaks or byte order marks. Lines may not
/// start with `---` or `...`.
enum HeadCharacters {
    static func areSimple(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard let raw = UnsafeRawPointer(bytes.baseAddress) else { return true }
        var i = 0
        var lineStart = true
        while i < count {
            // Eight printable ASCII bytes (no line feed, tab or DEL) at a time.
            if !lineStart && i + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                let below20 = (word &- 0x2020_2020_2020_2020) & ~word & high
                let del = word ^ 0x7F7F_7F7F_7F7F_7F7F
                let isDel = (del &- 0x0101_0101_0101_0101) & ~del & high
                if (word & high) | below20 | isDel == 0 {
                    i += 8
                    continue
                }
            }
            let b = bytes[i]
            if lineStart, i + 2 < count, b == 0x2D || b == 0x2E, bytes[i + 1] == b, bytes[i + 2] == b {
                return false
            }
            lineStart = false
            if b >= 0x20 && b < 0x7F || b == 0x09 {
                i += 1
                continue
            }
            if b == 0x0A {
                lineStart = true
                i += 1
                continue
            }
            guard b >= 0xC2, b <= 0xF4 else { return false }
            // A multi-byte character: decode, then check its range.
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            guard i + length <= count else { return false }
            var scalar = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length {
                let next = bytes[i + k]
                guard next & 0xC0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            let shortest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
            guard scalar >= shortest, scalar <= 0x10FFFF else { return false }
            switch scalar {
            case 0xA0...0xD7FF where scalar != 0x2028 && scalar != 0x2029,
                 0xE000...0xFFFD where scalar != 0xFEFF,
                 0x10000...0x10FFFF:
                i += length
            default:
                return false
            }
        }
        return true
    }
}
