import Glibc
import RudderCore
import RudderTemplate
import RudderYAML
import Testing
import _RudderTestSupport

@testable import RudderCrypto

/// Certificates and keys checked by openssl: fields, verification, key checks,
/// and the same structure as the certificates the reference Helm made.
@Suite(.serialized) struct CertificateTests {
    /// The JSON object a template printed, as strings.
    static func fields(_ template: String) throws -> [String: String] {
        let output = try Render.output(template)
        guard case .map(let map) = try JSONReader.parse(Array(output.utf8), file: "output") else {
            throw FunctionError("not an object: \(output)")
        }
        return map.compactMapValues { if case .string(let s) = $0 { return s } else { return nil } }
    }

    /// `openssl x509 -noout -text` of a PEM certificate.
    static func text(_ pem: String) throws -> String {
        let directory = try OpenSSL.scratch(["c.pem": pem])
        defer { FileSystem.removeTree(directory) }
        let result = try OpenSSL.run(["x509", "-noout", "-text", "-in", "c.pem"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// The text without what differs from one generation to the next: hex
    /// dumps (serials, moduli, signatures, key identifiers) and the times.
    static func normalized(_ text: String) -> String {
        let hex = Set("0123456789abcdefABCDEF: ".utf8)
        return text.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.drop { $0 == " " }
            if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ hex.contains($0) }) { return nil }
            for prefix in ["Not Before:", "Not After :", "Serial Number:"] where trimmed.hasPrefix(prefix) {
                return prefix
            }
            return String(line)
        }.joined(separator: "\n")
    }

