import Testing
@testable import RudderChart

/// `.helmignore` rules, with the cases of Helm's `pkg/ignore/rules_test.go`.
@Suite struct HelmIgnoreTests {
    /// Helm's `TestIgnore` table: (pattern, name, is a directory in its testdata, expected).
    static let helmCases: [(String, String, Bool, Bool)] = [
        ("helm.txt", "helm.txt", false, true),
        ("helm.*", "helm.txt", false, true),
        ("helm.*", "rudder.txt", false, false),
        ("*.txt", "tiller.txt", false, true),
        ("*.txt", "cargo/a.txt", false, true),
        ("cargo/*.txt", "cargo/a.txt", false, true),
        ("cargo/*.*", "cargo/a.txt", false, true),
        ("cargo/*.txt", "mast/a.txt", false, false),
        ("ru[c-e]?er.txt", "rudder.txt", false, true),
        ("templates/.?*", "templates/.dotfile", false, true),
        (".*", ".", true, false),
        (".*", "./", true, false),
        (".*", ".joonix", false, true),
        (".*", "helm.txt", false, false),
        (".*", "", true, false),
        ("cargo/", "cargo", true, true),
        ("cargo/", "cargo/", true, true),
        ("cargo/", "mast/", true, false),
        ("helm.txt/", "helm.txt", false, false),
        ("!helm.txt", "helm.txt", false, false),
        ("!helm.txt", "tiller.txt", false, true),
        ("!*.txt", "cargo", true, true),
        ("!cargo/", "mast/", true, true),
        ("/a.txt", "a.txt", false, true),
        ("/a.txt", "cargo/a.txt", false, false),
        ("/cargo/a.txt", "cargo/a.txt", false, true),
    ]

    @Test(arguments: helmCases)
    func ignores(rules: String, path: String, isDirectory: Bool, expected: Bool) throws {
        let ignore = try HelmIgnore(parsing: Array(rules.utf8))
        #expect(ignore.ignores(path, isDirectory: isDirectory) == expected, "\(rules) on \(path)")
    }

    /// Helm's `TestParseFail`.
    @Test(arguments: [("foo/**/bar", "double-star (**) syntax is not supported"), ("[z-", "syntax error in pattern")])
    func parseFailures(rule: String, message: String) {
        do {
            _ = try HelmIgnore(parsing: Array(rule.utf8))
            Issue.record("expected an error for \(rule)")
        } catch {
            #expect(error.message == message)
        }
    }

    /// Helm's `TestParse`: comments and blank lines are skipped.
    /// The byte shortcuts for plain and `*suffix` patterns decide exactly as the glob matcher.
    @Test func shortcutsAgreeWithTheGlobMatcher() throws {
        let patterns = [
            ".DS_Store", "*.swp", "*~", "*", "*.", "a/b", "*/b", "*b/c", "é.txt", "*é", "e\u{301}.txt", ".git", "*.tar.gz",
            // Glob patterns: decided (false) only when the literal prefix is missing.
            "templates/.?*", "ru[c-e]?er.txt", "a/*.txt", "x?y", "é?", "a\\*b",
        ]
        let subjects = [
            "", ".DS_Store", "a.swp", ".swp", "swp", "x/a.swp", "a~", "~", "a/b", "x/b", "xb/c", "x/yb/c", "é.txt",
            "e\u{301}.txt", "aé", "a/é", ".git", "x.git", "a.tar.gz", "tar.gz", "d/a.tar.gz", "a.", "b.swpx",
            "templates/.x", "templates/.", "templates/a", "template", "rucker.txt", "ruder.txt", "a/b.txt", "a/.txt",
            "xzy", "xy", "éa", "é", "a*b", "a\\b",
        ]
        for pattern in patterns {
            let scalars = Array(pattern.unicodeScalars)[...]
            let shortcut = HelmIgnore.Shortcut(pattern: pattern)
            for subject in subjects {
                guard let decided = shortcut.matches(Array(subject.utf8)) else { continue }
                let expected = try GlobPattern.match(scalars, Array(subject.unicodeScalars)[...])
                #expect(decided == expected, "\(pattern) on \(subject)")
            }
        }
        if case .glob = HelmIgnore.Shortcut(pattern: "ru[c-e]?er.txt") {} else { Issue.record("a class needs the glob matcher") }
        if case .glob = HelmIgnore.Shortcut(pattern: "*.t?t") {} else { Issue.record("? needs the glob matcher") }
    }

    @Test func parseSkipsCommentsAndBlankLines() throws {
        let ignore = try HelmIgnore(parsing: Array("#ignore\n\n\t#ignore\nfoo\nbar/*\nbaz/bar/foo.txt\n\none/more\n".utf8))
        #expect(ignore.rules.map(\.pattern) == ["foo", "bar/*", "baz/bar/foo.txt", "one/more"])
    }

    @Test func malformedPatternIsAnErrorWithItsLine() {
        do {
            _ = try HelmIgnore(parsing: Array("ok\nfiles/[a\n".utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "syntax error in pattern")
            #expect(error.position?.line == 2)
        }
    }

    @Test func currentDirectoryIsNeverIgnored() throws {
        let ignore = try HelmIgnore(parsing: Array("*\n".utf8))
        #expect(!ignore.ignores(".", isDirectory: true))
        #expect(!ignore.ignores("", isDirectory: true))
    }
}
