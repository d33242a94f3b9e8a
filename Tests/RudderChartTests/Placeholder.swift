import Testing
@Suite struct RudderChartPlaceholderTests { @Test func targetBuilds() { #expect(Bool(true)) } }
