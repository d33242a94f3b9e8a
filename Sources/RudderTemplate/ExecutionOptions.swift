#if canImport(Glibc)
import Glibc
#endif

/// How one execution behaves and where it stops. The defaults are Helm's
/// (`missingkey=zero`, include and tpl on, 1000 nested includes of one name)
/// plus our own limits, which end hostile templates with a clear error.
public struct ExecutionOptions: Sendable {
    /// Go's `missingkey` option.
    public enum MissingKey: Sendable, Equatable {
        /// `missingkey=default`/`invalid`: a missing key is an invalid value (prints `<no value>`).
        case invalid
        /// `missingkey=zero` (Helm): the zero value of the map's element type (`nil`, prints `<no value>`).
        case zero
        /// `missingkey=error` (Helm `--strict`): `map has no entry for key "x"`.
        case error
    }

    public var missingKey: MissingKey = .zero
    /// Whether `include` and `tpl` are available (Helm always has them).
    public var includeAndTpl = true
    /// Helm's per-name limit of nested `include` calls (`recursionMaxNums`).
    public var includeRecursionLimit = 1000
    /// Go's `maxExecDepth` for nested `template` calls.
    public var maxTemplateDepth = 100_000
    /// Total nesting of template, include and tpl calls. Execution runs on a
    /// thread with a 1 GiB stack, which holds Go's 100000 nested templates.
    public var maxCallDepth = 100_001
    /// Largest output of one execution, in bytes (also the largest string or
    /// list a function may return).
    public var maxOutputBytes = 256 * 1024 * 1024
    /// Most elements a list returned by a function may have.
    public var maxListElements = 10_000_000
    /// Most steps (nodes walked plus range iterations) one execution may take.
    public var maxSteps = 100_000_000
    /// The monotonic time (`CLOCK_MONOTONIC`, nanoseconds) after which execution stops.
    public var deadlineNanoseconds: UInt64?
    /// The name Helm gives the root template (`gotpl`), quoted by include errors.
    public var rootTemplateName = "gotpl"
    /// Reuse an `include`'s output when executing it again provably gives the
    /// same output (see `IncludeMemo`); off only to compare against.
    public var memoizeIncludes = true

    public init() {}

    /// Sets the deadline to `seconds` from now.
    public mutating func setTimeout(seconds: Double) {
        deadlineNanoseconds = ExecutionOptions.monotonicNanoseconds() + UInt64(max(0, seconds) * 1e9)
    }

    /// The current `CLOCK_MONOTONIC` time in nanoseconds.
    public static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
