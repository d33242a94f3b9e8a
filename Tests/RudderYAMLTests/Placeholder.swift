import Testing
@Suite struct RudderYAMLPlaceholderTests { @Test func targetBuilds() { #expect(Bool(true)) } }
