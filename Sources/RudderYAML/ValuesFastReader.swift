import Glibc
import RudderCore

/// A quick reader of values files in the plain style they are usually
/// written in: block mappings and sequences (sequences also at their key's
/// indentation), one-line plain and quoted scalars (double-quoted without
/// escapes), the empty flow collections `[]` and `{}`, comments and blank
/// lines. It reads them straight from the bytes into values, as
/// `YAMLReader.readValues` gives them (yaml.v2's scalar resolution, then
/// JSON's numbers).
///
/// Whenever it meets anything else (anchors, aliases, tags, block scalars,
/// other flow collections, escapes, multi-line scalars, complex, null or
/// merge keys, tabs, odd indentation, document markers, NaN or infinity,
/// nesting deeper than `maxDepth`, more than `maxBytes`) it answers nil and
/// the caller reads the file with the full reader, which also gives the
/// errors. Rule: when `read` returns a map, `YAMLReader.readValues` reads
/// the same bytes without error into exactly that map.
public enum ValuesFastReader {
    /// Larger files go to the full reader (which also applies its limits).
    public static let maxBytes = 1 << 20
    /// Deeper nesting goes to the full reader.
    public static let maxDepth = 64

    /// The values of `bytes`, or nil when unsure.
    public static func read(_ bytes: [UInt8]) -> [String: Value]? {
        guard bytes.count <= maxBytes else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> [String: Value]? in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return [:] }
            guard memchr(base, 0x09, buffer.count) == nil, HeadCharacters.areSimple(buffer) else { return nil }
            var parser = ValuesFastParser(base: base, count: buffer.count)
            do throws(ValuesFastParser.Unsure) {
                return try parser.document()
            } catch {
                return nil
            }
        }
    }
}

/// The parser behind `ValuesFastReader`. Between entries `position` is at
/// the start of a line.
struct ValuesFastParser {
    struct Unsure: Error {}

    let base: UnsafePointer<UInt8>
    let count: Int
    var position = 0
    /// The indentation of the content line at `peekedAt` (a cache for `nextContentLine`).
    private var peekedAt = -1
    private var peekedIndent = 0
    /// The pairs of the open mappings, each mapping's at the end: its
    /// dictionary is built once, at its final size, when it ends.
    private var pairKeys: [String] = []
    private var pairValues: [Value] = []

    static let space = UInt8(ascii: " ")
    static let newline = UInt8(ascii: "\n")
    static let hash = UInt8(ascii: "#")
    static let colon = UInt8(ascii: ":")
    static let dash = UInt8(ascii: "-")

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    mutating func document() throws(Unsure) -> [String: Value] {
        guard let indent = nextContentLine() else { return [:] }
        if isSequenceEntry(position + indent) { throw Unsure() }
        let map = try mapping(indent: indent, firstKey: nil, depth: 1)
        if nextContentLine() != nil { throw Unsure() }
        return map
    }

    // MARK: - Lines

    /// Skips blank and comment lines; returns the indentation of the next
    /// content line (with `position` at its start), or nil at the end.
    mutating func nextContentLine() -> Int? {
        if peekedAt == position { return peekedIndent }
        while position < count {
            var i = position
            while i < count && base[i] == Self.space { i += 1 }
            if i == count {
                position = count
                return nil
            }
            let byte = base[i]
            if byte == Self.newline {
                position = i + 1
                continue
            }
            if byte == Self.hash {
                position = lineEnd(from: i)
                if position < count { position += 1 }
                continue
            }
            peekedAt = position
            peekedIndent = i - position
            return peekedIndent
        }
        return nil
    }

