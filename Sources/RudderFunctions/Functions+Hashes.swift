import RudderCore
import RudderTemplate

extension HelmFunctions {
    static func registerHashes(_ r: inout Registrar) {
        r.add("sha1sum", [.string]) { a in .string(Digest.hex(Digest.sha1(Array(try Arguments(a).string(0).utf8)))) }
        r.add("sha256sum", [.string]) { a in .string(Digest.hex(Digest.sha256(Array(try Arguments(a).string(0).utf8)))) }
        r.add("sha512sum", [.string]) { a in .string(Digest.hex(Digest.sha512(Array(try Arguments(a).string(0).utf8)))) }
        r.add("adler32sum", [.string]) { a in .string(String(Digest.adler32(Array(try Arguments(a).string(0).utf8)))) }
    }
}
