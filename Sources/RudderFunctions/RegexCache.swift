import RudderRegex

/// Compiled regular expressions by pattern text: a chart's `regexMatch` in a
/// helper runs for every object of every release, and compiling is most of
/// its cost.
enum RegexCache {
    private static let patterns = TextKeyedCache<GoRegex>()

    /// The compiled `pattern`; a pattern that does not compile throws every time.
    static func regex(_ pattern: String) throws(RegexError) -> GoRegex {
        try patterns.value(pattern) { text throws(RegexError) in try GoRegex(text) }
    }
}
