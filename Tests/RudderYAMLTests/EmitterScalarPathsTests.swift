import Testing
@testable import RudderYAML

/// ASCII text is emitted from its bytes, where simple texts skip libyaml's
/// analysis and plain scalars are copied at once; other text goes character
/// by character. Both must write the same bytes for the same ASCII text.
@Suite struct EmitterScalarPathsTests {
    static func emitted(_ text: String, asBytes: Bool, flavor: YAMLEmitter.Flavor, asKey: Bool,
                        column: Int, request: YAMLEmitter.Request) -> [UInt8] {
        var emitter = YAMLEmitter(flavor: flavor)
        for _ in 0..<column { emitter.put(UInt8(ascii: "x")) }
        let bytes = Array(text.utf8)
        let marker = YAMLEmitter.startsWithMarker(bytes.withUnsafeBufferPointer { $0 })
        if asBytes {
            bytes.withUnsafeBufferPointer {
                emitter.writeScalar($0, utf8Count: bytes.count, request: request, asKey: asKey, documentMarker: marker)
            }
        } else {
            let codes = text.unicodeScalars.map(\.value)
            emitter.writeScalar(codes, utf8Count: bytes.count, request: request, asKey: asKey, documentMarker: marker)
        }
        return emitter.out
    }

    @Test func bytesAndCharactersAgree() {
        let pieces = ["a", "Z", "9", "-", ".", "/", "_", " ", ":", "#", "- ", "--", "...", "---", "app.kubernetes.io/name",
                      "100m", "\n", "'", "\"", "@", "\t", String(repeating: "w", count: 30)]
        var state: UInt64 = 0xE_3175
        var checked = 0
        for round in 0..<4000 {
            var text = ""
            for _ in 0..<(round % 11) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            for flavor in [YAMLEmitter.Flavor.v2, .v3] {
                for asKey in [false, true] {
                    for column in [0, 60, 79, 81] {
                        for request in [YAMLEmitter.Request.plain, .doubleQuoted] {
                            let fast = Self.emitted(text, asBytes: true, flavor: flavor, asKey: asKey, column: column, request: request)
                            let slow = Self.emitted(text, asBytes: false, flavor: flavor, asKey: asKey, column: column, request: request)
                            #expect(fast == slow, "\(String(reflecting: text)) \(flavor) key \(asKey) column \(column)")
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked == 4000 * 32)
    }
}
