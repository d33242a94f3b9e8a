/// Go's `path/filepath.Match` on `/`-separated paths: `*` (no `/`), `?`,
/// `[class]` with ranges and `^` negation, `\` escapes. A malformed pattern
/// matches nothing (Go returns `ErrBadPattern`, which Helm ignores).
public enum PathMatch {
    public static func matches(pattern: String, name: String) -> Bool {
        var budget = 1_000_000
        return match(Array(pattern.unicodeScalars)[...], Array(name.unicodeScalars)[...], &budget)
    }

    static func match(_ p: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>, _ budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        guard let c = p.first else { return s.isEmpty }
        switch c {
        case "*":
            let rest = p.dropFirst()
            var t = s
            while true {
                if match(rest, t, &budget) { return true }
                guard let first = t.first, first != "/" else { return false }
                t = t.dropFirst()
            }
        case "?":
            guard let first = s.first, first != "/" else { return false }
            return match(p.dropFirst(), s.dropFirst(), &budget)
        case "[":
            guard let first = s.first, first != "/" else { return false }
            guard let (matched, rest) = matchClass(p.dropFirst(), first) else { return false }
            return matched && match(rest, s.dropFirst(), &budget)
        case "\\":
            let rest = p.dropFirst()
            guard let escaped = rest.first, let first = s.first, escaped == first else { return false }
            return match(rest.dropFirst(), s.dropFirst(), &budget)
        default:
            guard let first = s.first, first == c else { return false }
            return match(p.dropFirst(), s.dropFirst(), &budget)
        }
    }

    /// Matches `c` against a class whose text starts after `[`; returns whether it
    /// matched and the pattern after `]`, or nil for a malformed class.
    static func matchClass(_ pattern: ArraySlice<Unicode.Scalar>, _ c: Unicode.Scalar) -> (Bool, ArraySlice<Unicode.Scalar>)? {
        var p = pattern
        var negated = false
        if p.first == "^" {
            negated = true
            p = p.dropFirst()
        }
        var matched = false
        var first = true
        while true {
            guard let next = p.first else { return nil }
            if next == "]" && !first {
                p = p.dropFirst()
                break
            }
            first = false
            guard let (lo, afterLo) = classChar(p) else { return nil }
            var hi = lo
            var rest = afterLo
            if rest.first == "-" {
                guard let (h, afterHi) = classChar(rest.dropFirst()) else { return nil }
                hi = h
                rest = afterHi
            }
            if lo <= c && c <= hi { matched = true }
            p = rest
        }
        return (matched != negated, p)
    }

    static func classChar(_ p: ArraySlice<Unicode.Scalar>) -> (Unicode.Scalar, ArraySlice<Unicode.Scalar>)? {
        guard let c = p.first, c != "-", c != "]" else { return nil }
        if c == "\\" {
            let rest = p.dropFirst()
            guard let escaped = rest.first else { return nil }
            return (escaped, rest.dropFirst())
        }
        return (c, p.dropFirst())
    }
}
