import Testing
@Suite struct RudderFunctionsPlaceholderTests { @Test func targetBuilds() { #expect(Bool(true)) } }
