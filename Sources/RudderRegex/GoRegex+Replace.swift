extension GoRegex {
    /// Replaces every match with `template`, expanding `$1`, `${1}`, `$name`,
    /// `${name}` and `$$` as Go's `ReplaceAllString` does. A `$` name is the
    /// longest run of letters, digits and `_`: `$1x` means the group named
    /// `1x`, not group 1 followed by `x`. Unknown or unmatched groups expand to
    /// nothing; a malformed `$` is kept.
    public func replaceAll(_ s: String, with template: String) -> String {
        let templateBytes = Array(template.utf8)
        let slotCount = templateBytes.contains(UInt8(ascii: "$")) ? program.slotCount : 2
        return replace(s, slotCount: slotCount) { output, text, slots in
            expand(templateBytes, into: &output, text: text, slots: slots)
        }
    }

    /// Replaces every match with `replacement` taken literally (Go's
    /// `ReplaceAllLiteralString`).
    public func replaceAllLiteral(_ s: String, with replacement: String) -> String {
        let replacementBytes = Array(replacement.utf8)
        return replace(s, slotCount: 2) { output, _, _ in
            output.append(contentsOf: replacementBytes)
        }
    }

    /// Go's replaceAll loop: the replacement is not inserted for an empty
    /// match right after a previous match, and the search always advances.
    func replace(
        _ s: String, slotCount: Int,
        _ replacement: (inout [UInt8], UnsafeBufferPointer<UInt8>, [Int]) -> Void
    ) -> String {
        withBytes(s) { text in
            let end = text.count
            var machine = Matcher(program: program, slotCount: slotCount, length: text.count, preference: engine)
            var output: [UInt8] = []
            var lastMatchEnd = 0
            var searchPosition = 0
            var replaced = false
            while searchPosition <= end {
                guard let slots = machine.execute(text, from: searchPosition) else { break }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: text[lastMatchEnd..<slots[0]]))
                if slots[1] > lastMatchEnd || slots[0] == 0 {
                    replacement(&output, text, slots)
                }
                replaced = true
                lastMatchEnd = slots[1]
                let (_, width) = PikeVM.step(text, searchPosition)
                if searchPosition + width > slots[1] {
                    searchPosition += width
                } else if searchPosition + 1 > slots[1] {
                    searchPosition += 1
                } else {
                    searchPosition = slots[1]
                }
            }
            if !replaced { return s }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[lastMatchEnd..<end]))
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Go's Regexp.expand.
    func expand(_ template: [UInt8], into output: inout [UInt8], text: UnsafeBufferPointer<UInt8>, slots: [Int]) {
        var index = 0
        while index < template.count {
            let byte = template[index]
            guard byte == UInt8(ascii: "$") else {
                output.append(byte)
                index += 1
                continue
            }
            index += 1
            if index < template.count && template[index] == UInt8(ascii: "$") {
                output.append(UInt8(ascii: "$"))
                index += 1
                continue
            }
            guard let (name, number, rest) = Self.extractReference(template, at: index) else {
                // Malformed: the $ is kept.
                output.append(UInt8(ascii: "$"))
                continue
            }
            index = rest
            var group: Int?
            if number >= 0 {
                group = number
            } else {
                group = captureNames.firstIndex { $0 == name }
            }
            if let group, 2 * group + 1 < slots.count, slots[2 * group] >= 0 {
                let lower = slots[2 * group], upper = slots[2 * group + 1]
                if lower <= upper && upper <= text.count {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: text[lower..<upper]))
                }
            }
        }
    }

    /// Go's extract: a name (`name` or `{name}`) of letters, digits and `_` at
    /// `start`; its number when it is all digits without a leading zero
    /// (else -1); and the position after it.
    static func extractReference(_ template: [UInt8], at start: Int) -> (String, Int, Int)? {
        guard start < template.count else { return nil }
        var cursor = start
        let braced = template[cursor] == UInt8(ascii: "{")
        if braced { cursor += 1 }
        let nameStart = cursor
        while cursor < template.count {
            let (rune, width) = UTF8Decoding.decode(template, at: cursor, end: template.count)
            if !UnicodeTables.isLetter(rune) && !UnicodeTables.isDigit(rune) && rune != 0x5F { break }
            cursor += width
        }
        guard cursor > nameStart else { return nil }
        let nameBytes = template[nameStart..<cursor]
        if braced {
            guard cursor < template.count && template[cursor] == UInt8(ascii: "}") else { return nil }
            cursor += 1
        }
        var number = 0
        for digit in nameBytes {
            if digit < UInt8(ascii: "0") || digit > UInt8(ascii: "9") || number >= 100_000_000 {
                number = -1
                break
            }
            number = number * 10 + Int(digit - UInt8(ascii: "0"))
        }
        if nameBytes.first == UInt8(ascii: "0") && nameBytes.count > 1 { number = -1 }
        return (String(decoding: nameBytes, as: UTF8.self), number, cursor)
    }

    /// Splits `s` around the matches (Go's `Split`): at most `limit` pieces,
    /// the last one the unsplit rest, when `limit` > 0; all of them when
    /// `limit` < 0. Go returns nil for `limit` == 0: see `splitOrNil`.
    public func split(_ s: String, limit: Int) -> [String] {
        splitOrNil(s, limit: limit) ?? []
    }

    /// `split`, but nil where Go returns a nil slice (`limit` == 0), which
    /// Sprig's `regexSplit | toJson` prints as `null`.
    public func splitOrNil(_ s: String, limit: Int) -> [String]? {
        if limit == 0 { return nil }
        if !pattern.isEmpty && s.isEmpty { return [""] }
        return withBytes(s) { text in
            var matches: [Range<Int>] = []
            forEachMatch(text, limit: limit, slotCount: 2) { slots in matches.append(slots[0]..<slots[1]) }
            var pieces: [String] = []
            var begin = 0
            var end = 0
            for match in matches {
                if limit > 0 && pieces.count == limit - 1 { break }
                end = match.lowerBound
                if match.upperBound != 0 {
                    pieces.append(Self.substring(text, begin, end))
                }
                begin = match.upperBound
            }
            if end != text.count {
                pieces.append(Self.substring(text, begin, text.count))
            }
            return pieces
        }
    }
}
