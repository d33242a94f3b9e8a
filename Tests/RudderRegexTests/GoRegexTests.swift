import RudderRegex
import Testing

/// Patterns that make backtracking engines take exponential time. The Pike VM
/// visits each instruction at most once per input position, so these finish in
/// time linear in the input (scripts/regex-bench.sh reports the times).
@Suite struct HostilePatternTests {
    static let length = 100_000

    @Test func nestedPlusWithoutMatch() throws {
        let regex = try GoRegex("^(a+)+$")
        #expect(!regex.matches(String(repeating: "a", count: Self.length) + "!"))
        #expect(regex.matches(String(repeating: "a", count: Self.length)))
    }

    @Test func overlappingAlternation() throws {
        let regex = try GoRegex("(a|aa)*c")
        let input = String(repeating: "a", count: Self.length)
        #expect(regex.firstMatch(input) == nil)
        #expect(regex.firstMatch(input + "c") == input + "c")
    }

    @Test func doubledPlusInsidePlus() throws {
        let regex = try GoRegex("(x+x+)+y")
        let input = String(repeating: "x", count: Self.length)
        #expect(regex.allMatches(input, limit: -1).isEmpty)
        #expect(regex.replaceAll(input + "y", with: "[$1]").hasSuffix("]"))
    }

    @Test func submatchesOnLongInput() throws {
        let regex = try GoRegex("^(a+)+$")
        let input = String(repeating: "a", count: Self.length)
        let groups = regex.submatches(input)
        #expect(groups.count == 2)
        #expect(groups.first == input)
    }
}

@Suite struct GoRegexAPITests {
    @Test func captureNamesFollowGroupOrder() throws {
        let regex = try GoRegex(#"(?P<year>\d{4})-(\d{2})-(?<day>\d{2})"#)
        #expect(regex.captureGroupCount == 3)
        #expect(regex.captureNames == [nil, "year", nil, "day"])
    }

    @Test func submatchesAgreeWithReplacementExpansion() throws {
        // The replacement expansion (checked against Helm by the golden cases)
        // and submatches read the same capture slots.
        let regex = try GoRegex(#"(\w+)@(\w+)?(x)?\.com"#)
        let input = "mail bob@example.com now"
        let groups = regex.submatches(input)
        let match = try #require(regex.firstMatch(input))
        let expanded = regex.replaceAll(match, with: "$0|$1|$2|$3")
        #expect(groups.map { $0 ?? "" }.joined(separator: "|") == expanded)
        #expect(groups.last == .some(nil))
    }

    @Test func noMatchGivesEmptyResults() throws {
        let regex = try GoRegex("z+")
        #expect(regex.firstMatch("abc") == nil)
        #expect(regex.submatches("abc").isEmpty)
        #expect(regex.allMatches("abc", limit: -1).isEmpty)
        #expect(regex.allMatchesOrNil("abc", limit: -1) == nil)
        #expect(regex.firstMatchRanges("abc") == nil)
        #expect(regex.replaceAll("abc", with: "x") == "abc")
    }

    @Test func rangesAreUTF8ByteOffsets() throws {
        let regex = try GoRegex("b")
        #expect(regex.allMatchRanges("éb€b", limit: -1) == [2..<3, 6..<7])
    }

    @Test func errorDescriptionIsGoText() {
        #expect(throws: RegexError(.missingParenthesis, "(a")) { try GoRegex("(a") }
        do {
            _ = try GoRegex("x{1001}")
            Issue.record("compiled an invalid repeat count")
        } catch {
            #expect(error.description == "error parsing regexp: invalid repeat count: `{1001}`")
            #expect(error.mustCompileMessage(pattern: "x{1001}").hasPrefix("regexp: Compile(`x{1001}`): "))
        }
    }

    @Test func valueIsSendableAcrossTasks() async throws {
        let regex = try GoRegex(#"^v?(\d+)\.(\d+)\.(\d+)$"#)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<8 {
                group.addTask { regex.matches("v1.\(index).0") }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.allSatisfy { $0 })
    }
}

/// Random byte soup over the metacharacters: compiling and matching must
/// either work or throw, never trap.
@Suite struct RegexRobustnessTests {
    /// A small deterministic generator (SplitMix64).
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces: [String] = [
        "a", "b", "é", "(", ")", "(?", "(?:", "(?i)", "(?P<n>", "(?<", ">", "[", "]", "[^", "-", "^", "$", ".",
        "*", "+", "?", "{", "}", "{2}", "{1,3}", ",", "|", "\\", "\\d", "\\pL", "\\p{", "\\x{", "1", "0", ":",
        "[:alpha:]", "\\Q", "\\E", "\\b", "\\z", "P", "U", "-i", "=", "!", "'",
    ]

    @Test func randomPatternsNeverTrap() {
        var generator = Generator(state: 42)
        var compiled = 0
        for _ in 0..<5_000 {
            var pattern = ""
            for _ in 0..<Int(generator.next() % 10) {
                pattern += Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))]
            }
            guard let regex = try? GoRegex(pattern) else { continue }
            compiled += 1
            let input = "ab é1-\n{}" + pattern
            _ = regex.matches(input)
            _ = regex.submatches(input)
            _ = regex.allMatches(input, limit: -1)
            _ = regex.replaceAll(input, with: "$1${n}$$")
            _ = regex.split(input, limit: 3)
        }
        #expect(compiled > 500)
    }

    @Test func longAlternationCompiles() throws {
        let words = (0..<5_000).map { "w\($0)x" }
        let regex = try GoRegex("^(?:" + words.joined(separator: "|") + ")$")
        #expect(regex.matches("w4999x"))
        #expect(!regex.matches("w5000x"))
    }
}
