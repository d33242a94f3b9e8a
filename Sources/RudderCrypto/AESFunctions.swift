import Crypto
import RudderCore
import RudderTemplate
import _CryptoExtras

/// Sprig's `encryptAES`/`decryptAES`: AES-256-CBC with the password's bytes
/// cut or zero-padded to a 32-byte key, PKCS#7 padding, a random IV written
/// before the ciphertext, all in standard base64.
enum SprigAES {
    static func key(_ password: [UInt8]) -> SymmetricKey {
        var key = [UInt8](repeating: 0, count: 32)
        for (i, b) in password.prefix(32).enumerated() { key[i] = b }
        return SymmetricKey(data: key)
    }

    /// Encrypts `plaintext` with a fresh IV; "" stays "" (as Sprig).
    static func encrypt(password: [UInt8], plaintext: [UInt8], iv: [UInt8]? = nil) throws -> String {
        if plaintext.isEmpty { return "" }
        let padding = 16 - plaintext.count % 16
        let content = plaintext + [UInt8](repeating: UInt8(padding), count: padding)
        let ivBytes = iv ?? SecureRandom.bytes(16)
        do {
            let sealed = try AES._CBC.encrypt(
                content, using: key(password), iv: try AES._CBC.IV(ivBytes: ivBytes), noPadding: true)
            return Base64.encode(ivBytes + Array(sealed))
        } catch {
            throw FunctionError("AES encryption failed: \(error)")
        }
    }

    /// Decrypts what `encrypt` (or Sprig) produced; "" stays "". Errors are
    /// Go's, including the runtime panics Sprig's code turns into errors.
    static func decrypt(password: [UInt8], base64Text: String) throws -> String {
        if base64Text.isEmpty { return "" }
        let crypt: [UInt8]
        do { crypt = try Base64.decode(base64Text) } catch { throw FunctionError(error.description) }
        if crypt.count < 16 {
            throw FunctionError("runtime error: slice bounds out of range [:16] with capacity \(crypt.count)")
        }
        let body = Array(crypt[16...])
        if body.count % 16 != 0 { throw FunctionError("crypto/cipher: input not full blocks") }
        if body.isEmpty { throw FunctionError("runtime error: index out of range [-1]") }
        let plain: [UInt8]
        do {
            plain = Array(try AES._CBC.decrypt(
                body, using: key(password), iv: try AES._CBC.IV(ivBytes: crypt[0..<16]), noPadding: true))
        } catch {
            throw FunctionError("AES decryption failed: \(error)")
        }
        guard let last = plain.last else { throw FunctionError("runtime error: index out of range [-1]") }
        let end = plain.count - Int(last)
        if end < 0 { throw FunctionError("runtime error: slice bounds out of range [:\(end)]") }
        return String(decoding: plain[..<end], as: UTF8.self)
    }
}
