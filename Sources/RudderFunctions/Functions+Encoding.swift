import RudderCore
import RudderTemplate

extension HelmFunctions {
    static func registerEncoding(_ r: inout Registrar) {
        r.add("b64enc", [.string]) { a in .string(Base.encode64(Array(try Arguments(a).string(0).utf8))) }
        r.add("b64dec", [.string]) { a in
            switch Base.decode64(Array(try Arguments(a).string(0).utf8)) {
            case .success(let bytes): return .string(Text.fromBytes(bytes))
            case .failure(let position): return .string("illegal base64 data at input byte \(position.offset)")
            }
        }
        r.add("b32enc", [.string]) { a in .string(Base.encode32(Array(try Arguments(a).string(0).utf8))) }
        r.add("b32dec", [.string]) { a in
            switch Base.decode32(Array(try Arguments(a).string(0).utf8)) {
            case .success(let bytes): return .string(Text.fromBytes(bytes))
            case .failure(let position): return .string("illegal base32 data at input byte \(position.offset)")
            }
        }
    }
}

/// Base64 and base32 with padding (Go's StdEncoding), with Go's error offsets.
/// Base64 and base32 as Go's encoding packages write them.
public enum Base {
    struct CorruptInput: Error { var offset: Int }

    static let alphabet64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    static let alphabet32 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    public static func encode64(_ bytes: [UInt8]) -> String { encode(bytes, alphabet: alphabet64, bitsPerCharacter: 6, block: 4) }
    static func encode32(_ bytes: [UInt8]) -> String { encode(bytes, alphabet: alphabet32, bitsPerCharacter: 5, block: 8) }

    static func encode(_ bytes: [UInt8], alphabet: [UInt8], bitsPerCharacter: Int, block: Int) -> String {
        var out: [UInt8] = []
        var buffer = 0, bits = 0
        let mask = (1 << bitsPerCharacter) - 1
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= bitsPerCharacter {
                bits -= bitsPerCharacter
                out.append(alphabet[(buffer >> bits) & mask])
            }
            buffer &= (1 << bits) - 1
        }
        if bits > 0 { out.append(alphabet[(buffer << (bitsPerCharacter - bits)) & mask]) }
        while out.count % block != 0 { out.append(UInt8(ascii: "=")) }
        return Text.fromBytes(out)
    }

    static func decode64(_ input: [UInt8]) -> Result<[UInt8], CorruptInput> {
        decode(input, alphabet: alphabet64, bitsPerCharacter: 6, block: 4)
    }

    static func decode32(_ input: [UInt8]) -> Result<[UInt8], CorruptInput> {
        decode(input, alphabet: alphabet32, bitsPerCharacter: 5, block: 8)
    }

    /// Decodes quantum by quantum as Go does: newlines are skipped, padding is required.
    static func decode(_ input: [UInt8], alphabet: [UInt8], bitsPerCharacter: Int, block: Int) -> Result<[UInt8], CorruptInput> {
        var table = [Int](repeating: -1, count: 256)
        for (index, character) in alphabet.enumerated() { table[Int(character)] = index }
        var out: [UInt8] = []
        var index = 0
        func isNewline(_ c: UInt8) -> Bool { c == 10 || c == 13 }
        while true {
            var quantum: [Int] = []
            while quantum.count < block {
                if index == input.count {
                    if quantum.isEmpty { return .success(out) }
                    return .failure(CorruptInput(offset: index - quantum.count))
                }
                let character = input[index]
                index += 1
                if isNewline(character) { continue }
                if character == UInt8(ascii: "=") {
                    // Padding: the rest of the quantum must be '=' too, then the input ends.
                    let validLengths = bitsPerCharacter == 6 ? [2, 3] : [2, 4, 5, 7]
                    guard validLengths.contains(quantum.count) else { return .failure(CorruptInput(offset: index - 1)) }
                    var padding = block - quantum.count - 1
                    while padding > 0 {
                        while index < input.count && isNewline(input[index]) { index += 1 }
                        if index == input.count { return .failure(CorruptInput(offset: input.count)) }
                        if input[index] != UInt8(ascii: "=") { return .failure(CorruptInput(offset: index - 1)) }
                        index += 1
                        padding -= 1
                    }
                    while index < input.count && isNewline(input[index]) { index += 1 }
                    if index < input.count { return .failure(CorruptInput(offset: index)) }
                    out += bytes(of: quantum, bitsPerCharacter: bitsPerCharacter)
                    return .success(out)
                }
                let value = table[Int(character)]
                if value < 0 { return .failure(CorruptInput(offset: index - 1)) }
                quantum.append(value)
            }
            out += bytes(of: quantum, bitsPerCharacter: bitsPerCharacter)
        }
    }

    static func bytes(of quantum: [Int], bitsPerCharacter: Int) -> [UInt8] {
        var out: [UInt8] = []
        var buffer = 0, bits = 0
        for value in quantum {
            buffer = (buffer << bitsPerCharacter) | value
            bits += bitsPerCharacter
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> bits) & 0xFF))
                buffer &= (1 << bits) - 1
            }
        }
        return out
    }
}
