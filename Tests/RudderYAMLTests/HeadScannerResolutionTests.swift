import Testing
@testable import RudderYAML

/// The head scanner skips resolving plain values outside the head unless
/// they may be NaN or infinite (which the full reader refuses): every text
/// the resolver reads as a non-finite float must be one it resolves.
@Suite struct HeadScannerResolutionTests {
    static func nonFinite(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            if case .float(let d) = ResolvedScalar.classifyPlain(buffer) { return !d.isFinite }
            return false
        }
    }

    static func mayBeNonFinite(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer { HeadScanner.mayBeNonFinite($0) }
    }

    @Test func everyNonFiniteFloatIsResolved() {
        var texts = [
            ".inf", ".Inf", ".INF", "+.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN", "inf", "+inf", "-Infinity",
            "nan", "NaN", "1e999", "-1e400", "+1E+999", ".5e999", "1_0e999", "0x1p999", "0x1P+2000", "1e-999",
            String(repeating: "9", count: 400), String(repeating: "9", count: 400) + ".5", "Infinity", "+Inf",
        ]
        let alphabet = Array("0123456789.+-eE_infaNIFxXobp")
        var state: UInt64 = 0x1F_1A17E
        for round in 0..<20000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var text = ""
            var bits = state
            for _ in 0..<(1 + round % 9) {
                text.append(alphabet[Int(bits % UInt64(alphabet.count))])
                bits = bits / UInt64(alphabet.count) ^ (bits << 7)
            }
            texts.append(text)
        }
        var found = 0
        for text in texts where Self.nonFinite(text) {
            found += 1
            #expect(Self.mayBeNonFinite(text), "\(text) resolves to a non-finite float")
        }
        #expect(found >= 9)
        #expect(!Self.mayBeNonFinite("10") && !Self.mayBeNonFinite("100m") && !Self.mayBeNonFinite("-1e999"))
    }
}
