import RudderCore
import RudderTemplate

/// String helpers with Go's byte-oriented semantics (Go strings are bytes;
/// slicing in the middle of a character yields U+FFFD here).
enum Text {
    static func fromBytes<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(decoding: Array(bytes), as: UTF8.self)
    }

    /// `unicode.IsSpace`.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
    }

    /// `unicode.ToUpper` / `ToLower` / `ToTitle`: simple one-to-one mappings only.
    static func upper(_ scalar: Unicode.Scalar) -> Unicode.Scalar { single(scalar.properties.uppercaseMapping) ?? scalar }
    static func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar { single(scalar.properties.lowercaseMapping) ?? scalar }
    static func titleCase(_ scalar: Unicode.Scalar) -> Unicode.Scalar { single(scalar.properties.titlecaseMapping) ?? scalar }
    private static func single(_ mapping: String) -> Unicode.Scalar? {
        let scalars = mapping.unicodeScalars
        return scalars.count == 1 ? scalars.first : nil
    }

    static func mapScalars(_ text: String, _ transform: (Unicode.Scalar) -> Unicode.Scalar) -> String {
        var view = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { view.append(transform(scalar)) }
        return String(view)
    }

    /// `strings.Title`: upper-cases the first letter of each word.
    static func title(_ text: String) -> String {
        var previous: Unicode.Scalar = " "
        return mapScalars(text) { scalar in
            defer { previous = scalar }
            return isTitleSeparator(previous) ? titleCase(scalar) : scalar
        }
    }

    private static func isTitleSeparator(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value <= 0x7F {
            switch scalar {
            case "0"..."9", "a"..."z", "A"..."Z", "_": return false
            default: return true
            }
        }
        if isLetterOrDigit(scalar) { return false }
        return isSpace(scalar)
    }

    /// goutils `Uncapitalize`: lower-cases the first letter of each space-separated word.
    static func untitle(_ text: String) -> String {
        var next = true
        return mapScalars(text) { scalar in
            if isSpace(scalar) { next = true; return scalar }
            if next { next = false; return lower(scalar) }
            return scalar
        }
    }

    /// goutils `SwapCase`.
    static func swapCase(_ text: String) -> String {
        var whitespace = true
        return mapScalars(text) { scalar in
            let properties = scalar.properties
            if properties.isUppercase || properties.generalCategory == .titlecaseLetter {
                whitespace = false
                return lower(scalar)
            }
            if properties.isLowercase {
                defer { whitespace = false }
                return whitespace ? titleCase(scalar) : upper(scalar)
            }
            whitespace = isSpace(scalar)
            return scalar
        }
    }

    /// goutils `Initials` (byte by byte, as it is written).
    static func initials(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasGap = true
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if isSpace(scalar) {
                lastWasGap = true
            } else if lastWasGap {
                out.append(scalar)
                lastWasGap = false
            }
        }
        return String(out)
    }

    /// goutils `DeleteWhiteSpace`, byte by byte as it is written: when any byte is
    /// white space (Latin-1 reading), the other bytes come back as Latin-1 characters.
    static func deleteWhiteSpace(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { isSpace(Unicode.Scalar($0)) }) else { return text }
        var out = String.UnicodeScalarView()
        for byte in bytes where !isSpace(Unicode.Scalar(byte)) { out.append(Unicode.Scalar(byte)) }
        return String(out)
    }

    /// `strings.TrimSpace`.
    static func trimSpace(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end && isSpace(scalars[start]) { start += 1 }
        while end > start && isSpace(scalars[end - 1]) { end -= 1 }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    /// `strings.Trim(text, cutset)`.
    static func trim(_ text: String, cutset: String) -> String {
        let cut = Set(cutset.unicodeScalars)
        let scalars = Array(text.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end && cut.contains(scalars[start]) { start += 1 }
        while end > start && cut.contains(scalars[end - 1]) { end -= 1 }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    /// Sprig's `substring` on bytes, with Go's slice-bounds failures.
    static func substring(_ start: Int, _ end: Int, _ text: String) throws -> String {
        let bytes = Array(text.utf8)
        if start < 0 {
            guard end >= 0, end <= bytes.count else {
                throw FunctionError("runtime error: slice bounds out of range [:\(end)] with length \(bytes.count)")
            }
            return fromBytes(bytes[..<end])
        }
        if end < 0 || end > bytes.count {
            guard start <= bytes.count else {
                throw FunctionError("runtime error: slice bounds out of range [\(start):\(bytes.count)]")
            }
            return fromBytes(bytes[start...])
        }
        guard start <= end else {
            throw FunctionError("runtime error: slice bounds out of range [\(start):\(end)]")
        }
        return fromBytes(bytes[start..<end])
    }

    /// Sprig's `trunc` on bytes.
    static func truncate(_ count: Int, _ text: String) -> String {
        let bytes = text.utf8
        if count < 0 && bytes.count + count > 0 { return fromBytes(Array(bytes).suffix(-count)) }
        if count >= 0 && bytes.count > count { return fromBytes(Array(bytes).prefix(count)) }
        return text
    }

    /// goutils `AbbreviateFull` (bytes).
    static func abbreviate(_ text: String, offset startOffset: Int, maximumWidth: Int) -> String {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { return "" }
        if bytes.count <= maximumWidth { return text }
        var offset = min(startOffset, bytes.count)
        if bytes.count - offset < maximumWidth - 3 { offset = bytes.count - (maximumWidth - 3) }
        if offset <= 4 { return fromBytes(bytes[0..<(maximumWidth - 3)]) + "..." }
        if maximumWidth < 7 { return text }
        if offset + maximumWidth - 3 < bytes.count {
            let rest = fromBytes(bytes[offset...])
            let inner = maximumWidth - 3 < 4 ? rest : abbreviate(rest, offset: 0, maximumWidth: maximumWidth - 3)
            return "..." + inner
        }
        return "..." + fromBytes(bytes[(bytes.count - (maximumWidth - 3))...])
    }

    /// goutils `WrapCustom` (bytes).
    static func wrap(_ text: String, width requested: Int, newline requestedNewline: String, wrapLongWords: Bool) -> String {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { return "" }
        let newline = Array((requestedNewline.isEmpty ? "\n" : requestedNewline).utf8)
        let width = max(requested, 1)
        var offset = 0
        var out: [UInt8] = []
        let space = UInt8(ascii: " ")
        while bytes.count - offset > width {
            if bytes[offset] == space { offset += 1; continue }
            let end = min(width + offset + 1, bytes.count)
            if let spaceAt = bytes[offset..<end].lastIndex(of: space) {
                out += bytes[offset..<spaceAt]
                out += newline
                offset = spaceAt + 1
            } else if wrapLongWords {
                out += bytes[offset..<(offset + width)]
                out += newline
                offset += width
            } else if let spaceAt = bytes[(offset + width)...].firstIndex(of: space) {
                out += bytes[offset..<spaceAt]
                out += newline
                offset = spaceAt + 1
            } else {
                out += bytes[offset...]
                offset = bytes.count
            }
        }
        out += bytes[offset...]
        return fromBytes(out)
    }

    static func contains(_ text: String, _ part: String) -> Bool {
        if part.isEmpty { return true }
        return find(Array(text.utf8), Array(part.utf8), from: 0) != nil
    }

    static func find(_ haystack: [UInt8], _ needle: [UInt8], from start: Int) -> Int? {
        if needle.isEmpty { return start <= haystack.count ? start : nil }
        guard haystack.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// `strconv.Quote(text)` when no character needs escaping (printable
    /// ASCII other than `"` and `\\`): the text between quotes, built in one
    /// pass; nil otherwise (then `GoQuote.quote` escapes it).
    static func plainQuoted(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            for byte in bytes where byte < 0x20 || byte > 0x7E || byte == 0x22 || byte == 0x5C { return nil }
            return String(unsafeUninitializedCapacity: bytes.count + 2) { out in
                out[0] = 0x22
                for index in 0..<bytes.count { out[index + 1] = bytes[index] }
                out[bytes.count + 1] = 0x22
                return bytes.count + 2
            }
        }
    }

    /// `strings.Replace(text, old, new, -1)`.
    static func replace(_ text: String, _ old: String, _ new: String, limit: Int) throws -> String {
        let bytes = Array(text.utf8), oldBytes = Array(old.utf8), newBytes = Array(new.utf8)
        var out: [UInt8] = []
        if oldBytes.isEmpty {
            // Inserts `new` before every character and at the end.
            let scalars = text.unicodeScalars.count
            if (scalars + 1) * newBytes.count + bytes.count > limit {
                throw FunctionError("replace: result exceeds the limit of \(limit) bytes")
            }
            out += newBytes
            for scalar in text.unicodeScalars {
                out += Array(String(scalar).utf8)
                out += newBytes
            }
            return fromBytes(out)
        }
        var index = 0
        while let found = find(bytes, oldBytes, from: index) {
            out += bytes[index..<found]
            out += newBytes
            index = found + oldBytes.count
            if out.count > limit { throw FunctionError("replace: result exceeds the limit of \(limit) bytes") }
        }
        out += bytes[index...]
        return fromBytes(out)
    }

    /// `strings.SplitN` (limit < 0: all; 0: none).
    static func split(_ text: String, separator: String, limit: Int) -> [String] {
        if limit == 0 { return [] }
        if separator.isEmpty {
            var parts = text.unicodeScalars.map { String($0) }
            if limit > 0 && parts.count > limit {
                let head = parts.prefix(limit - 1)
                let tail = String(String.UnicodeScalarView(Array(text.unicodeScalars).dropFirst(limit - 1)))
                parts = Array(head) + [tail]
            }
            return parts
        }
        let bytes = Array(text.utf8), separatorBytes = Array(separator.utf8)
        var parts: [String] = []
        var index = 0
        while limit < 0 || parts.count < limit - 1, let found = find(bytes, separatorBytes, from: index) {
            parts.append(fromBytes(bytes[index..<found]))
            index = found + separatorBytes.count
        }
        parts.append(fromBytes(bytes[index...]))
        return parts
    }

    // MARK: Case conversion (huandu/xstrings v1.5, as Sprig calls it)

    enum WordKind { case none, number, upper, alphabet, connector, punctuation, other }

    static func isConnector(_ scalar: Unicode.Scalar) -> Bool { scalar == "-" || scalar == "_" || isSpace(scalar) }
    static func isUpper(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.generalCategory == .uppercaseLetter }
    static func isNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
    /// A letter that is not a CJK ideograph.
    static func isAlphabet(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: break
        default: return false
        }
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return false
        default: return true
        }
    }

    /// The next word of `scalars` from `start`: its kind and end.
    static func nextWord(_ scalars: [Unicode.Scalar], from start: Int) -> (kind: WordKind, end: Int) {
        guard start < scalars.count else { return (.none, start) }
        let first = scalars[start]
        var end = start + 1
        func extend(while condition: (Unicode.Scalar) -> Bool) {
            while end < scalars.count && condition(scalars[end]) { end += 1 }
        }
        if isConnector(first) {
            extend(while: isConnector)
            return (.connector, end)
        }
        if isPunctuation(first) {
            extend(while: isPunctuation)
            return (.punctuation, end)
        }
        if isUpper(first) {
            guard end < scalars.count else { return (.upper, end) }
            if isUpper(scalars[end]) {
                extend(while: isUpper)
                // "HTTPStatus": the last capital starts the next word.
                if end < scalars.count && isAlphabet(scalars[end]) { end -= 1 }
            } else if isAlphabet(scalars[end]) {
                extend { isAlphabet($0) && !isUpper($0) }
            }
            return (.upper, end)
        }
        if isAlphabet(first) {
            extend { isAlphabet($0) && !isUpper($0) }
            return (.alphabet, end)
        }
        if isNumber(first) {
            extend(while: isNumber)
            return (.number, end)
        }
        extend { !(isConnector($0) || isAlphabet($0) || isNumber($0) || isPunctuation($0)) }
        return (.other, end)
    }

    /// xstrings' `camelCaseToLowerCase`, behind `snakecase` and `kebabcase`.
    static func joinWords(_ text: String, _ connector: Unicode.Scalar) -> String {
        let scalars = Array(text.unicodeScalars)
        if scalars.isEmpty { return "" }
        var out = String.UnicodeScalarView()
        func emit(_ kind: WordKind, _ range: Range<Int>) {
            for scalar in scalars[range] {
                if kind == .upper || kind == .connector {
                    out.append(isConnector(scalar) ? connector : (isUpper(scalar) ? lower(scalar) : scalar))
                } else {
                    out.append(scalar)
                }
            }
        }
        var start = 0
        var (kind, end) = nextWord(scalars, from: 0)
        func advance() {
            start = end
            (kind, end) = nextWord(scalars, from: start)
        }
        while end < scalars.count {
            if kind != .connector { emit(kind, start..<end) }
            let previous = kind
            let previousRange = start..<end
            advance()
            switch previous {
            case .number:
                while kind == .alphabet || kind == .number { emit(kind, start..<end); advance() }
                if kind != .none && kind != .punctuation && kind != .connector { out.append(connector) }
            case .connector:
                emit(.connector, previousRange)
            case .punctuation:
                break
            default:
                if kind != .number {
                    if kind != .connector && kind != .punctuation { out.append(connector) }
                    break
                }
                if end >= scalars.count { break }
                let numberRange = start..<end
                advance()
                // A number stays with the word before it ("Bld4Floor" → bld4_floor)
                // unless lower-case letters follow it ("HTTP2xx" → http_2xx).
                if kind != .alphabet {
                    emit(.number, numberRange)
                    if kind != .connector && kind != .punctuation { out.append(connector) }
                    break
                }
                out.append(connector)
                emit(.number, numberRange)
                while kind == .alphabet || kind == .number { emit(kind, start..<end); advance() }
                if kind != .none && kind != .connector && kind != .punctuation { out.append(connector) }
            }
        }
        emit(kind, start..<end)
        return String(out)
    }

    /// xstrings' `ToCamelCase` as Sprig's `camelcase` shows it: words joined,
    /// each capitalised, the rest of an all-capital word lower-cased.
    static func camelCase(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)[...]
        if scalars.isEmpty { return "" }
        var out = String.UnicodeScalarView()
        var current: Unicode.Scalar = " "
        var firstIsUpper = false
        var consumed = false
        while let scalar = scalars.popFirst() {
            current = scalar
            consumed = true
            if !isConnector(scalar) {
                firstIsUpper = isUpper(scalar)
                current = upper(scalar)
                break
            }
            out.append(scalar)
        }
        if scalars.isEmpty {
            // A single character (after any leading connectors) is written once more.
            if consumed { out.append(current) }
            return String(out)
        }
        while let scalar = scalars.popFirst() {
            let previous = current
            current = scalar
            if isConnector(current) && isConnector(previous) {
                out.append(previous)
                continue
            }
            if isConnector(previous) {
                firstIsUpper = isUpper(current)
                current = upper(current)
            } else {
                if firstIsUpper {
                    if isUpper(current) { current = lower(current) } else { firstIsUpper = false }
                }
                out.append(previous)
            }
        }
        out.append(current)
        return String(out)
    }
}
