/// A place in a source file: 1-based line, 1-based column (counted in Unicode
/// scalars, as libyaml counts), and the 0-based byte offset when known.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var offset: Int?

    public init(file: String, line: Int, column: Int, offset: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }
}

/// An immutable source text with a lazily built line table, so that byte
/// offsets become line and column only when an error needs them.
public struct SourceFile: Sendable {
    public let name: String
    public let bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// The position of a byte offset: 1-based line, 1-based column in bytes.
    public func position(ofByte offset: Int) -> SourcePosition {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        var i = 0
        while i < end {
            if bytes[i] == UInt8(ascii: "\n") {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return SourcePosition(file: name, line: line, column: end - lineStart + 1, offset: end)
    }

    /// The text of 1-based line `line`, without its newline.
    public func lineText(_ line: Int) -> String {
        var current = 1
        var start = 0
        var i = 0
        while i < bytes.count, current < line {
            if bytes[i] == UInt8(ascii: "\n") {
                current += 1
                start = i + 1
            }
            i += 1
        }
        guard current == line else { return "" }
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
