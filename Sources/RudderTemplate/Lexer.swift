import RudderCore
/// A pull lexer for Go's text/template syntax with the default `{{ }}`
/// delimiters. `next()` returns one token at a time; trim markers (`{{- ` and
/// ` -}}`) are handled entirely here, so the parser never sees them.
///
/// The small helpers that read the input are always inlined: called from a
/// mutating method, a non-inlined one would get a copy of the whole lexer.
struct Lexer {
    let input: [UInt8]
    private(set) var position = 0
    private var start = 0
    private var line = 1
    private var startLine = 1
    private var insideAction = false
    private var parenthesisDepth = 0
    /// Tokens lexed but not yet returned: `queuedCount` of them in `first`,
    /// `second`, then `overflow` (one lexing step emits at most two, so it
    /// stays empty); `nextQueued` is the next to return.
    private var first = Token(kind: .eof, offset: 0, line: 1)
    private var second = Token(kind: .eof, offset: 0, line: 1)
    private var overflow: [Token] = []
    private var queuedCount = 0
    private var nextQueued = 0
    private var finished = false
    /// The message of the `.error` token that ended the input (at most one).
    private(set) var errorMessage = ""
    /// Whether `break`/`continue` are keywords (always in Go 1.25 inside range; the parser checks).
    let breakAndContinueAreKeywords = true

    init(text: String) {
        self.input = Array(text.utf8)
    }

    init(bytes: [UInt8]) {
        self.input = bytes
    }

    static let leftDelimiter: [UInt8] = Array("{{".utf8)
    static let rightDelimiter: [UInt8] = Array("}}".utf8)

    // MARK: - Public pull interface

    mutating func next() -> Token {
        while true {
            if nextQueued < queuedCount {
                let index = nextQueued
                nextQueued += 1
                if nextQueued == queuedCount && queuedCount <= 2 {
                    nextQueued = 0
                    queuedCount = 0
                }
                switch index {
                case 0: return first
                case 1: return second
                default:
                    let token = overflow[index - 2]
                    if nextQueued == queuedCount {
                        nextQueued = 0
                        queuedCount = 0
                        overflow.removeAll(keepingCapacity: true)
                    }
                    return token
                }
            }
            if finished { return Token(kind: .eof, offset: input.count, line: line, end: input.count) }
            if insideAction { lexInsideAction() } else { lexText() }
        }
    }

    // MARK: - Helpers

    @inline(__always)
    private func byte(at index: Int) -> UInt8? { index < input.count ? input[index] : nil }

    /// Whether `}}` starts at `index`.
    @inline(__always)
    private func hasRightDelimiter(at index: Int) -> Bool {
        index >= 0 && index + 1 < input.count && input[index] == 0x7D && input[index + 1] == 0x7D
    }

