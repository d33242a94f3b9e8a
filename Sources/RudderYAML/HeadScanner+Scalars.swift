/// Keys, scalars and flow collections for `HeadScanner`: each either
/// matches what libyaml reads from the same bytes or gives up.

/// A mapping key as the scanner found it.
struct ScannedKey {
    enum Style { case plain, singleQuoted, doubleQuoted }
    /// Where the key starts (its quote, for a quoted key).
    var start: Int
    /// Its text, between the quotes for a quoted key.
    var textStart: Int
    var textEnd: Int
    var style: Style
    /// Holds escapes (`\` in double quotes, `''` in single quotes).
    var escaped: Bool

    /// Whether the key reads as a string: quoted, or plain text that
    /// resolves to a string (asked only of the keys of head mappings).
    func isString(in scanner: HeadScanner) -> Bool {
        guard style == .plain else { return true }
        let bytes = UnsafeBufferPointer(start: scanner.base + textStart, count: textEnd - textStart)
        switch ResolvedScalar.classifyPlain(bytes) {
        case .string, .timestamp: return true
        default: return false
        }
    }

    /// Which of `words` the key is, as Go's JSON decoder matches field names:
    /// the index of the word spelled exactly so, nil when it matches none.
    /// Unsure when it might match one ignoring case without being spelled
    /// exactly so: a different ASCII case, or any non-ASCII byte (Unicode
    /// folding, such as the Kelvin sign for K).
    func field(among words: [StaticString], in scanner: HeadScanner) throws(HeadScanner.Unsure) -> Int? {
        if escaped {
            let decoded = Array(string(in: scanner).utf8)
            var index: Int?
            try decoded.withUnsafeBufferPointer { bytes throws(HeadScanner.Unsure) in
                index = try Self.field(bytes, among: words)
            }
            return index
        }
        let bytes = UnsafeBufferPointer(start: scanner.base + textStart, count: textEnd - textStart)
        // Only plain keys of a word's length can be text that is not a string (`null`, `true`).
        let index = try Self.field(bytes, among: words)
        if index != nil && !isString(in: scanner) { return nil }
        return index
    }

    /// `field(among:in:)` over a key's text.
    static func field(_ bytes: UnsafeBufferPointer<UInt8>, among words: [StaticString]) throws(HeadScanner.Unsure) -> Int? {
        for b in bytes where b >= 0x80 { throw HeadScanner.Unsure() }
        for (index, word) in words.enumerated() where word.utf8CodeUnitCount == bytes.count {
            let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            if bytes.elementsEqual(expected) { return index }
            if bytes.elementsEqual(expected, by: { $0 | 0x20 == $1 | 0x20 && ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 == $1 }) {
                throw HeadScanner.Unsure()
            }
        }
        return nil
    }

    /// The key's string.
    func string(in scanner: HeadScanner) -> String {
        let quoted = HeadScanner.Quoted(start: textStart, end: textEnd, escaped: escaped)
        switch style {
        case .plain: return scanner.string(textStart..<textEnd)
        case .singleQuoted: return scanner.decodeSingleQuoted(quoted)
        case .doubleQuoted: return scanner.decodeDoubleQuoted(quoted)
        }
    }
}

extension HeadScanner {
    /// The text between a scalar's quotes.
    struct Quoted {
        var start: Int
        var end: Int
        var escaped: Bool
    }

