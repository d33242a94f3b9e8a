import Glibc
import RudderCore

/// Random values from the kernel's cryptographic generator, fetched in bulk
/// through glibc's `arc4random_buf` (which reads `getrandom`): one call per
/// 64 KiB rather than one `SystemRandomNumberGenerator` call per 8 bytes.
enum SecureRandom {
    /// `count` random bytes.
    static func bytes(_ count: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        result.withUnsafeMutableBytes { buffer in fill(buffer) }
        return result
    }

    /// Fills `buffer` with random bytes.
    static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress else { return }
        arc4random_buf(base, buffer.count)
    }

    /// A uniform integer in `0..<bound` (bound > 0), without modulo bias.
    static func below(_ bound: UInt64) -> UInt64 {
        var generator = SystemRandomNumberGenerator()
        return UInt64.random(in: 0..<bound, using: &generator)
    }

    /// `count` characters drawn uniformly from `alphabet` (ASCII, at most 256
    /// symbols): random bytes by rejection sampling, so every symbol is equally likely.
    static func string(count: Int, alphabet: [UInt8]) -> String {
        let size = alphabet.count
        guard size > 0, size <= 256 else { return "" }
        let limit = 256 - 256 % size  // bytes at or above it would favour the first symbols
        var result = [UInt8]()
        result.reserveCapacity(count)
        var pool = [UInt8](repeating: 0, count: min(max(count + count / 2, 64), 1 << 16))
        while result.count < count {
            pool.withUnsafeMutableBytes { fill($0) }
            for byte in pool where Int(byte) < limit {
                result.append(alphabet[Int(byte) % size])
                if result.count == count { break }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
