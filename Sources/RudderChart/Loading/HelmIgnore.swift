/// `.helmignore` rules, with Helm's semantics (`pkg/ignore`), which differ from
/// gitignore: a pattern without `/` matches the base name only; a pattern with
/// `/` matches the whole chart-relative path with `filepath.Match` (a leading
/// `/` is dropped, so it anchors at the root); a trailing `/` matches only
/// directories; `!` negates; `**` is an error; rules apply in order, the
/// first decisive one winning.
public struct HelmIgnore: Sendable {
    struct Rule: Sendable {
        var pattern: String
        /// The pattern as scalars, converted once for all the paths it is tried on.
        var scalars: ArraySlice<Unicode.Scalar>
        var negate: Bool
        var mustBeDirectory: Bool
        /// Match the base name only (no `/` in the pattern).
        var baseNameOnly: Bool
    }

    var rules: [Rule] = []

    /// An empty rule set (nothing ignored).
    public init() {}

    /// Parses a `.helmignore` file. Blank lines and `#` comments are skipped.
    public init(parsing data: [UInt8]) throws(ChartError) {
        var bytes = data
        stripByteOrderMark(&bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(line)
            if line.hasSuffix("\r") { line = line.dropLast() }
            do {
                try addRule(String(line))
            } catch {
                throw ChartError(
                    error.message, file: ".helmignore",
                    position: .init(file: ".helmignore", line: lineNumber, column: 1),
                    fix: error.fix)
            }
        }
    }

    /// Helm's default rule: every dotfile in `templates/`.
    public mutating func addDefaults() {
        try? addRule("templates/.?*")
    }

    mutating func addRule(_ line: String) throws(ChartError) {
        var rule = trimGoSpace(line)
        if rule.isEmpty || rule.hasPrefix("#") { return }
        if rule.contains("**") {
            throw ChartError("double-star (**) syntax is not supported", fix: "list the directories explicitly instead of '**'")
        }
        do {
            try GlobPattern.validate(rule)
        } catch {
            throw ChartError("syntax error in pattern", fix: "check the brackets and escapes of \(goQuote(rule))")
        }
        var negate = false
        if rule.hasPrefix("!") {
            negate = true
            rule.removeFirst()
        }
        var mustBeDirectory = false
        if rule.hasSuffix("/") {
            mustBeDirectory = true
            rule.removeLast()
        }
        var baseNameOnly = false
        if rule.hasPrefix("/") {
            rule.removeFirst()
        } else if !rule.contains("/") {
            baseNameOnly = true
        }
        rules.append(Rule(
            pattern: rule, scalars: Array(rule.unicodeScalars)[...], negate: negate,
            mustBeDirectory: mustBeDirectory, baseNameOnly: baseNameOnly))
    }

    /// Whether the chart-relative `path` (a directory when `isDirectory`) is
    /// ignored. Rules are tried in order and the first decisive one wins: a
    /// positive rule that matches ignores the path; a negative rule that does
    /// *not* match ignores it too (so `!x` alone keeps only `x`, as in Helm).
    public func ignores(_ path: String, isDirectory: Bool) -> Bool {
        if path.isEmpty || path == "." || path == "./" { return false }
        // The path and its base name as scalars, once for all the rules.
        let whole = Array(path.unicodeScalars)[...]
        let base = Array(baseName(path).unicodeScalars)[...]
        for rule in rules {
            let subject = rule.baseNameOnly ? base : whole
            if rule.negate {
                if rule.mustBeDirectory && !isDirectory { return true }
                if !((try? GlobPattern.match(rule.scalars, subject)) ?? false) { return true }
                continue
            }
            if rule.mustBeDirectory && !isDirectory { continue }
            if (try? GlobPattern.match(rule.scalars, subject)) ?? false { return true }
        }
        return false
    }
}

/// Go's `filepath.Base`.
func baseName(_ path: String) -> String {
    if path.isEmpty { return "." }
    var trimmed = Substring(path)
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    if trimmed == "/" { return "/" }
    if let slash = trimmed.lastIndex(of: "/") { return String(trimmed[trimmed.index(after: slash)...]) }
    return String(trimmed)
}

/// Go's `strings.TrimSpace`.
func trimGoSpace(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    var start = 0
    var end = scalars.count
    while start < end && isGoSpace(scalars[start]) { start += 1 }
    while end > start && isGoSpace(scalars[end - 1]) { end -= 1 }
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars[start..<end])
    return String(result)
}
