import Crypto
import RudderCore
import RudderTemplate
import X509
import _CryptoExtras

/// A private key of a kind Sprig makes or accepts, with Go's PEM forms.
enum SprigPrivateKey {
    case rsa(_RSA.Signing.PrivateKey)
    case p256(P256.Signing.PrivateKey)
    case p384(P384.Signing.PrivateKey)
    case p521(P521.Signing.PrivateKey)
    case ed25519(Curve25519.Signing.PrivateKey)

    struct KeyError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Sprig's `genPrivateKey`: RSA 4096 (also for ""), ECDSA P-256, Ed25519.
    static func generate(type: String) throws -> SprigPrivateKey? {
        switch type {
        case "", "rsa": return .rsa(try _RSA.Signing.PrivateKey(keySize: .bits4096))
        case "ecdsa": return .p256(P256.Signing.PrivateKey())
        case "ed25519": return .ed25519(Curve25519.Signing.PrivateKey())
        default: return nil
        }
    }

    /// A fresh 2048-bit RSA key, as Sprig's certificate functions make.
    static func generateRSA2048() throws -> SprigPrivateKey {
        .rsa(try _RSA.Signing.PrivateKey(keySize: .bits2048))
    }

    /// The PEM block Go's `pemBlockForKey` writes: PKCS#1 for RSA, SEC1 for
    /// ECDSA (with the curve and the public key), PKCS#8 for Ed25519.
    var pem: String {
        switch self {
        case .rsa(let key):
            return PEM.encode(type: "RSA PRIVATE KEY", bytes: Array(key.derRepresentation))
        case .p256(let key):
            return Self.sec1(scalar: Array(key.rawRepresentation), curve: DERBytes.p256, point: Array(key.publicKey.x963Representation))
        case .p384(let key):
            return Self.sec1(scalar: Array(key.rawRepresentation), curve: DERBytes.p384, point: Array(key.publicKey.x963Representation))
        case .p521(let key):
            return Self.sec1(scalar: Array(key.rawRepresentation), curve: DERBytes.p521, point: Array(key.publicKey.x963Representation))
        case .ed25519(let key):
            let der = DERBytes.sequence(
                DERBytes.integer(0), DERBytes.sequence(DERBytes.element(0x06, DERBytes.ed25519)),
                DERBytes.octetString(DERBytes.octetString(Array(key.rawRepresentation))))
            return PEM.encode(type: "PRIVATE KEY", bytes: der)
        }
    }

    /// Go's `MarshalECPrivateKey` (RFC 5915).
    static func sec1(scalar: [UInt8], curve: [UInt8], point: [UInt8]) -> String {
        let der = DERBytes.sequence(
            DERBytes.integer(1), DERBytes.octetString(scalar),
            DERBytes.element(0xa0, DERBytes.element(0x06, curve)),
            DERBytes.element(0xa1, DERBytes.bitString(point)))
        return PEM.encode(type: "EC PRIVATE KEY", bytes: der)
    }

    /// The key as swift-certificates signs with it.
    var certificateKey: Certificate.PrivateKey {
        switch self {
        case .rsa(let key): return Certificate.PrivateKey(key)
        case .p256(let key): return Certificate.PrivateKey(key)
        case .p384(let key): return Certificate.PrivateKey(key)
        case .p521(let key): return Certificate.PrivateKey(key)
        case .ed25519(let key): return Certificate.PrivateKey(key)
        }
    }

    /// The signature algorithm Go's `x509.CreateCertificate` picks for this signer.
    var signatureAlgorithm: Certificate.SignatureAlgorithm {
        switch self {
        case .rsa: return .sha256WithRSAEncryption
        case .p256: return .ecdsaWithSHA256
        case .p384: return .ecdsaWithSHA384
        case .p521: return .ecdsaWithSHA512
        case .ed25519: return .ed25519
        }
    }

