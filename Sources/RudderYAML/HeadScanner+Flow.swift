/// One-line flow collections for `HeadScanner`: each either matches what
/// libyaml reads from the same bytes or gives up.
extension HeadScanner {
    /// A one-line flow sequence or mapping at the cursor, of JSON-like
    /// scalars; the cursor moves past its closing bracket.
    mutating func flow(depth: Int) throws(Unsure) -> (isMap: Bool, isEmpty: Bool) {
        if depth > Self.maxDepth { throw Unsure() }
        let isMap = at(i) == UInt8(ascii: "{")
        let close = isMap ? UInt8(ascii: "}") : UInt8(ascii: "]")
        i += 1
        try flowSpaces()
        if at(i) == close {
            i += 1
            return (isMap, true)
        }
        while true {
            if isMap {
                let keyStart = i
                if at(i) == UInt8(ascii: "\"") || at(i) == UInt8(ascii: "'") {
                    _ = at(i) == UInt8(ascii: "\"") ? try doubleQuoted() : try singleQuoted()
                    guard at(i) == UInt8(ascii: ":") else { throw Unsure() }
                } else {
                    let range = try flowPlain()
                    let bytes = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
                    if case .null = ResolvedScalar.classifyPlain(bytes) { throw Unsure() }
                    if bytes.count == 2 && bytes[0] == UInt8(ascii: "<") && bytes[1] == UInt8(ascii: "<") {
                        throw Unsure()
                    }
                    guard at(i) == UInt8(ascii: ":"), at(i + 1) == 0x20 else { throw Unsure() }
                }
                if i - keyStart > Self.maxKeyBytes { throw Unsure() }
                i += 1
                try flowSpaces()
                try flowNode(depth: depth)
            } else {
                try flowNode(depth: depth)
                try flowSpaces()
                if at(i) == UInt8(ascii: ":") { throw Unsure() }
            }
            try flowSpaces()
            if at(i) == close {
                i += 1
                return (isMap, false)
            }
            guard at(i) == UInt8(ascii: ",") else { throw Unsure() }
            i += 1
            try flowSpaces()
            if at(i) == close { throw Unsure() }
        }
    }

    /// Spaces inside a flow collection; a tab or the line's end: unsure.
    mutating func flowSpaces() throws(Unsure) {
        while at(i) == 0x20 { i += 1 }
        if at(i) == 0x09 || endsLine(i) { throw Unsure() }
    }

    /// One node inside a flow collection.
    mutating func flowNode(depth: Int) throws(Unsure) {
        switch at(i) {
        case UInt8(ascii: "\""): _ = try doubleQuoted()
        case UInt8(ascii: "'"): _ = try singleQuoted()
        case UInt8(ascii: "["), UInt8(ascii: "{"): _ = try flow(depth: depth + 1)
        default:
            let range = try flowPlain()
            let bytes = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
            if case .float(let d) = ResolvedScalar.classifyPlain(bytes), !d.isFinite { throw Unsure() }
        }
    }

    /// A plain scalar inside a flow collection, of letters, digits and `_./+-`
    /// only (a `-` first only before a letter, digit or `.`).
    mutating func flowPlain() throws(Unsure) -> Range<Int> {
        let start = i
        let first = at(i)
        if first == UInt8(ascii: "-") {
            let next = at(i + 1)
            guard Self.isAlphanumeric(next) || next == UInt8(ascii: ".") else { throw Unsure() }
        } else if !(Self.isAlphanumeric(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: ".")
                    || first == UInt8(ascii: "/") || first == UInt8(ascii: "+")) {
            throw Unsure()
        }
        i += 1
        while true {
            let b = at(i)
            guard Self.isAlphanumeric(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "/") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") else { break }
            i += 1
        }
        return start..<i
    }
}
