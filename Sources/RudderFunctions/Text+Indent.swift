import RudderCore
import RudderTemplate

#if canImport(Glibc)
import Glibc
#endif

extension Text {
    /// Sprig's `indent` (`nindent` with `leadingNewline`): `spaces` spaces
    /// before the text and after every newline in it, written in one pass
    /// into a string of the exact size.
    static func indent(_ spaces: Int, _ text: String, limit: Int, leadingNewline: Bool = false) throws -> String {
        if spaces < 0 { throw FunctionError("strings: negative Repeat count") }
        var text = text
        return try text.withUTF8 { bytes throws(FunctionError) -> String in
            // Lines found with memchr, copied whole with memcpy.
            let lines = 1 + newlineCount(bytes)
            if spaces > limit || lines * spaces + bytes.count > limit {
                throw FunctionError("indent: result exceeds the limit of \(limit) bytes")
            }
            let size = bytes.count + lines * spaces + (leadingNewline ? 1 : 0)
            return String(unsafeUninitializedCapacity: size) { out in
                guard let target = out.baseAddress else { return 0 }
                var at = 0
                if leadingNewline {
                    target[at] = 0x0A
                    at += 1
                }
                memset(target + at, 0x20, spaces)
                at += spaces
                guard let source = bytes.baseAddress else { return at }
                var from = 0
                while from < bytes.count {
                    let rest = bytes.count - from
                    guard let newline = memchr(source + from, 0x0A, rest) else {
                        memcpy(target + at, source + from, rest)
                        at += rest
                        break
                    }
                    let length = UnsafeRawPointer(newline) - UnsafeRawPointer(source + from) + 1
                    memcpy(target + at, source + from, length)
                    at += length
                    memset(target + at, 0x20, spaces)
                    at += spaces
                    from += length
                }
                return at
            }
        }
    }

    /// The newlines in `bytes`, found with memchr.
    fileprivate static func newlineCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let source = bytes.baseAddress else { return 0 }
        var count = 0
        var from = 0
        while from < bytes.count, let newline = memchr(source + from, 0x0A, bytes.count - from) {
            count += 1
            from = UnsafeRawPointer(newline) - UnsafeRawPointer(source) + 1
        }
        return count
    }
}
