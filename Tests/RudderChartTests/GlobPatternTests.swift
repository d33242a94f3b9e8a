import Testing
@testable import RudderChart

@Suite struct GlobPatternTests {
    // Rows from Go's path/filepath match_test.go semantics.
    @Test(arguments: [
        ("abc", "abc", true), ("*", "abc", true), ("*c", "abc", true), ("a*", "a", true), ("a*", "abc", true),
        ("a*", "ab/c", false), ("a*/b", "abc/b", true), ("a*/b", "a/c/b", false), ("a*b*c*d*e*/f", "axbxcxdxe/f", true),
        ("a*b*c*d*e*/f", "axbxcxdxexxx/f", true), ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false),
        ("a*b?c*x", "abxbbxdbxebxczzx", true), ("a*b?c*x", "abxbbxdbxebxczzy", false),
        ("ab[c]", "abc", true), ("ab[b-d]", "abc", true), ("ab[e-g]", "abc", false), ("ab[^c]", "abc", false),
        ("ab[^b-d]", "abc", false), ("ab[^e-g]", "abc", true), ("a\\*b", "a*b", true), ("a\\*b", "ab", false),
        ("a?b", "a☺b", true), ("a[^a]b", "a☺b", true), ("a???b", "a☺b", false), ("*x", "xxx", true),
    ])
    func matches(pattern: String, name: String, expected: Bool) throws {
        #expect(try GlobPattern.match(pattern, name) == expected)
    }

    @Test(arguments: ["[", "[^", "[^bc", "a[", "ab[", "ab[-c]", "a\\", "[x-]", "*x\\"])
    func badPatterns(pattern: String) {
        #expect(throws: GlobPattern.BadPattern.self) { try GlobPattern.match(pattern, "abc") }
    }
}
