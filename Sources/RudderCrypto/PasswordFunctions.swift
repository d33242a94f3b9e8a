import Crypto
import RudderCore
import RudderTemplate

/// Master Password (v3) as Sprig's `derivePassword`: scrypt of the password
/// salted with the user, HMAC-SHA256 of the site and counter, then a template.
enum MasterPassword {
    static let seed = Array("com.lyndir.masterpassword".utf8)

    /// Sprig's templates per password type.
    static let templates: [String: [String]] = [
        "maximum": ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        "long": [
            "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
            "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
            "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
            "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
            "CvccCvcvCvccno",
        ],
        "medium": ["CvcnoCvc", "CvcCvcno"],
        "short": ["Cvcn"],
        "basic": ["aaanaaan", "aannaaan", "aaannaaa"],
        "pin": ["nnnn"],
    ]

    /// The characters each template letter stands for.
    static let characters: [UInt8: [UInt8]] = [
        UInt8(ascii: "V"): Array("AEIOU".utf8),
        UInt8(ascii: "C"): Array("BCDFGHJKLMNPQRSTVWXYZ".utf8),
        UInt8(ascii: "v"): Array("aeiou".utf8),
        UInt8(ascii: "c"): Array("bcdfghjklmnpqrstvwxyz".utf8),
        UInt8(ascii: "A"): Array("AEIOUBCDFGHJKLMNPQRSTVWXYZ".utf8),
        UInt8(ascii: "a"): Array("AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz".utf8),
        UInt8(ascii: "n"): Array("0123456789".utf8),
        UInt8(ascii: "o"): Array("@&%?,=[]_:-+*$#!'^~;()/.".utf8),
        UInt8(ascii: "x"): Array("AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()".utf8),
    ]

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16),
         UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    /// The password, or Sprig's text for an unknown type.
    static func derive(counter: UInt32, type: String, password: [UInt8], user: [UInt8], site: [UInt8]) throws -> String {
        guard let choices = templates[type] else { return "cannot find password template \(type)" }
        let salt = seed + bigEndian(UInt32(truncatingIfNeeded: user.count)) + user
        let key: [UInt8]
        do {
            key = try Scrypt.key(password: password, salt: salt, n: 32768, r: 8, p: 2, length: 64)
        } catch {
            return "failed to derive password: \(error)"
        }
        let message = seed + bigEndian(UInt32(truncatingIfNeeded: site.count)) + site + bigEndian(counter)
        let mac = Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
        let template = Array(choices[Int(mac[0]) % choices.count].utf8)
        var out = [UInt8]()
        for (i, letter) in template.enumerated() {
            guard let set = characters[letter] else { continue }
            out.append(set[Int(mac[i + 1]) % set.count])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension CryptoFunctions {
    static func registerPasswords(into registry: inout FunctionRegistry) {
        add(&registry, "bcrypt", [.string]) { a in .string(sprigBcrypt(try a.bytes(0))) }
        add(&registry, "htpasswd", [.string, .string]) { a in
            let user = try a.string(0)
            if user.contains(":") { return .string("invalid username: \(user)") }
            return .string("\(user):\(sprigBcrypt(try a.bytes(1)))")
        }
        add(&registry, "derivePassword", [.any, .string, .string, .string, .string]) { a in
            let counter = try uint32(a[0])
            return .string(try MasterPassword.derive(
                counter: counter, type: try a.string(1), password: try a.bytes(2),
                user: try a.bytes(3), site: try a.bytes(4)))
        }
        add(&registry, "encryptAES", [.string, .string]) { a in
            .string(try SprigAES.encrypt(password: try a.bytes(0), plaintext: try a.bytes(1)))
        }
        add(&registry, "decryptAES", [.string, .string]) { a in
            .string(try SprigAES.decrypt(password: try a.bytes(0), base64Text: try a.string(1)))
        }
    }

    /// Sprig's `bcrypt`: errors come back as text, as Sprig returns them.
    static func sprigBcrypt(_ password: [UInt8]) -> String {
        do {
            return try Bcrypt.hash(password: password)
        } catch {
            return "failed to encrypt string with bcrypt: \(error)"
        }
    }

    /// `derivePassword`'s counter is a Go `uint32`: only a constant converts.
    static func uint32(_ value: Value) throws -> UInt32 {
        switch value {
        case .int(let i) where i >= 0 && i <= Int(UInt32.max): return UInt32(i)
        case .int64(let i) where i >= 0 && i <= Int64(UInt32.max): return UInt32(i)
        case .int, .int64: throw FunctionError("number out of range for uint32")
        default: throw FunctionError("wrong type for value; expected uint32; got \(value.goTypeName)")
        }
    }
}
