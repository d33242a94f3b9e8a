import RudderCore
import RudderTemplate

/// Character sets of Sprig's `rand*` functions (goutils' `CryptoRandom*`).
enum RandomAlphabet {
    static let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
    static let digits = Array("0123456789".utf8)
    static let alphanumeric = letters + digits
    /// Printable ASCII, space (32) to tilde (126), as `CryptoRandomAscii`.
    static let ascii = Array(UInt8(32)...UInt8(126))
}

extension CryptoFunctions {
    static func registerRandom(into registry: inout FunctionRegistry) {
        let strings: [(String, [UInt8])] = [
            ("randAlpha", RandomAlphabet.letters),
            ("randAlphaNum", RandomAlphabet.alphanumeric),
            ("randNumeric", RandomAlphabet.digits),
            ("randAscii", RandomAlphabet.ascii),
        ]
        for (name, alphabet) in strings {
            add(&registry, name, [.int]) { a in
                .string(try randomString(name, count: try a.int(0), alphabet: alphabet))
            }
        }
        add(&registry, "randBytes", [.int]) { a in .string(try randomBytesBase64(count: try a.int(0))) }
        add(&registry, "randInt", [.int, .int]) { a in .int(try randomInt(min: try a.int(0), max: try a.int(1))) }
        add(&registry, "uuidv4", []) { _ in .string(uuidV4()) }
    }

    /// Sprig's `randAlpha` and friends: a negative count gives "" (goutils'
    /// error is dropped), a count above `maximumRandomLength` is an error.
    static func randomString(_ name: String, count: Int, alphabet: [UInt8]) throws -> String {
        if count <= 0 { return "" }
        try checkRandomLength(name, count)
        return SecureRandom.string(count: count, alphabet: alphabet)
    }

    /// Sprig's `randBytes`: `count` random bytes in standard base64.
    static func randomBytesBase64(count: Int) throws -> String {
        if count < 0 { throw FunctionError("runtime error: makeslice: len out of range") }
        try checkRandomLength("randBytes", count)
        return Base64.encode(SecureRandom.bytes(count))
    }

    /// Sprig's `randInt`: uniform in `min..<max`; Go panics when `max <= min`.
    static func randomInt(min: Int, max: Int) throws -> Int {
        let (span, overflow) = max.subtractingReportingOverflow(min)
        if overflow || span <= 0 { throw FunctionError("invalid argument to Intn") }
        return min + Int(SecureRandom.below(UInt64(span)))
    }

    /// A random (version 4, RFC 4122 variant) UUID in lower-case hex with dashes.
    static func uuidV4() -> String {
        var b = SecureRandom.bytes(16)
        b[6] = (b[6] & 0x0f) | 0x40
        b[8] = (b[8] & 0x3f) | 0x80
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (i, byte) in b.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func checkRandomLength(_ name: String, _ count: Int) throws {
        if count > maximumRandomLength {
            throw FunctionError(
                "\(name): length \(count) exceeds rudder's limit of \(maximumRandomLength) (1 MiB)")
        }
    }
}
