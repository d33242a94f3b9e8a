/// Go's `path/filepath.Match` on `/`-separated paths: `*` (any run of
/// non-separators), `?` (one non-separator), `[…]` classes with `^` negation
/// and ranges, and `\` escapes. A malformed pattern is an error
/// (`syntax error in pattern`), also when the name fails to match earlier.
public enum GlobPattern {
    public struct BadPattern: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String { "syntax error in pattern" }
    }

    public static func match(_ pattern: String, _ name: String) throws(BadPattern) -> Bool {
        try match(Array(pattern.unicodeScalars)[...], Array(name.unicodeScalars)[...])
    }

    /// The same, on scalars already split out (a rule tried on many paths).
    static func match(_ pattern: Scalars, _ name: Scalars) throws(BadPattern) -> Bool {
        var pattern = pattern
        var name = name
        patternLoop: while !pattern.isEmpty {
            let (star, chunk, rest) = scanChunk(pattern)
            pattern = rest
            if star && chunk.isEmpty {
                return !name.contains("/")
            }
            let (remainder, matched) = try matchChunk(chunk, name)
            if matched && (remainder.isEmpty || !pattern.isEmpty) {
                name = remainder
                continue
            }
            if star {
                var index = name.startIndex
                while index < name.endIndex && name[index] != "/" {
                    let (remainder, matched) = try matchChunk(chunk, name[(index + 1)...])
                    if matched {
                        if pattern.isEmpty && !remainder.isEmpty {
                            index += 1
                            continue
                        }
                        name = remainder
                        continue patternLoop
                    }
                    index += 1
                }
            }
            // No match: the rest of the pattern must still be well formed.
            while !pattern.isEmpty {
                let (_, chunk, rest) = scanChunk(pattern)
                pattern = rest
                _ = try matchChunk(chunk, []) 
            }
            return false
        }
        return name.isEmpty
    }

    /// Validates a pattern without matching anything real (Helm's `Match(rule, "abc")`).
    public static func validate(_ pattern: String) throws(BadPattern) {
        _ = try match(pattern, "abc")
    }

    typealias Scalars = ArraySlice<Unicode.Scalar>

    static func scanChunk(_ pattern: Scalars) -> (star: Bool, chunk: Scalars, rest: Scalars) {
        var pattern = pattern
        var star = false
        while pattern.first == "*" {
            pattern = pattern.dropFirst()
            star = true
        }
        var inRange = false
        var index = pattern.startIndex
        scan: while index < pattern.endIndex {
            switch pattern[index] {
            case "\\":
                if index + 1 < pattern.endIndex { index += 1 }
            case "[": inRange = true
            case "]": inRange = false
            case "*":
                if !inRange { break scan }
            default: break
            }
            index += 1
        }
        return (star, pattern[pattern.startIndex..<index], pattern[index...])
    }

    /// Matches `chunk` (no `*`) against the start of `name`; returns the rest of the name.
    static func matchChunk(_ chunk: Scalars, _ name: Scalars) throws(BadPattern) -> (Scalars, Bool) {
        var chunk = chunk
        var name = name
        var failed = false
        while !chunk.isEmpty {
            if !failed && name.isEmpty { failed = true }
            switch chunk.first {
            case "[":
                var current: Unicode.Scalar = "\0"
                if !failed {
                    current = name.first ?? "\0"
                    name = name.dropFirst()
                }
                chunk = chunk.dropFirst()
                var negated = false
                if chunk.first == "^" {
                    negated = true
                    chunk = chunk.dropFirst()
                }
                var matched = false
                var count = 0
                while true {
                    if let first = chunk.first, first == "]", count > 0 {
                        chunk = chunk.dropFirst()
                        break
                    }
                    let low = try escapedScalar(&chunk)
                    var high = low
                    if chunk.first == "-" {
                        chunk = chunk.dropFirst()
                        high = try escapedScalar(&chunk)
                    }
                    if low <= current && current <= high { matched = true }
                    count += 1
                }
                if matched == negated { failed = true }
            case "?":
                if !failed {
                    if name.first == "/" { failed = true }
                    name = name.dropFirst()
                }
                chunk = chunk.dropFirst()
            case "\\":
                chunk = chunk.dropFirst()
                guard let escaped = chunk.first else { throw BadPattern() }
                if !failed {
                    if escaped != name.first { failed = true }
                    name = name.dropFirst()
                }
                chunk = chunk.dropFirst()
            default:
                if !failed {
                    if chunk.first != name.first { failed = true }
                    name = name.dropFirst()
                }
                chunk = chunk.dropFirst()
            }
        }
        if failed { return (name, false) }
        return (name, true)
    }

    static func escapedScalar(_ chunk: inout Scalars) throws(BadPattern) -> Unicode.Scalar {
        guard var scalar = chunk.first, scalar != "-", scalar != "]" else { throw BadPattern() }
        if scalar == "\\" {
            chunk = chunk.dropFirst()
            guard let escaped = chunk.first else { throw BadPattern() }
            scalar = escaped
        }
        chunk = chunk.dropFirst()
        if chunk.isEmpty { throw BadPattern() }
        return scalar
    }
}
