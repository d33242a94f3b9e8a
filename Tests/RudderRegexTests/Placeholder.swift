import Testing
@Suite struct RudderRegexPlaceholderTests { @Test func targetBuilds() { #expect(Bool(true)) } }
