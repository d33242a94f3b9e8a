/// bcrypt as Go's `golang.org/x/crypto/bcrypt.GenerateFromPassword`: `$2a$`,
/// a 16-byte random salt, the password with its trailing NUL as the key.
enum Bcrypt {
    /// Go's `bcrypt.DefaultCost`, which Sprig uses.
    static let defaultCost = 10
    /// Go refuses longer passwords (`ErrPasswordTooLong`).
    static let maximumPasswordBytes = 72

    struct PasswordTooLong: Error, CustomStringConvertible {
        var description: String { "bcrypt: password length exceeds 72 bytes" }
    }

    static let alphabet = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// A new hash of `password` with a random salt.
    static func hash(password: [UInt8], cost: Int = defaultCost) throws -> String {
        try hash(password: password, cost: cost, salt: SecureRandom.bytes(16))
    }

    /// The hash of `password` with the given 16-byte salt: `$2a$CC$` + 22 + 31 characters.
    static func hash(password: [UInt8], cost: Int, salt: [UInt8]) throws -> String {
        if password.count > maximumPasswordBytes { throw PasswordTooLong() }
        let cost = min(max(cost, 4), 31)
        // Encoding and decoding the salt keeps its 22-character (132-bit) form, as Go does.
        let encodedSalt = encode(salt)
        let saltBytes = decode(encodedSalt)
        let key = password + [0]
        var cipher = Blowfish(key: key, salt: saltBytes)
        let rounds = UInt64(1) << UInt64(cost)
        var round: UInt64 = 0
        while round < rounds {
            cipher.expand(key: key, salt: [])
            cipher.expand(key: saltBytes, salt: [])
            round += 1
        }
        var data = Array("OrpheanBeholderScryDoubt".utf8)
        for block in stride(from: 0, to: 24, by: 8) {
            var l = UInt32(data[block]) << 24 | UInt32(data[block + 1]) << 16
                | UInt32(data[block + 2]) << 8 | UInt32(data[block + 3])
            var r = UInt32(data[block + 4]) << 24 | UInt32(data[block + 5]) << 16
                | UInt32(data[block + 6]) << 8 | UInt32(data[block + 7])
            for _ in 0..<64 { (l, r) = cipher.encrypt(l, r) }
            for k in 0..<4 {
                data[block + k] = UInt8(truncatingIfNeeded: l >> UInt32(24 - 8 * k))
                data[block + 4 + k] = UInt8(truncatingIfNeeded: r >> UInt32(24 - 8 * k))
            }
        }
        let costText = cost < 10 ? "0\(cost)" : "\(cost)"
        return "$2a$\(costText)$\(encodedSalt)\(encode(Array(data.prefix(23))))"
    }

    /// bcrypt's base64 (its own alphabet, no padding).
    static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let n = b0 << 16 | b1 << 8 | b2
            let symbols = min(4, (bytes.count - i) * 8 / 6 + 1)
            for k in 0..<symbols { out.append(alphabet[Int((n >> UInt32(18 - 6 * k)) & 63)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Inverse of `encode` for well-formed input (bytes outside the alphabet count as 0).
    static func decode(_ text: String) -> [UInt8] {
        var values: [UInt32] = []
        for c in text.utf8 { values.append(UInt32(alphabet.firstIndex(of: c) ?? 0)) }
        var out = [UInt8]()
        var i = 0
        while i < values.count {
            var n: UInt32 = 0
            let count = min(4, values.count - i)
            for k in 0..<count { n |= values[i + k] << UInt32(18 - 6 * k) }
            let produced = count * 6 / 8
            for k in 0..<produced { out.append(UInt8(truncatingIfNeeded: n >> UInt32(16 - 8 * k))) }
            i += 4
        }
        return out
    }
}