    /// The offset of the line feed ending the line at `offset` (or `count`).
    func lineEnd(from offset: Int) -> Int {
        guard offset < count, let found = memchr(base + offset, Int32(Self.newline), count - offset) else { return count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Moves to the start of the line after the one holding `offset`.
    mutating func skipLine(from offset: Int) {
        let end = lineEnd(from: offset)
        position = end < count ? end + 1 : count
    }

    /// Whether `offset` is the end of a line or of the text.
    @inline(__always)
    func atLineEnd(_ offset: Int) -> Bool {
        offset >= count || base[offset] == Self.newline
    }

    /// Whether a space, a line feed or the end follows at `offset`.
    @inline(__always)
    func blankOrEnd(_ offset: Int) -> Bool {
        offset >= count || base[offset] == Self.space || base[offset] == Self.newline
    }

    func isSequenceEntry(_ offset: Int) -> Bool {
        offset < count && base[offset] == Self.dash && blankOrEnd(offset + 1)
    }

    /// After a value on a line: only spaces, then the end of the line or a
    /// comment (after at least one space). Returns the line's end.
    func restOfLine(from offset: Int) throws(Unsure) -> Int {
        var i = offset
        while i < count && base[i] == Self.space { i += 1 }
        if atLineEnd(i) { return i }
        guard base[i] == Self.hash, i > offset else { throw Unsure() }
        return lineEnd(from: i)
    }

    // MARK: - Collections

    /// A block mapping whose keys start at column `indent`; the first key may
    /// be on a line already started (`- key: value`), at `firstKey`.
    mutating func mapping(indent: Int, firstKey: Int?, depth: Int) throws(Unsure) -> [String: Value] {
        guard depth <= ValuesFastReader.maxDepth else { throw Unsure() }
        let start = pairKeys.count
        var pending = firstKey
        while true {
            let keyStart: Int
            if let first = pending {
                keyStart = first
                pending = nil
            } else {
                guard let lineIndent = nextContentLine(), lineIndent >= indent else { break }
                guard lineIndent == indent else { throw Unsure() }
                keyStart = position + indent
                if isSequenceEntry(keyStart) { throw Unsure() }
            }
            guard let (key, afterColon) = try key(at: keyStart) else { throw Unsure() }
            let value = try mappingValue(from: afterColon, indent: indent, depth: depth)
            pairKeys.append(key)
            pairValues.append(value)
        }
        let pairs = pairKeys.count - start
        // The last of equal keys wins, as in the full reader.
        var map = [String: Value](minimumCapacity: pairs)
        for index in start..<start + pairs { map[pairKeys[index]] = pairValues[index] }
        pairKeys.removeLast(pairs)
        pairValues.removeLast(pairs)
        return map
    }

    /// A block sequence whose entries (`- `) start at column `indent`.
    mutating func sequence(indent: Int, depth: Int) throws(Unsure) -> [Value] {
        guard depth <= ValuesFastReader.maxDepth else { throw Unsure() }
        var items: [Value] = []
        while let lineIndent = nextContentLine(), lineIndent >= indent {
            guard lineIndent == indent else { throw Unsure() }
            let lineStart = position
            let entry = lineStart + indent
            guard isSequenceEntry(entry) else { break }
            var start = entry + 1
            while start < count && base[start] == Self.space { start += 1 }
            if atLineEnd(start) || base[start] == Self.hash {
                skipLine(from: start)
                items.append(try nestedBlock(parentIndent: indent, indentless: false, depth: depth))
            } else if isSequenceEntry(start) {
                throw Unsure()
            } else if try key(at: start) != nil {
                items.append(.map(try mapping(indent: start - lineStart, firstKey: start, depth: depth + 1)))
            } else {
                items.append(try scalarThenLine(at: start, indent: indent))
            }
        }
        return items
    }

    /// The value after `key:` (at `offset`, just after the colon) of a
    /// mapping whose keys are at column `indent`.
    mutating func mappingValue(from offset: Int, indent: Int, depth: Int) throws(Unsure) -> Value {
        var start = offset
        while start < count && base[start] == Self.space { start += 1 }
        if atLineEnd(start) || base[start] == Self.hash {
            skipLine(from: start)
            return try nestedBlock(parentIndent: indent, indentless: true, depth: depth)
        }
        return try scalarThenLine(at: start, indent: indent)
    }

    /// What follows a key or an entry with nothing after it on its line: a
    /// collection on the lines below (more indented, or for a mapping's
    /// value, a sequence at the key's column), or null.
    mutating func nestedBlock(parentIndent: Int, indentless: Bool, depth: Int) throws(Unsure) -> Value {
        guard let next = nextContentLine() else { return .null }
        let start = position + next
        if next > parentIndent {
            if isSequenceEntry(start) { return .list(try sequence(indent: next, depth: depth + 1)) }
            return .map(try mapping(indent: next, firstKey: nil, depth: depth + 1))
        }
        if indentless && next == parentIndent && isSequenceEntry(start) {
            return .list(try sequence(indent: next, depth: depth + 1))
        }
        return .null
    }

    /// A scalar (or `[]`, `{}`) at `offset` ending its line; the next content
    /// line may not be indented further than `indent` (that would continue it).
    mutating func scalarThenLine(at offset: Int, indent: Int) throws(Unsure) -> Value {
        let (value, end) = try inlineValue(at: offset)
        skipLine(from: end)
        if let next = nextContentLine(), next > indent { throw Unsure() }
        return value
    }
}