    @inline(__always)
    static func isSpace(_ b: UInt8?) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A
    }

    private func text(_ from: Int, _ to: Int) -> String {
        String(decoding: input[from..<to], as: UTF8.self)
    }

    private mutating func emit(_ kind: TokenKind) {
        enqueue(Token(kind: kind, offset: start, line: startLine, end: position))
        switch kind {
        case .text, .space, .rawString:
            advanceStart()
        default:
            // No other token can hold a newline (quoted strings and character
            // constants end at one with an error).
            start = position
        }
    }

    private mutating func enqueue(_ token: Token) {
        switch queuedCount {
        case 0: first = token
        case 1: second = token
        default: overflow.append(token)
        }
        queuedCount += 1
    }

    private mutating func advanceStart() {
        if position - start > 16 {
            line += Lexer.newlineCount(input, from: start, to: position)
        } else {
            // Most tokens are short: count without a memchr call.
            var index = start
            let end = min(position, input.count)
            while index < end {
                if input[index] == 0x0A { line += 1 }
                index += 1
            }
        }
        start = position
        startLine = line
    }

    private mutating func ignore() { advanceStart() }

    private mutating func fail(_ message: String) {
        errorMessage = message
        enqueue(Token(kind: .error, offset: start, line: startLine, end: position))
        finished = true
    }

    /// Decodes the scalar at `position` (or nil at the end), with its byte length.
    @inline(__always)
    private func scalar(at index: Int) -> (Unicode.Scalar, Int)? {
        guard index < input.count else { return nil }
        let b0 = input[index]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        var length = 0
        var value: UInt32 = 0
        if b0 & 0xE0 == 0xC0 { length = 2; value = UInt32(b0 & 0x1F) }
        else if b0 & 0xF0 == 0xE0 { length = 3; value = UInt32(b0 & 0x0F) }
        else if b0 & 0xF8 == 0xF0 { length = 4; value = UInt32(b0 & 0x07) }
        else { return (Unicode.Scalar("\u{FFFD}"), 1) }
        guard index + length <= input.count else { return (Unicode.Scalar("\u{FFFD}"), 1) }
        for i in 1..<length {
            let b = input[index + i]
            guard b & 0xC0 == 0x80 else { return (Unicode.Scalar("\u{FFFD}"), 1) }
            value = value << 6 | UInt32(b & 0x3F)
        }
        return (Unicode.Scalar(value) ?? Unicode.Scalar("\u{FFFD}"), length)
    }

    static func isAlphaNumeric(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 {
            let b = UInt8(s.value)
            return b == 0x5F || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
        }
        return s.properties.isAlphabetic || s.properties.numericType == .decimal
    }

    @inline(__always)
    private func hasLeftTrimMarker(at index: Int) -> Bool {
        byte(at: index) == 0x2D && Lexer.isSpace(byte(at: index + 1))
    }

    @inline(__always)
    private func hasRightTrimMarker(at index: Int) -> Bool {
        Lexer.isSpace(byte(at: index)) && byte(at: index + 1) == 0x2D
    }

    /// Whether a right delimiter (optionally trim-marked) starts at `position`.
    @inline(__always)
    private func atRightDelimiter() -> (delimiter: Bool, trim: Bool) {
        if hasRightTrimMarker(at: position) && hasRightDelimiter(at: position + 2) {
            return (true, true)
        }
        if hasRightDelimiter(at: position) { return (true, false) }
        return (false, false)
    }

    @inline(__always)
    private func leadingSpaceLength(from index: Int) -> Int {
        var i = index
        while i < input.count && Lexer.isSpace(input[i]) { i += 1 }
        return i - index
    }

    // MARK: - States

    /// Text up to the next left delimiter.
    private mutating func lexText() {
        let found = Lexer.leftDelimiterOffset(input, from: position)
        if found < 0 {
            position = input.count
            if position > start { emit(.text) }
            finished = true
            return
        }
        position = found
        var trimmedEnd = found
        if hasLeftTrimMarker(at: found + 2) {
            while trimmedEnd > start && Lexer.isSpace(input[trimmedEnd - 1]) { trimmedEnd -= 1 }
        }
        if trimmedEnd > start {
            position = trimmedEnd
            emit(.text)
        }
        position = found
        ignore()
        lexLeftDelimiter()
    }

    private mutating func lexLeftDelimiter() {
        position += 2
        let trim = hasLeftTrimMarker(at: position)
        let afterMarker = trim ? 2 : 0
        if byte(at: position + afterMarker) == 0x2F && byte(at: position + afterMarker + 1) == 0x2A {
            position += afterMarker
            ignore()
            lexComment()
            return
        }
        emit(.leftDelimiter)
        position += afterMarker
        ignore()
        insideAction = true
        parenthesisDepth = 0
    }

    private mutating func lexComment() {
        position += 2
        var i = position
        var end = -1
        while i + 1 < input.count {
            if input[i] == 0x2A && input[i + 1] == 0x2F { end = i; break }
            i += 1
        }
        if end < 0 { fail("unclosed comment"); return }
        position = end + 2
        let (delimiter, trim) = atRightDelimiter()
        if !delimiter { fail("comment ends before closing delimiter"); return }
        if trim { position += 2 }
        position += 2
        if trim { position += leadingSpaceLength(from: position) }
        ignore()
    }

    private mutating func lexRightDelimiter() {
        let (_, trim) = atRightDelimiter()
        if trim {
            position += 2
            ignore()
        }
        position += 2
        emit(.rightDelimiter)
        if trim {
            position += leadingSpaceLength(from: position)
            ignore()
        }
        insideAction = false
    }

    private mutating func lexInsideAction() {
        let (delimiter, _) = atRightDelimiter()
        if delimiter {
            if parenthesisDepth == 0 { lexRightDelimiter() } else { fail("unclosed left paren") }
            return
        }
        guard let (scalar, width) = scalar(at: position) else { fail("unclosed action"); return }
        let b = scalar.value < 0x80 ? UInt8(scalar.value) : 0
        switch b {
        case 0x20, 0x09, 0x0D, 0x0A:
            lexSpace()
        case UInt8(ascii: "="):
            position += 1; emit(.assign)
        case UInt8(ascii: ":"):
            position += 1
            if byte(at: position) != UInt8(ascii: "=") { fail("expected :="); return }
            position += 1; emit(.declare)
        case UInt8(ascii: "|"):
            position += 1; emit(.pipe)
        case UInt8(ascii: "\""):
            lexQuote()
        case UInt8(ascii: "`"):
            lexRawQuote()
        case UInt8(ascii: "$"):
            position += 1
            lexFieldOrVariable(.variable)
        case UInt8(ascii: "'"):
            lexChar()
        case UInt8(ascii: "."):
            if let next = byte(at: position + 1), next < 0x30 || next > 0x39 {
                position += 1
                lexFieldOrVariable(.field)
            } else if byte(at: position + 1) == nil {
                position += 1
                lexFieldOrVariable(.field)
            } else {
                lexNumber()
            }
        case UInt8(ascii: "+"), UInt8(ascii: "-"), 0x30...0x39:
            lexNumber()
        case UInt8(ascii: "("):
            position += 1; emit(.leftParenthesis); parenthesisDepth += 1
        case UInt8(ascii: ")"):
            position += 1
            parenthesisDepth -= 1
            if parenthesisDepth < 0 { fail("unexpected right paren"); return }
            emit(.rightParenthesis)
        default:
            if Lexer.isAlphaNumeric(scalar) {
                lexIdentifier()
            } else if scalar.value < 0x80 && scalar.value >= 0x20 && scalar.value < 0x7F {
                position += width; emit(.char)
            } else {
                position += width
                fail("unrecognized character in action: \(GoQuote.unicodeForm(scalar))")
            }
        }
    }

    private mutating func lexSpace() {
        var count = 0
        while Lexer.isSpace(byte(at: position)) { position += 1; count += 1 }
        // A trim-marked right delimiter: " -}}" where the space is the last one.
        if hasRightTrimMarker(at: position - 1) && hasRightDelimiter(at: position + 1) {
            position -= 1
            if count == 1 {
                lexRightDelimiter()
                return
            }
        }
        emit(.space)
    }

    @inline(__always)
    private func atTerminator() -> Bool {
        guard let b = byte(at: position) else { return true }
        if Lexer.isSpace(b) { return true }
        switch b {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: ":"),
            UInt8(ascii: ")"), UInt8(ascii: "("):
            return true
        default:
            return hasRightDelimiter(at: position)
        }
    }

    private mutating func absorbAlphaNumerics() {
        // ASCII letters, digits and '_' scanned over the raw buffer; other scalars decoded.
        var index = Lexer.asciiWordEnd(input, from: position)
        let count = input.count
        while index < count {
            let b = input[index]
            if b < 0x80 {
                guard Lexer.isASCIIWordByte(b) else { break }
                index += 1
                continue
            }
            guard let (s, w) = scalar(at: index), Lexer.isAlphaNumeric(s) else { break }
            index += w
        }
        position = index
    }

    /// An ASCII letter, digit or '_'.
    @inline(__always)
    static func isASCIIWordByte(_ b: UInt8) -> Bool {
        b == 0x5F || (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
    }

    /// The end of the run of ASCII letters, digits and '_' from `from` on.
    static func asciiWordEnd(_ bytes: [UInt8], from: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer -> Int in
            var index = max(from, 0)
            while index < buffer.count && isASCIIWordByte(buffer[index]) { index += 1 }
            return index
        }
    }

    private mutating func badCharacterAtPosition() {
        let s = scalar(at: position)?.0 ?? Unicode.Scalar("\u{FFFD}")
        if let (_, w) = scalar(at: position) { position += w }
        fail("bad character \(GoQuote.unicodeForm(s))")
    }

    private mutating func lexIdentifier() {
        absorbAlphaNumerics()
        if !atTerminator() { badCharacterAtPosition(); return }
        if let keyword = keyword(start, position) {
            emit(keyword)
        } else if matches("true", start, position) || matches("false", start, position) {
            emit(.bool)
        } else {
            emit(.identifier)
        }
    }

    /// Whether the input bytes `from..<to` spell `word`.
    @inline(__always)
    private func matches(_ word: StaticString, _ from: Int, _ to: Int) -> Bool {
        guard to - from == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { buffer in
            var i = 0
            while i < buffer.count {
                if input[from + i] != buffer[i] { return false }
                i += 1
            }
            return true
        }
    }

    /// The keyword spelled by the input bytes `from..<to` (Go's `key` table), without making a String.
    @inline(__always)
    private func keyword(_ from: Int, _ to: Int) -> TokenKind? {
        switch to - from {
        case 2: return matches("if", from, to) ? .keywordIf : nil
        case 3:
            if matches("end", from, to) { return .keywordEnd }
            return matches("nil", from, to) ? .keywordNil : nil
        case 4:
            if matches("else", from, to) { return .keywordElse }
            return matches("with", from, to) ? .keywordWith : nil
        case 5:
            if matches("range", from, to) { return .keywordRange }
            if matches("block", from, to) { return .keywordBlock }
            return matches("break", from, to) ? .keywordBreak : nil
        case 6: return matches("define", from, to) ? .keywordDefine : nil
        case 8:
            if matches("template", from, to) { return .keywordTemplate }
            return matches("continue", from, to) ? .keywordContinue : nil
        default: return nil
        }
    }

    private mutating func lexFieldOrVariable(_ kind: TokenKind) {
        if atTerminator() {
            emit(kind == .variable ? .variable : .dot)
            return
        }
        absorbAlphaNumerics()
        if !atTerminator() { badCharacterAtPosition(); return }
        emit(kind)
    }

    private mutating func lexChar() {
        position += 1
        while true {
            guard let b = byte(at: position) else { fail("unterminated character constant"); return }
            position += 1
            if b == UInt8(ascii: "\\") {
                guard let n = byte(at: position), n != 0x0A else { fail("unterminated character constant"); return }
                position += 1
            } else if b == 0x0A {
                fail("unterminated character constant"); return
            } else if b == UInt8(ascii: "'") {
                break
            }
        }
        emit(.charConstant)
    }

    private mutating func lexQuote() {
        position += 1
        while true {
            guard let b = byte(at: position) else { fail("unterminated quoted string"); return }
            position += 1
            if b == UInt8(ascii: "\\") {
                guard let n = byte(at: position), n != 0x0A else { fail("unterminated quoted string"); return }
                position += 1
            } else if b == 0x0A {
                fail("unterminated quoted string"); return
            } else if b == UInt8(ascii: "\"") {
                break
            }
        }
        emit(.string)
    }

    private mutating func lexRawQuote() {
        position += 1
        while true {
            guard let b = byte(at: position) else { fail("unterminated raw quoted string"); return }
            position += 1
            if b == UInt8(ascii: "`") { break }
        }
        emit(.rawString)
    }

    private mutating func accept(_ set: String) -> Bool {
        if let b = byte(at: position), set.utf8.contains(b) {
            position += 1
            return true
        }
        return false
    }

    private mutating func acceptRun(_ set: String) {
        while let b = byte(at: position), set.utf8.contains(b) { position += 1 }
    }

    private mutating func scanNumber() -> Bool {
        _ = accept("+-")
        var digits = "0123456789_"
        if accept("0") {
            if accept("xX") { digits = "0123456789abcdefABCDEF_" }
            else if accept("oO") { digits = "01234567_" }
            else if accept("bB") { digits = "01_" }
        }
        acceptRun(digits)
        if accept(".") { acceptRun(digits) }
        if digits.utf8.count == 11 && accept("eE") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        if digits.utf8.count == 23 && accept("pP") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        _ = accept("i")
        if let (s, w) = scalar(at: position), Lexer.isAlphaNumeric(s) {
            position += w
            return false
        }
        return true
    }

    private mutating func lexNumber() {
        if !scanNumber() {
            fail("bad number syntax: \(GoQuote.quote(text(start, position)))")
            return
        }
        if let sign = byte(at: position), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            // Complex numbers (1+2i) are not supported by Helm's values; Go lexes them.
            if !scanNumber() || byte(at: position - 1) != UInt8(ascii: "i") {
                fail("bad number syntax: \(GoQuote.quote(text(start, position)))")
                return
            }
            emit(.number)
            return
        }
        emit(.number)
    }
}
