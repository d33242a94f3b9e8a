/// UTF-8 decoding with Go's rules: an invalid or truncated sequence decodes
/// as U+FFFD of width 1.
enum UTF8Decoding {
    @inline(__always)
    static func decode(_ bytes: [UInt8], at index: Int, end: Int) -> (UInt32, Int) {
        bytes.withUnsafeBufferPointer { decode($0, at: index, end: min(end, $0.count)) }
    }

    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> (UInt32, Int) {
        let first = bytes[index]
        if first < 0x80 { return (UInt32(first), 1) }
        let available = end - index
        @inline(__always) func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> UInt32? {
            guard offset < available else { return nil }
            let byte = bytes[index + offset]
            guard byte >= low && byte <= high else { return nil }
            return UInt32(byte & 0x3F)
        }
        switch first {
        case 0xC2...0xDF:
            guard let second = continuation(1) else { return (0xFFFD, 1) }
            return (UInt32(first & 0x1F) << 6 | second, 2)
        case 0xE0...0xEF:
            let low: UInt8 = first == 0xE0 ? 0xA0 : 0x80
            let high: UInt8 = first == 0xED ? 0x9F : 0xBF
            guard let second = continuation(1, low, high), let third = continuation(2) else { return (0xFFFD, 1) }
            return (UInt32(first & 0x0F) << 12 | second << 6 | third, 3)
        case 0xF0...0xF4:
            let low: UInt8 = first == 0xF0 ? 0x90 : 0x80
            let high: UInt8 = first == 0xF4 ? 0x8F : 0xBF
            guard let second = continuation(1, low, high), let third = continuation(2),
                let fourth = continuation(3)
            else { return (0xFFFD, 1) }
            return (UInt32(first & 0x07) << 18 | second << 12 | third << 6 | fourth, 4)
        default:
            return (0xFFFD, 1)
        }
    }

    /// The rune ending just before `index` (Go's DecodeLastRune), -1 at the start.
    @inline(__always)
    static func runeBefore(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int32 {
        guard index > 0 else { return -1 }
        let last = bytes[index - 1]
        if last < 0x80 { return Int32(last) }
        var start = index - 1
        let lowest = max(0, index - 4)
        while start > lowest && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        let (rune, width) = decode(bytes, at: start, end: index)
        if start + width != index { return 0xFFFD }
        return Int32(rune)
    }

    /// Appends the UTF-8 encoding of `rune`.
    static func append(_ rune: UInt32, to bytes: inout [UInt8]) {
        switch rune {
        case 0..<0x80:
            bytes.append(UInt8(rune))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | rune >> 6))
            bytes.append(UInt8(0x80 | rune & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | rune >> 12))
            bytes.append(UInt8(0x80 | rune >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | rune & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | rune >> 18))
            bytes.append(UInt8(0x80 | rune >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | rune >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | rune & 0x3F))
        }
    }
}
