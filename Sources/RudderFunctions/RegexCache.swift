import RudderRegex
import Synchronization

/// Compiled regular expressions by pattern text, shared by every render in the
/// process: a chart's `regexMatch` in a helper runs for every object of every
/// release, and compiling is most of its cost. Bounded: when it holds
/// `capacity` patterns it starts again empty, so templates that build
/// patterns from data cannot grow it without limit.
final class RegexCache: Sendable {
    static let shared = RegexCache()
    static let capacity = 512

    private let entries = Mutex<[String: GoRegex]>([:])

    /// The compiled `pattern`; a pattern that does not compile throws every time.
    func regex(_ pattern: String) throws(RegexError) -> GoRegex {
        if let cached = entries.withLock({ $0[pattern] }) { return cached }
        let regex = try GoRegex(pattern)
        entries.withLock { table in
            if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
            table[pattern] = regex
        }
        return regex
    }
}