    /// Seconds between Not Before and Not After, read with openssl.
    static func validitySeconds(_ pem: String) throws -> Int64 {
        let directory = try OpenSSL.scratch(["c.pem": pem])
        defer { FileSystem.removeTree(directory) }
        let result = try OpenSSL.run(["x509", "-noout", "-startdate", "-enddate", "-dateopt", "iso_8601", "-in", "c.pem"], in: directory)
        var times: [Int64] = []
        for line in result.stdout.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            // "2026-11-26 15:14:31Z"
            let numbers = line[line.index(after: equals)...].split { !$0.isNumber }.compactMap { Int32($0) }
            guard numbers.count == 6 else { continue }
            var parts = tm()
            parts.tm_year = numbers[0] - 1900
            parts.tm_mon = numbers[1] - 1
            parts.tm_mday = numbers[2]
            parts.tm_hour = numbers[3]
            parts.tm_min = numbers[4]
            parts.tm_sec = numbers[5]
            times.append(Int64(timegm(&parts)))
        }
        guard times.count == 2 else { throw FunctionError("dates: \(result.stdout) \(result.stderr)") }
        return times[1] - times[0]
    }

    @Test func certificateAuthority() throws {
        guard OpenSSL.path != nil else { print("skipped: openssl is not installed"); return }
        let ca = try Self.fields(#"{{ $c := genCA "my-ca" 365 }}{{ dict "Cert" $c.Cert "Key" $c.Key | toJson }}"#)
        let text = try Self.text(try #require(ca["Cert"]))
        #expect(text.contains("Subject: CN = my-ca"))
        #expect(text.contains("Issuer: CN = my-ca"))
        #expect(text.contains("Public-Key: (2048 bit)"))
        #expect(text.contains("X509v3 Key Usage: critical\n                Digital Signature, Key Encipherment, Certificate Sign"))
        #expect(text.contains("TLS Web Server Authentication, TLS Web Client Authentication"))
        #expect(text.contains("X509v3 Basic Constraints: critical\n                CA:TRUE"))
        #expect(text.contains("X509v3 Subject Key Identifier"))
        #expect(!text.contains("Subject Alternative Name"))
        #expect(try Self.validitySeconds(try #require(ca["Cert"])) == 365 * 86_400)
        #expect(ca["Key"]?.hasPrefix("-----BEGIN RSA PRIVATE KEY-----\n") == true)
    }

    @Test func signedCertificateVerifiesAgainstItsCA() throws {
        guard OpenSSL.path != nil else { print("skipped: openssl is not installed"); return }
        let made = try Self.fields(
            #"{{ $ca := genCA "my-ca" 365 }}{{ $c := genSignedCert "svc.example" (list "10.0.0.1" "::1") (list "a.example" "b.example") 30 $ca }}{{ dict "CA" $ca.Cert "Cert" $c.Cert "Key" $c.Key | toJson }}"#)
        let ca = try #require(made["CA"])
        let cert = try #require(made["Cert"])
        let text = try Self.text(cert)
        #expect(text.contains("Subject: CN = svc.example"))
        #expect(text.contains("Issuer: CN = my-ca"))
        #expect(text.contains("DNS:a.example, DNS:b.example, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1"))
        #expect(text.contains("Digital Signature, Key Encipherment\n"))
        #expect(text.contains("CA:FALSE"))
        #expect(text.contains("X509v3 Authority Key Identifier"))
        #expect(try Self.validitySeconds(cert) == 30 * 86_400)
        let directory = try OpenSSL.scratch(["ca.pem": ca, "c.pem": cert, "k.pem": try #require(made["Key"])])
        defer { FileSystem.removeTree(directory) }
        let verify = try OpenSSL.run(["verify", "-CAfile", "ca.pem", "c.pem"], in: directory)
        #expect(verify.status == 0 && verify.stdout.contains("c.pem: OK"), "\(verify.stdout)\(verify.stderr)")
        // The key is the certificate's: same public key.
        let fromKey = try OpenSSL.run(["pkey", "-in", "k.pem", "-pubout"], in: directory)
        let fromCert = try OpenSSL.run(["x509", "-in", "c.pem", "-noout", "-pubkey"], in: directory)
        #expect(fromKey.stdout == fromCert.stdout && !fromKey.stdout.isEmpty)
        // A certificate signed by another CA does not verify.
        let other = try Self.fields(#"{{ $c := genCA "my-ca" 365 }}{{ dict "Cert" $c.Cert | toJson }}"#)
        try FileSystem.writeAtomically(directory + "/other.pem", Array(try #require(other["Cert"]).utf8))
        let wrong = try OpenSSL.run(["verify", "-CAfile", "other.pem", "c.pem"], in: directory)
        #expect(wrong.status != 0)
    }

    @Test(arguments: ["rsa", "ecdsa", "ed25519", ""])
    func generatedKeysPassOpenSSL(type: String) throws {
        guard OpenSSL.path != nil else { print("skipped: openssl is not installed"); return }
        let pem = try Render.output("{{ genPrivateKey \(GoQuoteForTest.quote(type)) }}")
        let header = ["rsa": "RSA PRIVATE KEY", "": "RSA PRIVATE KEY", "ecdsa": "EC PRIVATE KEY", "ed25519": "PRIVATE KEY"][type]!
        #expect(pem.hasPrefix("-----BEGIN \(header)-----\n") && pem.hasSuffix("-----END \(header)-----\n"))
        #expect(pem.split(separator: "\n").allSatisfy { $0.count <= 64 })
        let directory = try OpenSSL.scratch(["k.pem": pem])
        defer { FileSystem.removeTree(directory) }
        let check = try OpenSSL.run(
            type == "ed25519" ? ["pkey", "-in", "k.pem", "-noout"] : ["pkey", "-in", "k.pem", "-check", "-noout"], in: directory)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let text = try OpenSSL.run(["pkey", "-in", "k.pem", "-noout", "-text"], in: directory).stdout
        switch type {
        case "ecdsa": #expect(text.contains("ASN1 OID: prime256v1"))
        case "ed25519": #expect(text.contains("ED25519 Private-Key"))
        default: #expect(text.contains("Private-Key: (4096 bit"))
        }
    }

    @Test func dsaFailsClearly() {
        #expect(Render.errorMessage(#"{{ genPrivateKey "dsa" }}"#)?.contains("swift-crypto has no DSA") == true)
    }

    /// Rudder's certificate for each Helm golden template has the same fields,
    /// extensions and algorithms as Helm's (openssl's text, hex dumps and times left out).
    @Test func sameStructureAsHelm() throws {
        guard OpenSSL.path != nil else { print("skipped: openssl is not installed"); return }
        let cases = try GoldenCases.load("crypto/certificates.cases")
        #expect(cases.count >= 8)
        for golden in cases {
            let template = try #require(golden["template"])
            let ours = try Self.fields(template)
            let helmText = Self.normalized(try Self.text(try #require(golden["cert"])))
            let ourText = Self.normalized(try Self.text(try #require(ours["Cert"])))
            #expect(ourText == helmText, "\(golden.name)")
            // The key's PEM type is Helm's.
            let helmKeyType = golden["key"]?.split(separator: "\n").first
            #expect(ours["Key"]?.split(separator: "\n").first == helmKeyType, "\(golden.name)")
            if let helmCA = golden["ca"], !helmCA.isEmpty {
                #expect(Self.normalized(try Self.text(helmCA)) == Self.normalized(try Self.text(try #require(ours["CA"]))))
            }
        }
    }

    /// Helm's certificates and keys are accepted as inputs: buildCustomCert,
    /// then a certificate signed with Helm's CA verifies against it.
    @Test func signsWithHelmsCA() throws {
        guard OpenSSL.path != nil else { print("skipped: openssl is not installed"); return }
        let golden = try #require(try GoldenCases.load("crypto/certificates.cases").first { $0.name == "cert-signed" })
        let caCert = try #require(golden["ca"])
        // The golden holds the CA's certificate; the CA of "cert-ca" has its key.
        let caCase = try #require(try GoldenCases.load("crypto/certificates.cases").first { $0.name == "cert-ca" })
        let cert = try #require(caCase["cert"])
        let key = try #require(caCase["key"])
        #expect(!caCert.isEmpty)
        let made = try Self.fields(
            "{{ $ca := buildCustomCert \(GoQuoteForTest.quote(Base64.encode(Array(cert.utf8)))) \(GoQuoteForTest.quote(Base64.encode(Array(key.utf8)))) }}"
                + #"{{ $c := genSignedCert "leaf" nil (list "leaf.example") 3 $ca }}{{ dict "Cert" $c.Cert | toJson }}"#)
        let directory = try OpenSSL.scratch(["ca.pem": cert, "c.pem": try #require(made["Cert"])])
        defer { FileSystem.removeTree(directory) }
        let verify = try OpenSSL.run(["verify", "-CAfile", "ca.pem", "c.pem"], in: directory)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }

    @Test func withKeyFormsKeepTheKey() throws {
        let key = try Render.output(#"{{ genPrivateKey "ecdsa" }}"#)
        #expect(try Render.output("{{ (genSelfSignedCertWithKey \"k\" nil nil 2 \(GoQuoteForTest.quote(key))).Key }}") == key)
        let ed = try Render.output(#"{{ genPrivateKey "ed25519" }}"#)
        #expect(try Render.output("{{ (genCAWithKey \"k\" 2 \(GoQuoteForTest.quote(ed))).Key }}") == ed)
        // A PKCS#8 RSA key comes back as PKCS#1, as Go's pemBlockForKey writes it.
        let rsa = try Render.output(#"{{ genPrivateKey "rsa" }}"#)
        guard let block = PEM.decode(rsa), let parsed = try? SprigPrivateKey.parse(pem: rsa),
            case .rsa(let rsaKey) = parsed
        else { Issue.record("RSA key did not parse"); return }
        let pkcs8 = rsaKey.pkcs8PEMRepresentation
        #expect(pkcs8.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(try Render.output("{{ (genCAWithKey \"k\" 2 \(GoQuoteForTest.quote(pkcs8))).Key }}") == rsa)
        #expect(block.type == "RSA PRIVATE KEY")
    }

    /// The Subject Key Identifier openssl shows, and the one computed as Go 1.25
    /// does (SHA-256 of the public key bits, cut to 20 bytes) from openssl's public key.
    static func keyIdentifiers(_ pem: String) throws -> (shown: String, computed: String) {
        let directory = try OpenSSL.scratch(["c.pem": pem])
        defer { FileSystem.removeTree(directory) }
        let text = try OpenSSL.run(["x509", "-noout", "-text", "-in", "c.pem"], in: directory).stdout
        let lines = text.split(separator: "\n")
        guard let at = lines.firstIndex(where: { $0.contains("X509v3 Subject Key Identifier") }), at + 1 < lines.count else {
            return ("", "missing")
        }
        _ = try OpenSSL.run(["x509", "-in", "c.pem", "-noout", "-pubkey", "-out", "pub.pem"], in: directory)
        _ = try OpenSSL.run(["pkey", "-pubin", "-in", "pub.pem", "-outform", "DER", "-out", "pub.der"], in: directory)
        let spki = try DERBytes.sequenceContents(try FileSystem.read(directory + "/pub.der")[...])
        guard spki.count == 2, spki[1].tag == 0x03 else { return (String(lines[at + 1]), "bad SPKI") }
        let identifier = SprigCertificates.keyIdentifier(Array(spki[1].content.dropFirst()))
        let hex = Array("0123456789ABCDEF")
        let computed = identifier.map { "\(hex[Int($0 >> 4)])\(hex[Int($0 & 15)])" }.joined(separator: ":")
        return (String(lines[at + 1].drop { $0 == " " }), computed)
    }

    @Test func keyIdentifiersAreGo125s() throws {
        guard OpenSSL.path != nil else { print("skipped: openssl is not installed"); return }
        // Helm's CA certificates: the formula is Helm's.
        for golden in try GoldenCases.load("crypto/certificates.cases") where golden.name.hasPrefix("cert-ca") {
            let ids = try Self.keyIdentifiers(try #require(golden["cert"]))
            #expect(ids.shown == ids.computed, "\(golden.name)")
        }
        // Rudder's, for each key type.
        for key in ["", #"(genPrivateKey "ecdsa")"#, #"(genPrivateKey "ed25519")"#] {
            let template = key.isEmpty ? #"{{ (genCA "c" 1).Cert }}"# : "{{ (genCAWithKey \"c\" 1 \(key)).Cert }}"
            let ids = try Self.keyIdentifiers(try Render.output(template))
            #expect(ids.shown == ids.computed && ids.computed.count == 59, "\(template)")
        }
    }

    @Test func validityLimit() {
        #expect(Render.errorMessage(#"{{ genCA "x" 200000 }}"#)?.contains("outside rudder's limit") == true)
    }

    @Test func objectPrintsAndEncodesAsGo() throws {
        let object = SprigCertificate(cert: "C", key: "K")
        #expect(object.printed == "{C K}")
        #expect(object.goTypeName == "sprig.certificate")
        #expect(object.field("Cert") == .string("C"))
        #expect(object.field("Nope") == nil)
    }
}