    /// Longest key libyaml takes as a simple key is 1024 characters; bytes are at least as many.
    static let maxKeyBytes = 1000

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
    }

    @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b >= 0x30 && b <= 0x39
    }

    /// Whether a plain scalar may start at `k` in block context (a subset of
    /// what libyaml allows: no indicators, `-` only before a non-blank).
    /// Letters, digits, non-ASCII bytes and `_./$()+=~^;<\` start one.
    @inline(__always) func isPlainStart(_ k: Int) -> Bool {
        let b = at(k)
        if b >= 0x80 { return true }
        let mask: UInt64 = b < 0x40 ? 0x3BFF_CB10_0000_0000 : 0x47FF_FFFE_D7FF_FFFE
        if mask >> UInt64(b & 0x3F) & 1 != 0 { return true }
        guard b == UInt8(ascii: "-") else { return false }
        let next = at(k + 1)
        return !(next == 0x20 || next == 0x09 || endsLine(k + 1))
    }

    /// The first index from `k` on whose byte is a blank, a line feed or `:`
    /// (the only bytes that end a run of a plain scalar's text), or `count`.
    @inline(__always) func ordinaryRunEnd(from k: Int) -> Int {
        var k = k
        let raw = UnsafeRawPointer(base)
        // Eight bytes at a time: ASCII bytes up to 0x20 (0x21 + 0x5F sets the
        // high bit; no carry between bytes) and colons, found exactly.
        while k &+ 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            let ascii = word & HeadCharacters.low7
            let blanks = ~(ascii &+ 0x5F5F_5F5F_5F5F_5F5F) & ~word & HeadCharacters.high
            let stops = blanks | HeadCharacters.zeroBytes(word ^ 0x3A3A_3A3A_3A3A_3A3A)
            if stops != 0 { return k &+ stops.trailingZeroBitCount >> 3 }
            k &+= 8
        }
        while k < count {
            let b = base[k]
            // No other byte below 0x20 passed `HeadCharacters.areSimple`.
            if b <= 0x20 || b == UInt8(ascii: ":") { break }
            k += 1
        }
        return k
    }

    /// The first index from `k` on whose byte is not a space, or `count`.
    @inline(__always) func spaceRunEnd(from k: Int) -> Int {
        var k = k
        let raw = UnsafeRawPointer(base)
        while k &+ 8 <= count {
            let others = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self) ^ 0x2020_2020_2020_2020
            if others != 0 { return k &+ others.trailingZeroBitCount >> 3 }
            k &+= 8
        }
        while k < count, base[k] == 0x20 { k += 1 }
        return k
    }

    // MARK: - Keys

    /// Whether a plain scalar's text is one of the words that resolve to
    /// null (`~`, `null`, `Null`, `NULL`; the text is never empty here).
    @inline(__always) static func isNullWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return true }
        if bytes.count == 1 { return first == UInt8(ascii: "~") }
        guard bytes.count == 4, first == UInt8(ascii: "n") || first == UInt8(ascii: "N") else { return false }
        let rest = (bytes[1], bytes[2], bytes[3])
        return rest == (UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l"))
            || first == UInt8(ascii: "N") && rest == (UInt8(ascii: "U"), UInt8(ascii: "L"), UInt8(ascii: "L"))
    }

    /// A block mapping key at the cursor, `key:` followed by a space or the
    /// line's end; the cursor moves past the `:`. Nil (cursor unmoved) when
    /// the line holds no key here.
    mutating func key() throws(Unsure) -> ScannedKey? {
        let start = i
        switch at(i) {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let double = at(i) == UInt8(ascii: "\"")
            let quoted = double ? try doubleQuoted() : try singleQuoted()
            guard at(i) == UInt8(ascii: ":"), at(i + 1) == 0x20 || endsLine(i + 1) else {
                i = start
                return nil
            }
            if i - start > Self.maxKeyBytes { throw Unsure() }
            i += 1
            return ScannedKey(start: start, textStart: quoted.start, textEnd: quoted.end,
                              style: double ? .doubleQuoted : .singleQuoted, escaped: quoted.escaped)
        default:
            guard isPlainStart(i) else { return nil }
            var k = i
            while true {
                k = ordinaryRunEnd(from: k)
                let b = at(k)
                if b == UInt8(ascii: ":") && (at(k + 1) == 0x20 || endsLine(k + 1)) { break }
                if endsLine(k) { return nil }
                if b == 0x20 && at(k + 1) == UInt8(ascii: "#") { return nil }
                if b == 0x09 { throw Unsure() }
                k += 1
            }
            if base[k - 1] == 0x20 || k - start > Self.maxKeyBytes { throw Unsure() }
            let bytes = UnsafeBufferPointer(start: base + start, count: k - start)
            if bytes.count == 2 && bytes[0] == UInt8(ascii: "<") && bytes[1] == UInt8(ascii: "<") { throw Unsure() }
            // A null key (`~`, `null`) is the full reader's to judge.
            if Self.isNullWord(bytes) { throw Unsure() }
            i = k + 1
            return ScannedKey(start: start, textStart: start, textEnd: k, style: .plain, escaped: false)
        }
    }

    // MARK: - Scalars

    /// A one-line plain scalar in block context; returns its text (trailing
    /// spaces left out) and leaves the cursor at what follows (spaces, a
    /// comment or the line's end).
    mutating func plainValue() throws(Unsure) -> Range<Int> {
        let start = i
        var end = i
        while true {
            let runStart = i
            i = ordinaryRunEnd(from: i)
            if i > runStart { end = i }
            let b = at(i)
            if endsLine(i) { break }
            if b == 0x20 {
                var k = i
                while at(k) == 0x20 { k += 1 }
                if at(k) == UInt8(ascii: "#") || endsLine(k) { break }
                i = k
                continue
            }
            if b == 0x09 { throw Unsure() }
            if b == UInt8(ascii: ":") && (at(i + 1) == 0x20 || endsLine(i + 1)) { throw Unsure() }
            i += 1
            end = i
        }
        return start..<end
    }

    /// What a plain scalar resolves to; its text in `text` when it is a
    /// string and `wantText`. NaN and infinities fail the full reader (JSON
    /// has no such numbers): unsure.
    mutating func resolvePlain(_ range: Range<Int>, wantText: Bool) throws(Unsure) -> Found {
        let bytes = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
        if !wantText && !Self.mayBeNonFinite(bytes) { return .otherScalar }
        switch ResolvedScalar.classifyPlain(bytes) {
        case .string, .timestamp:
            if wantText { text = String(decoding: bytes, as: UTF8.self) }
            return .text
        case .null:
            return .null
        case .float(let d):
            if !d.isFinite { throw Unsure() }
            return .otherScalar
        default:
            return .otherScalar
        }
    }

    /// Whether a plain scalar may resolve to NaN or an infinity. Only
    /// yaml.v2's words do (`.nan`, `.inf`, `+.Inf`, `-.INF`…: at most five
    /// bytes, starting with `.`, `+` or `-`); any other float is Go's
    /// `ParseFloat` of decimal text, which is finite or refused (ErrRange).
    @inline(__always) static func mayBeNonFinite(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= 5, let first = bytes.first else { return false }
        return first == UInt8(ascii: ".") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
    }

    /// A one-line double-quoted scalar at the cursor; the cursor moves past
    /// its closing quote. Escapes are checked as libyaml checks them.
    mutating func doubleQuoted() throws(Unsure) -> Quoted {
        let start = i + 1
        var k = start
        var escaped = false
        while true {
            let b = at(k)
            if b == UInt8(ascii: "\"") { break }
            if endsLine(k) || b == 0x09 { throw Unsure() }
            guard b == UInt8(ascii: "\\") else {
                k += 1
                continue
            }
            escaped = true
            switch at(k + 1) {
            case UInt8(ascii: "0"), UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "n"),
                 UInt8(ascii: "v"), UInt8(ascii: "f"), UInt8(ascii: "r"), UInt8(ascii: "e"), 0x20,
                 UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "N"), UInt8(ascii: "_"),
                 UInt8(ascii: "L"), UInt8(ascii: "P"):
                k += 2
            case UInt8(ascii: "x"):
                _ = try hexCode(at: k + 2, digits: 2)
                k += 4
            case UInt8(ascii: "u"):
                _ = try hexCode(at: k + 2, digits: 4)
                k += 6
            case UInt8(ascii: "U"):
                _ = try hexCode(at: k + 2, digits: 8)
                k += 10
            default:
                throw Unsure()
            }
        }
        i = k + 1
        return Quoted(start: start, end: k, escaped: escaped)
    }

    /// The code point written as `digits` hex digits at `k`; unsure unless
    /// libyaml accepts it (no surrogates, nothing past U+10FFFF).
    func hexCode(at k: Int, digits: Int) throws(Unsure) -> UInt32 {
        var value: UInt32 = 0
        for d in 0..<digits {
            let b = at(k + d)
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw Unsure()
            }
            value = value << 4 | UInt32(digit)
        }
        if (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF { throw Unsure() }
        return value
    }

    /// A one-line single-quoted scalar at the cursor; the cursor moves past its closing quote.
    mutating func singleQuoted() throws(Unsure) -> Quoted {
        let start = i + 1
        var k = start
        var escaped = false
        while true {
            let b = at(k)
            if endsLine(k) || b == 0x09 { throw Unsure() }
            if b == UInt8(ascii: "'") {
                if at(k + 1) != UInt8(ascii: "'") { break }
                escaped = true
                k += 2
                continue
            }
            k += 1
        }
        i = k + 1
        return Quoted(start: start, end: k, escaped: escaped)
    }

    func decodeSingleQuoted(_ quoted: Quoted) -> String {
        guard quoted.escaped else { return string(quoted.start..<quoted.end) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(quoted.end - quoted.start)
        var k = quoted.start
        while k < quoted.end {
            bytes.append(base[k])
            k += base[k] == UInt8(ascii: "'") ? 2 : 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text of a double-quoted scalar that `doubleQuoted` accepted.
    func decodeDoubleQuoted(_ quoted: Quoted) -> String {
        guard quoted.escaped else { return string(quoted.start..<quoted.end) }
        var scalars = String.UnicodeScalarView()
        var bytes: [UInt8] = []
        var k = quoted.start
        func flush() {
            guard !bytes.isEmpty else { return }
            scalars.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars)
            bytes.removeAll(keepingCapacity: true)
        }
        while k < quoted.end {
            let b = base[k]
            guard b == UInt8(ascii: "\\") else {
                bytes.append(b)
                k += 1
                continue
            }
            let e = base[k + 1]
            var code: UInt32
            var width = 2
            switch e {
            case UInt8(ascii: "0"): code = 0
            case UInt8(ascii: "a"): code = 7
            case UInt8(ascii: "b"): code = 8
            case UInt8(ascii: "t"): code = 9
            case UInt8(ascii: "n"): code = 10
            case UInt8(ascii: "v"): code = 11
            case UInt8(ascii: "f"): code = 12
            case UInt8(ascii: "r"): code = 13
            case UInt8(ascii: "e"): code = 0x1B
            case UInt8(ascii: "N"): code = 0x85
            case UInt8(ascii: "_"): code = 0xA0
            case UInt8(ascii: "L"): code = 0x2028
            case UInt8(ascii: "P"): code = 0x2029
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let digits = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
                code = (try? hexCode(at: k + 2, digits: digits)) ?? 0xFFFD
                width = 2 + digits
            default: code = UInt32(e)
            }
            flush()
            scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            k += width
        }
        flush()
        return String(scalars)
    }

    // MARK: - Block scalars

    /// A literal or folded block scalar whose header is at the cursor, in a
    /// collection at column `p`; ends at the next content line after it.
    mutating func blockScalar(parentIndent p: Int) throws(Unsure) {
        i += 1
        if at(i) == UInt8(ascii: "-") || at(i) == UInt8(ascii: "+") { i += 1 }
        let headerEnd = i
        while at(i) == 0x20 { i += 1 }
        if at(i) == UInt8(ascii: "#") {
            if i == headerEnd { throw Unsure() }
            i = lineEnd(from: i)
        }
        guard endsLine(i) else { throw Unsure() }
        if i >= count {
            column = -1
            return
        }
        i += 1
        // Leading empty lines, then the first content line sets the indentation.
        var longestEmpty = 0
        var indent = 0
        while true {
            var k = i
            while at(k) == 0x20 { k += 1 }
            if at(k) == 0x09 { throw Unsure() }
            if k >= count {
                i = k
                column = -1
                return
            }
            if base[k] == 0x0A {
                longestEmpty = max(longestEmpty, k - i)
                i = k + 1
                continue
            }
            indent = k - i
            if indent <= p || indent < longestEmpty { throw Unsure() }
            break
        }
        // Content lines: at least `indent` spaces, then anything; empty lines.
        while true {
            i = lineEnd(from: i)
            if i >= count {
                column = -1
                return
            }
            i += 1
            var k = i
            while k - i < indent && at(k) == 0x20 { k += 1 }
            if k - i == indent { continue }
            switch at(k) {
            case 0x09: throw Unsure()
            case 0x0A: continue
            default:
                if k >= count {
                    i = k
                    column = -1
                    return
                }
                try nextContent()
                return
            }
        }
    }
}
