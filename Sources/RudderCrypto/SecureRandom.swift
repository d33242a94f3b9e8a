import RudderCore

/// Random values from the system's cryptographic generator
/// (`SystemRandomNumberGenerator` reads `getrandom` on Linux).
enum SecureRandom {
    /// `count` random bytes.
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var result = [UInt8](repeating: 0, count: count)
        var index = 0
        while index < count {
            var word = generator.next()
            for _ in 0..<8 where index < count {
                result[index] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                index += 1
            }
        }
        return result
    }

    /// A uniform integer in `0..<bound` (bound > 0), without modulo bias.
    static func below(_ bound: UInt64) -> UInt64 {
        var generator = SystemRandomNumberGenerator()
        return UInt64.random(in: 0..<bound, using: &generator)
    }

    /// `count` characters drawn uniformly from `alphabet` (ASCII).
    static func string(count: Int, alphabet: [UInt8]) -> String {
        var generator = SystemRandomNumberGenerator()
        var result = [UInt8]()
        result.reserveCapacity(count)
        let bound = alphabet.count
        for _ in 0..<count {
            result.append(alphabet[Int.random(in: 0..<bound, using: &generator)])
        }
        return String(decoding: result, as: UTF8.self)
    }
}
