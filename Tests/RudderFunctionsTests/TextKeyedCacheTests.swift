import Testing
@testable import RudderFunctions

/// The cache behind compiled regexes and parsed semver texts: a value is made
/// once per text, a failure is not kept, and the table stays bounded.
@Suite struct TextKeyedCacheTests {
    struct Refused: Error {}

    @Test func makesOncePerTextKeepsNoFailureAndStaysBounded() throws {
        let cache = TextKeyedCache<Int>(capacity: 2)
        var made = 0
        func value(_ text: String) throws(Refused) -> Int {
            try cache.value(text) { text throws(Refused) in
                made += 1
                guard let number = Int(text) else { throw Refused() }
                return number
            }
        }
        #expect(try value("1") == 1)
        #expect(try value("1") == 1)
        #expect(made == 1)
        #expect(throws: Refused.self) { try value("x") }
        #expect(throws: Refused.self) { try value("x") }
        #expect(made == 3)
        #expect(try value("2") == 2)
        // Full at two texts: the third starts the table again, so "1" is made anew.
        #expect(try value("3") == 3)
        #expect(try value("1") == 1)
        #expect(made == 6)
    }
}
