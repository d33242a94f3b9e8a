import RudderCore
import RudderTemplate
import Testing
import _RudderTestSupport

@testable import RudderCrypto

/// encryptAES/decryptAES: round trips, and both directions with the reference Helm.
@Suite struct AESTests {
    @Test(arguments: ["a", "exactly16bytes!!", String(repeating: "long text ", count: 50), "ünïcödé ✓"])
    func roundTrip(plaintext: String) throws {
        let encrypted = try Render.output("{{ encryptAES \"pw\" \(GoQuoteForTest.quote(plaintext)) }}")
        let bytes = try Base64.decode(encrypted)
        // IV, then whole blocks with at least one byte of padding.
        #expect(bytes.count == 16 + (plaintext.utf8.count / 16 + 1) * 16)
        let decrypted = try Render.output("{{ decryptAES \"pw\" \(GoQuoteForTest.quote(encrypted)) }}")
        #expect(decrypted == plaintext)
        let again = try Render.output("{{ encryptAES \"pw\" \(GoQuoteForTest.quote(plaintext)) }}")
        #expect(again != encrypted, "a fresh IV each time")
    }

    @Test func decryptsWhatHelmEncrypted() throws {
        let cases = try GoldenCases.load("crypto/aes-from-helm.cases")
        #expect(cases.count >= 6)
        for golden in cases {
            let key = try #require(golden["key"])
            let plaintext = try #require(golden["plaintext"])
            let ciphertext = try #require(golden["ciphertext"])
            #expect(try SprigAES.decrypt(password: Array(key.utf8), base64Text: ciphertext) == plaintext, "\(golden.name)")
        }
    }

    @Test func helmDecryptedWhatRudderEncrypted() throws {
        let cases = try GoldenCases.load("crypto/aes-from-rudder.cases")
        #expect(cases.count >= 6)
        for golden in cases {
            let key = try #require(golden["key"])
            let plaintext = try #require(golden["plaintext"])
            let ciphertext = try #require(golden["ciphertext"])
            #expect(golden["helm-decrypted"] == plaintext, "\(golden.name): Helm's decryption")
            #expect(try SprigAES.decrypt(password: Array(key.utf8), base64Text: ciphertext) == plaintext)
        }
    }

    @Test func fixedIVGivesTheCBCResult() throws {
        // NIST SP 800-38A F.2.5 (CBC-AES256.Encrypt), first block; PKCS#7 adds a second block.
        let key = hexBytes("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4")
        let iv = hexBytes("000102030405060708090a0b0c0d0e0f")
        let plain = hexBytes("6bc1bee22e409f96e93d7e117393172a")
        let encrypted = try Base64.decode(try SprigAES.encrypt(password: key, plaintext: plain, iv: iv))
        #expect(Array(encrypted[0..<16]) == iv)
        #expect(Array(encrypted[16..<32]) == hexBytes("f58c4c04d6e5f1ba779eabfb5f7bfbd6"))
        #expect(encrypted.count == 48)
    }
}

/// Go-quoting of test inputs for template source.
enum GoQuoteForTest {
    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
