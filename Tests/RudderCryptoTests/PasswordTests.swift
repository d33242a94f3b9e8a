import RudderCore
import RudderTemplate
import Testing
import _RudderTestSupport

@testable import RudderCrypto

func hexBytes(_ text: String) -> [UInt8] {
    var out: [UInt8] = []
    var pending: UInt8?
    for c in text.utf8 {
        let v: UInt8
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - 87
        default: continue
        }
        if let high = pending { out.append(high << 4 | v); pending = nil } else { pending = v }
    }
    return out
}

/// scrypt and PBKDF2 against RFC 7914's published test vectors.
@Suite struct ScryptTests {
    @Test func pbkdf2Vector() {
        let key = Scrypt.pbkdf2SHA256(password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1, length: 64)
        #expect(key == hexBytes(
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"))
    }

    @Test func scryptVectors() throws {
        #expect(try Scrypt.key(password: [], salt: [], n: 16, r: 1, p: 1, length: 64) == hexBytes(
            "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"))
        #expect(try Scrypt.key(password: Array("password".utf8), salt: Array("NaCl".utf8), n: 1024, r: 8, p: 16, length: 64)
            == hexBytes(
                "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"))
    }

    @Test func memoryCapIsCheckedFirst() {
        #expect(throws: Scrypt.ParameterError.self) {
            try Scrypt.key(password: [], salt: [], n: 1 << 20, r: 8, p: 1, length: 64)
        }
        #expect(throws: Scrypt.ParameterError.self) {
            try Scrypt.key(password: [], salt: [], n: 1000, r: 8, p: 1, length: 64)
        }
    }
}

/// bcrypt against published vectors (OpenBSD's and Openwall's crypt_blowfish
/// test set) and against hashes the reference Helm made.
@Suite struct BcryptTests {
    /// (password, hash) pairs from the crypt_blowfish test vectors.
    static let vectors: [(String, String)] = [
        ("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
        ("U*U*", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK"),
        ("U*U*U", "$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a"),
        ("", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy"),
    ]

    static func rehash(_ password: String, like hash: String) throws -> String {
        let parts = hash.split(separator: "$")
        let cost = try #require(Int(parts[1]))
        let salt = Bcrypt.decode(String(parts[2].prefix(22)))
        return try Bcrypt.hash(password: Array(password.utf8), cost: cost, salt: salt)
    }

    @Test(arguments: BcryptTests.vectors)
    func publishedVector(password: String, hash: String) throws {
        #expect(try Self.rehash(password, like: hash) == hash)
    }

    @Test func helmHashesAreReproducedFromTheirSalt() throws {
        let cases = try GoldenCases.load("crypto/bcrypt.cases")
        #expect(cases.count >= 4)
        for golden in cases {
            let password = try #require(golden["password"])
            let hash = try #require(golden["hash"])
            #expect(try Self.rehash(password, like: hash) == hash, "\(golden.name)")
            let user = try #require(golden["user"])
            let line = try #require(golden["htpasswd"])
            #expect(line.hasPrefix(user + ":$2a$10$"))
            #expect(try Self.rehash(password, like: String(line.dropFirst(user.count + 1))) == String(line.dropFirst(user.count + 1)))
        }
    }

    @Test func newHashesHaveGoShape() throws {
        let alphabet = Set(Bcrypt.alphabet)
        let first = try Render.output(#"{{ bcrypt "secret" }}"#)
        let second = try Render.output(#"{{ bcrypt "secret" }}"#)
        for hash in [first, second] {
            #expect(hash.hasPrefix("$2a$10$"))
            #expect(hash.utf8.count == 60)
            #expect(hash.utf8.dropFirst(7).allSatisfy { alphabet.contains($0) })
            #expect(try Self.rehash("secret", like: hash) == hash)
        }
        #expect(first != second, "salts must differ")
        let line = try Render.output(#"{{ htpasswd "admin" "secret" }}"#)
        #expect(line.hasPrefix("admin:$2a$10$") && line.utf8.count == 66)
    }

    @Test func passwordLimit() throws {
        #expect(try Render.output(#"{{ bcrypt (repeat 72 "a") | len }}"#) == "60")
        #expect(try Render.output(#"{{ bcrypt (repeat 73 "a") }}"#)
            == "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes")
    }
}

/// derivePassword's outputs recorded from Helm are in deterministic.cases; here, the shapes.
@Suite struct DerivePasswordTests {
    @Test func templatesShapeTheOutput() throws {
        let pin = try Render.output(#"{{ derivePassword 7 "pin" "pw" "me" "site" }}"#)
        #expect(pin.utf8.count == 4 && pin.utf8.allSatisfy { (48...57).contains($0) })
        let maximum = try Render.output(#"{{ derivePassword 7 "maximum" "pw" "me" "site" }}"#)
        #expect(maximum.utf8.count == 20)
        let again = try Render.output(#"{{ derivePassword 7 "maximum" "pw" "me" "site" }}"#)
        #expect(maximum == again)
        #expect(try Render.output(#"{{ derivePassword 8 "maximum" "pw" "me" "site" }}"#) != maximum)
    }
}
