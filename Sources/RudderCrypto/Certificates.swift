// Date is the one FoundationEssentials type used: swift-certificates takes it for validity.
import Crypto
import FoundationEssentials
import Glibc
import RudderCore
import RudderTemplate
import SwiftASN1
import X509

/// Certificates as Sprig's `getBaseCertTemplate` and Go's `x509.CreateCertificate`
/// make them: a random 128-bit serial, subject CN only, NotBefore now and
/// NotAfter now + days, key usage digitalSignature+keyEncipherment (+certSign for
/// a CA, which is also CA:TRUE), extended key usage serverAuth+clientAuth, basic
/// constraints always present, and Go 1.25's key identifiers (truncated SHA-256).
enum SprigCertificates {
    struct Request {
        var commonName: String
        var ipAddresses: [[UInt8]] = []
        var dnsNames: [String] = []
        var days: Int
        var isCA = false
    }

    /// The issuer of a signed certificate: its parsed certificate and key.
    struct Signer {
        var certificate: Certificate
        var key: SprigPrivateKey
    }

    static func make(_ request: Request, key: SprigPrivateKey, signer: Signer?) throws -> SprigCertificate {
        let subject = try distinguishedName(request.commonName)
        let issuer = signer?.certificate.subject ?? subject
        var extensions: [Certificate.Extension] = [
            try Certificate.Extension(
                KeyUsage(digitalSignature: true, keyEncipherment: true, keyCertSign: request.isCA), critical: true),
            try Certificate.Extension(ExtendedKeyUsage([.serverAuth, .clientAuth]), critical: false),
            try Certificate.Extension(
                request.isCA ? BasicConstraints.isCertificateAuthority(maxPathLength: nil) : .notCertificateAuthority,
                critical: true),
        ]
        if request.isCA {
            let identifier = keyIdentifier(key.publicKeyBytes)
            extensions.append(try Certificate.Extension(SubjectKeyIdentifier(keyIdentifier: identifier[...]), critical: false))
        }
        if let signer, issuer != subject,
            let authority = try signer.certificate.extensions.subjectKeyIdentifier
        {
            extensions.append(try Certificate.Extension(
                AuthorityKeyIdentifier(keyIdentifier: authority.keyIdentifier), critical: false))
        }
        if !request.dnsNames.isEmpty || !request.ipAddresses.isEmpty {
            let names = request.dnsNames.map { GeneralName.dnsName($0) }
                + request.ipAddresses.map { GeneralName.ipAddress(ASN1OctetString(contentBytes: $0[...])) }
            extensions.append(try Certificate.Extension(SubjectAlternativeNames(names), critical: false))
        }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let start = Double(now.tv_sec)
        let signingKey = signer?.key ?? key
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(bytes: SecureRandom.bytes(16)),
            publicKey: key.certificateKey.publicKey,
            notValidBefore: Date(timeIntervalSince1970: start),
            notValidAfter: Date(timeIntervalSince1970: start + Double(request.days) * 86_400),
            issuer: issuer,
            subject: subject,
            signatureAlgorithm: signingKey.signatureAlgorithm,
            extensions: try Certificate.Extensions(extensions),
            issuerPrivateKey: signingKey.certificateKey)
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return SprigCertificate(
            cert: PEM.encode(type: "CERTIFICATE", bytes: serializer.serializedBytes), key: key.pem)
    }

    /// Go 1.25's generated key identifier: SHA-256 of the public key bits, cut to 20 bytes.
    static func keyIdentifier(_ publicKeyBytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: publicKeyBytes).prefix(20))
    }

    /// A subject with only a common name (none when it is empty), encoded as Go
    /// does: PrintableString when every character allows it, else UTF8String.
    static func distinguishedName(_ commonName: String) throws -> DistinguishedName {
        if commonName.isEmpty { return DistinguishedName() }
        let printable = commonName.utf8.allSatisfy { c in
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return " '()+,-./:=?".utf8.contains(c)
            }
        }
        let value: RelativeDistinguishedName.Attribute.Value =
            printable ? try .init(printableString: commonName) : .init(utf8String: commonName)
        return DistinguishedName([
            RelativeDistinguishedName(RelativeDistinguishedName.Attribute(type: .RDNAttributeType.commonName, value: value))
        ])
    }

    /// Sprig's `getNetIPs`: each must be a string Go's `net.ParseIP` accepts;
    /// IPv4 (also IPv4-mapped IPv6) is written in 4 bytes, as Go marshals it.
    static func ipAddresses(_ values: [Value]) throws -> [[UInt8]] {
        try values.map { value in
            guard case .string(let text) = value else {
                throw FunctionError("error parsing ip: \(Printer.format(value)) is not a string")
            }
            var v4 = in_addr()
            if inet_pton(AF_INET, text, &v4) == 1 {
                return withUnsafeBytes(of: &v4) { Array($0) }
            }
            var v6 = in6_addr()
            if !text.contains("%"), inet_pton(AF_INET6, text, &v6) == 1 {
                let bytes = withUnsafeBytes(of: &v6) { Array($0) }
                if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
                    return Array(bytes[12..<16])
                }
                return bytes
            }
            throw FunctionError("error parsing ip: \(text)")
        }
    }

    /// Sprig's `getAlternateDNSStrs`.
    static func dnsNames(_ values: [Value]) throws -> [String] {
        try values.map { value in
            guard case .string(let text) = value else {
                throw FunctionError("error processing alternate dns name: \(Printer.format(value)) is not a string")
            }
            return text
        }
    }
}
