/// Just enough DER to write SEC1 and PKCS#8 key structures and to read the
/// outer layers of PKCS#8 and SubjectPublicKeyInfo, as Go's encoders lay them out.
enum DERBytes {
    static func element(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var out = [tag]
        let n = content.count
        if n < 0x80 {
            out.append(UInt8(n))
        } else {
            var lengthBytes: [UInt8] = []
            var rest = n
            while rest > 0 {
                lengthBytes.insert(UInt8(truncatingIfNeeded: rest), at: 0)
                rest >>= 8
            }
            out.append(0x80 | UInt8(lengthBytes.count))
            out.append(contentsOf: lengthBytes)
        }
        return out + content
    }

    static func sequence(_ parts: [UInt8]...) -> [UInt8] { element(0x30, parts.flatMap { $0 }) }
    static func integer(_ value: UInt8) -> [UInt8] { element(0x02, [value]) }
    static func octetString(_ bytes: [UInt8]) -> [UInt8] { element(0x04, bytes) }
    static func bitString(_ bytes: [UInt8]) -> [UInt8] { element(0x03, [0] + bytes) }

    /// One element read from DER: its tag and content.
    struct Node {
        var tag: UInt8
        var content: ArraySlice<UInt8>
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String { "asn1: structure error: malformed DER" }
    }

    /// The elements that follow one another in `bytes`.
    static func children(_ bytes: ArraySlice<UInt8>) throws -> [Node] {
        var nodes: [Node] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard index + 1 < bytes.endIndex else { throw Malformed() }
            let tag = bytes[index]
            var length = Int(bytes[index + 1])
            index += 2
            if length >= 0x80 {
                let count = length & 0x7f
                guard count >= 1, count <= 4, index + count <= bytes.endIndex else { throw Malformed() }
                length = 0
                for k in 0..<count { length = length << 8 | Int(bytes[index + k]) }
                index += count
            }
            guard length <= bytes.endIndex - index else { throw Malformed() }
            nodes.append(Node(tag: tag, content: bytes[index..<(index + length)]))
            index += length
        }
        return nodes
    }

    /// The contents of the single SEQUENCE that `bytes` holds.
    static func sequenceContents(_ bytes: ArraySlice<UInt8>) throws -> [Node] {
        let top = try children(bytes)
        guard top.count == 1, top[0].tag == 0x30 else { throw Malformed() }
        return try children(top[0].content)
    }

    /// Object identifiers in DER form (content bytes only).
    static let rsaEncryption: [UInt8] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]
    static let ecPublicKey: [UInt8] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]
    static let ed25519: [UInt8] = [0x2b, 0x65, 0x70]
    static let p256: [UInt8] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]
    static let p384: [UInt8] = [0x2b, 0x81, 0x04, 0x00, 0x22]
    static let p521: [UInt8] = [0x2b, 0x81, 0x04, 0x00, 0x23]
}
