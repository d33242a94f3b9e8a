import RudderCore
import RudderRegex
import RudderTemplate

extension HelmFunctions {
    /// Sprig's regular-expression functions over RudderRegex (RE2 syntax, Go semantics).
    /// The plain forms fail as Go's `regexp.MustCompile` panics; the `must`
    /// forms with the compile error itself. `regexMatch` treats a bad pattern as no match.
    static func registerRegex(_ r: inout Registrar) {
        @Sendable func compile(_ pattern: String, must: Bool) throws -> GoRegex {
            do {
                return try RegexCache.regex(pattern)
            } catch {
                throw FunctionError(must ? error.description : error.mustCompileMessage(pattern: pattern))
            }
        }
        @Sendable func strings(_ values: [String]) -> Value { .list(values.map { .string($0) }) }

        for must in [false, true] {
            func name(_ base: String) -> String {
                // String(…): `String + Substring` is the unspecialized generic append,
                // whose first call looks up conformances (≈40k instructions).
                must ? "must" + base.prefix(1).uppercased() + String(base.dropFirst()) : base
            }
            r.add(name("regexMatch"), [.string, .string]) { a in
                let args = Arguments(a)
                guard let regex = try? RegexCache.regex(try args.string(0)) else {
                    if must { _ = try compile(try args.string(0), must: true) }
                    return .bool(false)
                }
                return .bool(regex.matches(try args.string(1)))
            }
            r.add(name("regexFind"), [.string, .string]) { a in
                let args = Arguments(a)
                return .string(try compile(try args.string(0), must: must).firstMatch(try args.string(1)) ?? "")
            }
            r.add(name("regexFindAll"), [.string, .string, .int]) { a in
                let args = Arguments(a)
                let regex = try compile(try args.string(0), must: must)
                return strings(regex.allMatches(try args.string(1), limit: try args.int(2)))
            }
            r.add(name("regexReplaceAll"), [.string, .string, .string]) { a in
                let args = Arguments(a)
                let regex = try compile(try args.string(0), must: must)
                return .string(regex.replaceAll(try args.string(1), with: try args.string(2)))
            }
            r.add(name("regexReplaceAllLiteral"), [.string, .string, .string]) { a in
                let args = Arguments(a)
                let regex = try compile(try args.string(0), must: must)
                return .string(regex.replaceAllLiteral(try args.string(1), with: try args.string(2)))
            }
            r.add(name("regexSplit"), [.string, .string, .int]) { a in
                let args = Arguments(a)
                let regex = try compile(try args.string(0), must: must)
                return strings(regex.split(try args.string(1), limit: try args.int(2)))
            }
        }
        r.add("regexQuoteMeta", [.string]) { a in .string(GoRegex.quoteMeta(try Arguments(a).string(0))) }
    }
}
