import RudderCore
import RudderTemplate
import X509

extension CryptoFunctions {
    static func registerKeysAndCertificates(into registry: inout FunctionRegistry) {
        add(&registry, "genPrivateKey", [.string]) { a in .string(try generatePrivateKeyPEM(type: try a.string(0))) }
        add(&registry, "genCA", [.string, .int]) { a in
            try certificate(commonName: a.string(0), ips: [], dns: [], days: a.int(1), isCA: true, keyPEM: nil, ca: nil)
        }
        add(&registry, "genCAWithKey", [.string, .int, .string]) { a in
            try certificate(commonName: a.string(0), ips: [], dns: [], days: a.int(1), isCA: true, keyPEM: a.string(2), ca: nil)
        }
        add(&registry, "genSelfSignedCert", [.string, .list, .list, .int]) { a in
            try certificate(commonName: a.string(0), ips: a.list(1), dns: a.list(2), days: a.int(3), isCA: false, keyPEM: nil, ca: nil)
        }
        add(&registry, "genSelfSignedCertWithKey", [.string, .list, .list, .int, .string]) { a in
            try certificate(
                commonName: a.string(0), ips: a.list(1), dns: a.list(2), days: a.int(3), isCA: false,
                keyPEM: a.string(4), ca: nil)
        }
        add(&registry, "genSignedCert", [.string, .list, .list, .int, .any]) { a in
            try certificate(
                commonName: a.string(0), ips: a.list(1), dns: a.list(2), days: a.int(3), isCA: false,
                keyPEM: nil, ca: authority(a[4]))
        }
        add(&registry, "genSignedCertWithKey", [.string, .list, .list, .int, .any, .string]) { a in
            try certificate(
                commonName: a.string(0), ips: a.list(1), dns: a.list(2), days: a.int(3), isCA: false,
                keyPEM: a.string(5), ca: authority(a[4]))
        }
        add(&registry, "buildCustomCert", [.string, .string]) { a in
            .object(try buildCustomCertificate(base64Certificate: a.string(0), base64Key: a.string(1)))
        }
    }

    /// The `certificate` argument of `genSignedCert` (a Go struct: nothing else converts).
    static func authority(_ value: Value) throws -> SprigCertificate {
        if case .object(let object) = value, let certificate = object as? SprigCertificate { return certificate }
        throw FunctionError("wrong type for value; expected sprig.certificate; got \(value.goTypeName)")
    }

    /// The shared path of the `gen*Cert*` functions, with Sprig's checks and error texts in its order.
    static func certificate(
        commonName: String, ips: [Value], dns: [Value], days: Int, isCA: Bool, keyPEM: String?, ca: SprigCertificate?
    ) throws -> Value {
        var key: SprigPrivateKey?
        if let keyPEM {
            do { key = try SprigPrivateKey.parse(pem: keyPEM) } catch {
                throw FunctionError("parsing private key: \(error)")
            }
        }
        var signer: SprigCertificates.Signer?
        if let ca {
            guard let block = PEM.decode(ca.cert) else { throw FunctionError("unable to decode certificate") }
            let parsed: Certificate
            do { parsed = try Certificate(derEncoded: block.bytes) } catch {
                throw FunctionError("error parsing certificate: decodedSignerCert.Bytes: x509: malformed certificate")
            }
            do {
                signer = SprigCertificates.Signer(certificate: parsed, key: try SprigPrivateKey.parse(pem: ca.key))
            } catch {
                throw FunctionError("error parsing private key: \(error)")
            }
        }
        let request = SprigCertificates.Request(
            commonName: commonName, ipAddresses: try SprigCertificates.ipAddresses(ips),
            dnsNames: try SprigCertificates.dnsNames(dns), days: days, isCA: isCA)
        if days > maximumValidityDays || days < -maximumValidityDays {
            throw FunctionError(
                "certificate validity of \(days) days is outside rudder's limit of ±\(maximumValidityDays) days")
        }
        do {
            let signee = try key ?? SprigPrivateKey.generateRSA2048()
            return .object(try SprigCertificates.make(request, key: signee, signer: signer))
        } catch let error as FunctionError {
            throw error
        } catch {
            throw FunctionError("error creating certificate: \(error)")
        }
    }

    /// Sprig's `buildCustomCert`: checks both parts, returns them unchanged.
    static func buildCustomCertificate(base64Certificate: String, base64Key: String) throws -> SprigCertificate {
        guard let certificateBytes = try? Base64.decode(base64Certificate) else {
            throw FunctionError("unable to decode base64 certificate")
        }
        guard let keyBytes = try? Base64.decode(base64Key) else {
            throw FunctionError("unable to decode base64 private key")
        }
        let certificateText = String(decoding: certificateBytes, as: UTF8.self)
        let keyText = String(decoding: keyBytes, as: UTF8.self)
        guard let block = PEM.decode(certificateText) else { throw FunctionError("unable to decode certificate") }
        do { _ = try Certificate(derEncoded: block.bytes) } catch {
            throw FunctionError("error parsing certificate: decodedCert.Bytes: x509: malformed certificate")
        }
        do { _ = try SprigPrivateKey.parse(pem: keyText) } catch {
            throw FunctionError("error parsing private key: \(error)")
        }
        return SprigCertificate(cert: certificateText, key: keyText)
    }
}
