import Testing
import _RudderTestSupport

@Suite struct GoldenCaseFormatTests {
    @Test func sectionsKeepExactBytes() throws {
        let text = "#### case a\n#### t\nabc\n#### o\nabc\n\n#### e\n\n#### x\n\\#### end\n\\\\#### y\n#### end\n"
        let cases = try GoldenCases.parse(text, file: "t")
        #expect(cases.count == 1)
        #expect(cases[0].name == "a")
        #expect(cases[0]["t"] == "abc")
        #expect(cases[0]["o"] == "abc\n")
        #expect(cases[0]["e"] == "")
        #expect(cases[0]["x"] == "#### end\n\\#### y")
        #expect(cases[0].order == ["t", "o", "e", "x"])
    }

    @Test func unterminatedCaseIsAnError() {
        #expect(throws: GoldenCaseError.self) {
            try GoldenCases.parse("#### case a\n#### t\nabc\n", file: "t")
        }
    }
}
