import Testing
@Suite struct RudderTemplatePlaceholderTests { @Test func targetBuilds() { #expect(Bool(true)) } }
