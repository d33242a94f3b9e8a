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
    static let high: UInt64 = 0x8080_8080_8080_8080
    static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The high bit of each byte of `x` that is zero, exactly (no borrow
    /// from one byte into the next).
    @inline(__always) static func zeroBytes(_ x: UInt64) -> UInt64 {
        ~(((x & low7) &+ low7) | x) & high
    }

    static func areSimple(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        if startsMarker(bytes, at: 0) { return false }
        var i = 0
        while i &+ 8 <= count {
            // Eight bytes at a time: printable ASCII or line feeds passes here;
            // anything else (tabs, UTF-8, what is refused) goes byte by byte.
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let ascii = word & low7
            // Below 0x20 (no carry: at most 0x7F + 0x60) or DEL (0x7F + 1 sets the high bit).
            let outside = (~(ascii &+ 0x6060_6060_6060_6060) | (ascii &+ 0x0101_0101_0101_0101)) & high
            var newlines = zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
            if (word & high) | (outside & ~newlines) != 0 {
                let stop = i + 8
                while i < stop {
                    guard let next = character(bytes, at: i) else { return false }
                    i = next
                }
                continue
            }
            while newlines != 0 {
                if startsMarker(bytes, at: i + newlines.trailingZeroBitCount >> 3 + 1) { return false }
                newlines &= newlines &- 1
            }
            i &+= 8
        }
        while i < count {
            guard let next = character(bytes, at: i) else { return false }
            i = next
        }
        return true
    }

    /// Whether a line starting at `k` starts with `---` or `...`.
    @inline(__always) static func startsMarker(_ bytes: UnsafeBufferPointer<UInt8>, at k: Int) -> Bool {
        guard k + 2 < bytes.count else { return false }
        let b = bytes[k]
        return (b == 0x2D || b == 0x2E) && bytes[k + 1] == b && bytes[k + 2] == b
    }

    /// The index after the accepted character at `i`, or nil when it is refused.
    static func character(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let count = bytes.count
        let b = bytes[i]
        if b >= 0x20 && b < 0x7F || b == 0x09 { return i + 1 }
        if b == 0x0A { return startsMarker(bytes, at: i + 1) ? nil : i + 1 }
        guard b >= 0xC2, b <= 0xF4 else { return nil }
        // A multi-byte character: decode, then check its range.
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
        guard i + length <= count else { return nil }
        var scalar = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length {
            let next = bytes[i + k]
            guard next & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(next & 0x3F)
        }
        let shortest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard scalar >= shortest, scalar <= 0x10FFFF else { return nil }
        switch scalar {
        case 0xA0...0xD7FF where scalar != 0x2028 && scalar != 0x2029,
             0xE000...0xFFFD where scalar != 0xFEFF,
             0x10000...0x10FFFF:
            return i + length
        default:
            return nil
        }
    }
}
