#if canImport(Glibc)
import Glibc
#endif

/// Byte scans of the lexer that skip long runs with `memchr`.
extension Lexer {
    /// The number of newlines in `bytes[from..<to]` (memchr: most spans have few).
    static func newlineCount(_ bytes: [UInt8], from: Int, to: Int) -> Int {
        guard from >= 0, from < to, to <= bytes.count else { return 0 }
        return bytes.withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            var count = 0
            var at = base + from
            let end = base + to
            while at < end, let found = memchr(at, 0x0A, end - at) {
                count += 1
                at = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return count
        }
    }

    /// The offset of the next `{{` at or after `from`, or -1.
    static func leftDelimiterOffset(_ bytes: [UInt8], from: Int) -> Int {
        guard from >= 0, from + 1 < bytes.count else { return -1 }
        return bytes.withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return -1 }
            var at = base + from
            // A '{' followed by another: the last byte can only be a second '{'.
            let end = base + buffer.count - 1
            while at < end, let found = memchr(at, 0x7B, end - at) {
                let brace = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                if brace[1] == 0x7B { return brace - base }
                at = brace + 1
            }
            return -1
        }
    }
}
