/// A regular expression with Go's `regexp` syntax and semantics (RE2):
/// leftmost-first matching over UTF-8 runes, byte offsets, linear time.
///
///     let regex = try GoRegex(#"(\w+)@(\w+)\.com"#)
///     regex.replaceAll("bob@example.com", with: "$2") // "example"
///
/// Named `GoRegex` so as not to clash with the standard library's `Regex`.
public struct GoRegex: Sendable {
    /// The source pattern.
    public let pattern: String
    let program: Program
    /// Capture group names by index; index 0 (the whole match) and unnamed
    /// groups have nil (Go's `SubexpNames`, with "" as nil).
    public let captureNames: [String?]
    /// The engine to run; tests force each one.
    var engine: EnginePreference = .automatic

    /// Compiles `pattern` as Go's `regexp.Compile` does.
    /// - Throws: `RegexError`, whose `description` is Go's error text.
    public init(_ pattern: String) throws(RegexError) {
        var parser = RegexParser(pattern)
        let tree = try parser.parse()
        self.pattern = pattern
        self.captureNames = parser.captureNames
        self.program = Compiler.compile(tree, captureCount: parser.captureCount)
    }

    /// Number of capture groups (Go's `NumSubexp`).
    public var captureGroupCount: Int { captureNames.count - 1 }

    /// Whether `s` contains a match (Go's `MatchString`).
    public func matches(_ s: String) -> Bool {
        withBytes(s) { text in
            var machine = Matcher(program: program, slotCount: 0, length: text.count, preference: engine)
            return machine.execute(text, from: 0) != nil
        }
    }

    /// The leftmost match, or nil (Go's `FindString`, which returns "" for no match).
    public func firstMatch(_ s: String) -> String? {
        withBytes(s) { text in
            var machine = Matcher(program: program, slotCount: 2, length: text.count, preference: engine)
            guard let slots = machine.execute(text, from: 0) else { return nil }
            return Self.substring(text, slots[0], slots[1])
        }
    }

    /// Byte ranges of the leftmost match and its groups (nil for groups that
    /// did not participate), or nil (Go's `FindStringSubmatchIndex`).
    public func firstMatchRanges(_ s: String) -> [Range<Int>?]? {
        withBytes(s) { text in
            var machine = Matcher(program: program, slotCount: program.slotCount, length: text.count, preference: engine)
            guard let slots = machine.execute(text, from: 0) else { return nil }
            return Self.ranges(slots)
        }
    }

    /// The leftmost match and its groups; nil entries for groups that did not
    /// participate; empty when there is no match (Go's `FindStringSubmatch`).
    public func submatches(_ s: String) -> [String?] {
        withBytes(s) { text in
            var machine = Matcher(program: program, slotCount: program.slotCount, length: text.count, preference: engine)
            guard let slots = machine.execute(text, from: 0) else { return [] }
            return Self.ranges(slots).map { range in
                range.map { Self.substring(text, $0.lowerBound, $0.upperBound) }
            }
        }
    }

    /// Up to `limit` successive non-overlapping matches, all of them when
    /// `limit` < 0 (Go's `FindAllString`). Go returns nil rather than an empty
    /// list when there is none; see `allMatchesOrNil`.
    public func allMatches(_ s: String, limit: Int) -> [String] {
        allMatchesOrNil(s, limit: limit) ?? []
    }

    /// `allMatches`, but nil where Go returns a nil slice (no match, or
    /// `limit` == 0): Sprig's `regexFindAll | toJson` prints `null` then.
    public func allMatchesOrNil(_ s: String, limit: Int) -> [String]? {
        withBytes(s) { text in
            var result: [String] = []
            forEachMatch(text, limit: limit, slotCount: 2) { slots in
                result.append(Self.substring(text, slots[0], slots[1]))
            }
            return result.isEmpty ? nil : result
        }
    }

    /// Byte ranges of up to `limit` successive matches (Go's `FindAllStringIndex`).
    public func allMatchRanges(_ s: String, limit: Int) -> [Range<Int>] {
        withBytes(s) { text in
            var result: [Range<Int>] = []
            forEachMatch(text, limit: limit, slotCount: 2) { slots in
                result.append(slots[0]..<slots[1])
            }
            return result
        }
    }

    /// Go's `QuoteMeta`: escapes every byte of `\.+*?()|[]{}^$`.
    public static func quoteMeta(_ s: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        for byte in s.utf8 {
            if Self.metaCharacters.contains(byte) { bytes.append(UInt8(ascii: "\\")) }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static let metaCharacters: Set<UInt8> = Set(#"\.+*?()|[]{}^$"#.utf8)

    // Internals shared with the replacement and split code.

    func withBytes<Result>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var copy = s
        return copy.withUTF8 { body($0) }
    }

    static func substring(_ text: UnsafeBufferPointer<UInt8>, _ lower: Int, _ upper: Int) -> String {
        guard lower >= 0, lower <= upper, upper <= text.count else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: text[lower..<upper]), as: UTF8.self)
    }

    static func ranges(_ slots: [Int]) -> [Range<Int>?] {
        stride(from: 0, to: slots.count - 1, by: 2).map { index in
            let lower = slots[index], upper = slots[index + 1]
            return lower >= 0 && upper >= lower ? lower..<upper : nil
        }
    }

    /// Go's allMatches: successive matches, where an empty match right after
    /// the previous match is skipped and the search then moves on one rune.
    func forEachMatch(
        _ text: UnsafeBufferPointer<UInt8>, limit: Int, slotCount: Int, _ deliver: ([Int]) -> Void
    ) {
        let end = text.count
        let limit = limit < 0 ? end + 1 : limit
        var machine = Matcher(program: program, slotCount: slotCount, length: text.count, preference: engine)
        var position = 0
        var delivered = 0
        var previousMatchEnd = -1
        while delivered < limit && position <= end {
            guard let slots = machine.execute(text, from: position) else { break }
            var accept = true
            if slots[1] == position {
                // An empty match: not allowed right after the previous match.
                if slots[0] == previousMatchEnd { accept = false }
                let (_, width) = PikeVM.step(text, position)
                position += width > 0 ? width : end + 1
            } else {
                position = slots[1]
            }
            previousMatchEnd = slots[1]
            if accept {
                deliver(slots)
                delivered += 1
            }
        }
    }
}
