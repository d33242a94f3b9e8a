import RudderCore
import RudderTemplate
import Testing
import _RudderTestSupport

/// Every case of Tests/Golden/crypto/deterministic.cases: exact outputs and
/// error messages the reference Helm gave (derivePassword, Sprig's texts,
/// runtime panics Go turns into errors, buildCustomCert's object).
@Suite struct DeterministicGoldenTests {
    static func cases() -> [GoldenCase] { (try? GoldenCases.load("crypto/deterministic.cases")) ?? [] }

    /// Cases where rudder differs, keyed by the end of their template, with the reason.
    static let knownDifferences: [String: String] = [
        // Go checks a variable's dynamic type against uint32; the engine has no
        // uint32 parameter type, so an int variable is accepted.
        #"{{ $x := 1 }}{{ derivePassword $x "long" "p" "u" "s" }}"#: "uint32 parameter",
    ]

    static func isKnownDifference(_ template: String) -> Bool {
        knownDifferences.keys.contains { template.hasSuffix($0) }
    }

    @Test func goldenFileIsThere() {
        #expect(Self.cases().count >= 40)
    }

    @Test(arguments: DeterministicGoldenTests.cases())
    func golden(_ golden: GoldenCase) throws {
        let template = try #require(golden["template"])
        if Self.isKnownDifference(template) { return }
        switch Render.result(template) {
        case .success(let output):
            #expect(golden["output"] == output, "\(template)")
        case .failure(let error):
            var innermost = error
            while let inner = innermost.underlying { innermost = inner }
            let expected = try #require(golden["error"], "\(template): unexpected error \(innermost.message)")
            #expect(innermost.message.hasSuffix(expected), "\(template): \(innermost.message)")
        }
    }
}
