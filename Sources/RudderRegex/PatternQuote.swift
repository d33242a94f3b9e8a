import RudderCore

/// Go's quoting of a pattern in `regexp: Compile(…)` messages: backquotes
/// when `strconv.CanBackquote`, otherwise `strconv.Quote` (RudderCore's GoQuote).
enum PatternQuote {
    static func quote(_ pattern: String) -> String {
        GoQuote.canBackquote(pattern) ? "`" + pattern + "`" : GoQuote.quote(pattern)
    }
}
