@testable import RudderRegex
import Testing
import _RudderTestSupport

/// Cases rendered by the reference Helm through Sprig's regex functions
/// (scripts/regex-goldens.py): each is replayed against the GoRegex API.
@Suite struct RegexGoldenTests {
    static let cases: [GoldenCase] = (try? GoldenCases.load("regex/regex.cases")) ?? []
    /// Random patterns over {a, b} (scripts/regex-fuzz-goldens.py).
    static let fuzzCases: [GoldenCase] = (try? GoldenCases.load("regex/fuzz.cases")) ?? []

    @Test func goldenFilesHaveCases() {
        #expect(Self.cases.count >= 200)
        #expect(Self.fuzzCases.count >= 200)
    }

    @Test(arguments: cases)
    func helmAgrees(_ golden: GoldenCase) throws {
        try Self.check(golden, engine: .automatic)
    }

    @Test(arguments: fuzzCases)
    func helmAgreesOnRandomPatterns(_ golden: GoldenCase) throws {
        try Self.check(golden, engine: .automatic)
    }

    /// Every case again on each engine alone (the automatic choice picks the
    /// backtracker for most of these short inputs).
    @Test(arguments: [EnginePreference.pikeVM, .backtracker])
    func eachEngineAgrees(_ engine: EnginePreference) throws {
        for golden in Self.cases + Self.fuzzCases where Self.isSmall(golden) {
            try Self.check(golden, engine: engine)
        }
    }

    /// Skips the few cases that are slow in debug builds (huge programs).
    static func isSmall(_ golden: GoldenCase) -> Bool {
        (golden["pattern"]?.utf8.count ?? 0) < 1000
    }

    static func check(_ golden: GoldenCase, engine: EnginePreference) throws {
        let function = try #require(golden["function"])
        let pattern = try #require(golden["pattern"])
        let input = try #require(golden["input"])
        let argument = golden["argument"]
        let actual = Self.evaluate(function: function, pattern: pattern, input: input, argument: argument, engine: engine)
        if let expected = golden["output"] {
            #expect(actual == .output(expected), "\(golden.name): /\(pattern)/ on \(GoJSON.encode(input))")
        } else {
            let expected = try #require(golden["error"])
            #expect(actual == .error(expected), "\(golden.name): /\(pattern)/")
        }
    }

    enum Outcome: Equatable {
        case output(String)
        case error(String)
    }

    /// What Sprig's function prints through `toJson`, or its error text.
    static func evaluate(
        function: String, pattern: String, input: String, argument: String?, engine: EnginePreference
    ) -> Outcome {
        if function == "regexQuoteMeta" {
            return .output(GoJSON.encode(GoRegex.quoteMeta(input)))
        }
        var regex: GoRegex
        do {
            regex = try GoRegex(pattern)
            regex.engine = engine
        } catch {
            if function == "regexMatch" { return .output("false") }
            // Sprig's must* functions return the error; the others call
            // regexp.MustCompile, whose panic text Helm reports.
            if function.hasPrefix("must") { return .error(error.description) }
            return .error(error.mustCompileMessage(pattern: pattern))
        }
        let count = Int(argument ?? "") ?? -1
        switch function {
        case "regexMatch", "mustRegexMatch":
            return .output(regex.matches(input) ? "true" : "false")
        case "regexFind", "mustRegexFind":
            return .output(GoJSON.encode(regex.firstMatch(input) ?? ""))
        case "regexFindAll", "mustRegexFindAll":
            return .output(GoJSON.encode(regex.allMatchesOrNil(input, limit: count)))
        case "regexReplaceAll", "mustRegexReplaceAll":
            return .output(GoJSON.encode(regex.replaceAll(input, with: argument ?? "")))
        case "regexReplaceAllLiteral", "mustRegexReplaceAllLiteral":
            return .output(GoJSON.encode(regex.replaceAllLiteral(input, with: argument ?? "")))
        case "regexSplit", "mustRegexSplit":
            return .output(GoJSON.encode(regex.splitOrNil(input, limit: count)))
        default:
            return .error("unknown function \(function)")
        }
    }
}
