import Glibc
import RudderCore
import Testing
import _RudderTestSupport

@testable import RudderCrypto

/// A webhook-style chart rendered through `rudder template`: a CA and a
/// certificate signed by it, in a Secret, as charts write them.
@Suite struct ChartRenderTests {
    static let template = """
        {{- $ca := genCA "webhook-ca" 3650 }}
        {{- $names := list (printf "%s.%s.svc" .Release.Name .Release.Namespace) }}
        {{- $cert := genSignedCert .Release.Name (list "127.0.0.1") $names 365 $ca }}
        apiVersion: v1
        kind: Secret
        metadata:
          name: {{ .Release.Name }}-tls
        type: kubernetes.io/tls
        data:
          ca.crt: {{ $ca.Cert | b64enc }}
          tls.crt: {{ $cert.Cert | b64enc }}
          tls.key: {{ $cert.Key | b64enc }}
          password: {{ randAlphaNum 24 | b64enc }}
          auth: {{ htpasswd "admin" "secret" | b64enc }}
          id: {{ uuidv4 | b64enc }}
        """

    @Test func rendersAndVerifies() throws {
        let rudder = TestProcess.rudderPath()
        guard FileSystem.exists(rudder) else { Issue.record("build rudder first: \(rudder)"); return }
        let directory = "/tmp/rudder-crypto-chart-\(getpid())-\(Int.random(in: 0..<1_000_000_000))"
        defer { FileSystem.removeTree(directory) }
        try FileSystem.writeAtomically(directory + "/c/Chart.yaml", Array("apiVersion: v2\nname: c\nversion: 0.1.0\n".utf8))
        try FileSystem.writeAtomically(directory + "/c/templates/secret.yaml", Array(Self.template.utf8))
        let result = try TestProcess.run([rudder, "template", "hook", directory + "/c", "-n", "infra"])
        #expect(result.status == 0, "\(result.stderr)")
        var data: [String: String] = [:]
        for line in result.stdout.split(separator: "\n") where line.hasPrefix("  ") {
            let parts = line.dropFirst(2).split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let value = parts[1].trimmingPrefix(" ")
            if let bytes = try? Base64.decode(String(value)) { data[String(parts[0])] = String(decoding: bytes, as: UTF8.self) }
        }
        #expect(data["password"]?.utf8.count == 24)
        #expect(data["auth"]?.hasPrefix("admin:$2a$10$") == true)
        #expect(data["id"]?.utf8.count == 36)
        guard OpenSSL.path != nil else { print("skipped: openssl is not installed"); return }
        let ca = try #require(data["ca.crt"])
        let cert = try #require(data["tls.crt"])
        try FileSystem.writeAtomically(directory + "/ca.pem", Array(ca.utf8))
        try FileSystem.writeAtomically(directory + "/c.pem", Array(cert.utf8))
        let verify = try OpenSSL.run(["verify", "-CAfile", "ca.pem", "c.pem"], in: directory)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        let text = try OpenSSL.run(["x509", "-noout", "-text", "-in", "c.pem"], in: directory).stdout
        #expect(text.contains("Subject: CN = hook"))
        #expect(text.contains("DNS:hook.infra.svc, IP Address:127.0.0.1"))
    }
}