    /// The bytes of the subjectPublicKey BIT STRING, which Go hashes for key identifiers.
    var publicKeyBytes: [UInt8] {
        switch self {
        case .rsa(let key): return Array(key.publicKey.pkcs1DERRepresentation)
        case .p256(let key): return Array(key.publicKey.x963Representation)
        case .p384(let key): return Array(key.publicKey.x963Representation)
        case .p521(let key): return Array(key.publicKey.x963Representation)
        case .ed25519(let key): return Array(key.publicKey.rawRepresentation)
        }
    }

    /// Sprig's `parsePrivateKeyPEM`, with its error texts.
    static func parse(pem text: String) throws -> SprigPrivateKey {
        guard let block = PEM.decode(text) else { throw KeyError("no PEM data in input") }
        if block.type == "PRIVATE KEY" {
            do {
                return try parsePKCS8(block.bytes)
            } catch {
                throw KeyError("decoding PEM as PKCS#8: \(error)")
            }
        }
        guard block.type.hasSuffix(" PRIVATE KEY") else {
            throw KeyError("no private key data in PEM block of type \(block.type)")
        }
        switch block.type.dropLast(12) {
        case "RSA":
            do {
                return .rsa(try _RSA.Signing.PrivateKey(
                    unsafePEMRepresentation: PEM.encode(type: "RSA PRIVATE KEY", bytes: block.bytes)))
            } catch {
                throw KeyError("parsing RSA private key from PEM: x509: failed to parse private key")
            }
        case "EC":
            do {
                return try parseEC(PEM.encode(type: "EC PRIVATE KEY", bytes: block.bytes))
            } catch {
                throw KeyError("parsing EC private key from PEM: x509: failed to parse EC private key")
            }
        case "DSA":
            throw KeyError("DSA keys are not supported by rudder (swift-crypto has no DSA)")
        default:
            throw KeyError("invalid private key type \(block.type)")
        }
    }

    static func parseEC(_ pem: String) throws -> SprigPrivateKey {
        if let key = try? P256.Signing.PrivateKey(pemRepresentation: pem) { return .p256(key) }
        if let key = try? P384.Signing.PrivateKey(pemRepresentation: pem) { return .p384(key) }
        return .p521(try P521.Signing.PrivateKey(pemRepresentation: pem))
    }

    /// Go's `ParsePKCS8PrivateKey` for RSA, ECDSA and Ed25519 keys.
    static func parsePKCS8(_ der: [UInt8]) throws -> SprigPrivateKey {
        let parts = try DERBytes.sequenceContents(der[...])
        guard parts.count >= 3, parts[1].tag == 0x30, parts[2].tag == 0x04 else {
            throw KeyError("x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)")
        }
        let algorithm = try DERBytes.children(parts[1].content)
        guard let oid = algorithm.first, oid.tag == 0x06 else { throw DERBytes.Malformed() }
        let pem = PEM.encode(type: "PRIVATE KEY", bytes: der)
        switch Array(oid.content) {
        case DERBytes.rsaEncryption:
            return .rsa(try _RSA.Signing.PrivateKey(unsafePEMRepresentation: pem))
        case DERBytes.ecPublicKey:
            return try parseEC(pem)
        case DERBytes.ed25519:
            let inner = try DERBytes.children(parts[2].content)
            guard inner.count == 1, inner[0].tag == 0x04, inner[0].content.count == 32 else {
                throw KeyError("x509: invalid Ed25519 private key")
            }
            return .ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: Array(inner[0].content)))
        default:
            throw KeyError("x509: PKCS#8 wrapping contained private key with unknown algorithm")
        }
    }
}

extension CryptoFunctions {
    /// Sprig's `genPrivateKey`: the PEM text, or Sprig's text for an unknown type.
    static func generatePrivateKeyPEM(type: String) throws -> String {
        if type == "dsa" {
            throw FunctionError(
                "genPrivateKey \"dsa\" is not supported by rudder: swift-crypto has no DSA "
                    + "(use \"rsa\", \"ecdsa\" or \"ed25519\")")
        }
        do {
            guard let key = try SprigPrivateKey.generate(type: type) else { return "Unknown type \(type)" }
            return key.pem
        } catch {
            return "failed to generate private key: \(error)"
        }
    }
}
