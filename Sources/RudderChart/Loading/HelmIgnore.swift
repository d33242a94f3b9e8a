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
        /// How the pattern matches without the general glob matcher, when it can.
        var shortcut: Shortcut = .glob(prefix: [])
    }

    /// Most rules are a plain name (`.DS_Store`) or `*` and a plain suffix (`*.swp`):
    /// those are matched on bytes, as `filepath.Match` would match them.
    enum Shortcut: Sendable {
        /// No metacharacter: the subject equals the pattern.
        case literal([UInt8])
        /// `*` then no metacharacter: the subject ends with the suffix and no `/` comes before it.
        case starSuffix([UInt8])
        /// The general matcher decides, for subjects that start with the
        /// pattern's literal prefix (the bytes before its first metacharacter).
        case glob(prefix: [UInt8])

        init(pattern: String) {
            let bytes = Array(pattern.utf8)
            func isMeta(_ byte: UInt8) -> Bool {
                byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "\\")
            }
            guard let metacharacter = bytes.firstIndex(where: isMeta) else {
                self = .literal(bytes)
                return
            }
            if metacharacter == 0, bytes.first == UInt8(ascii: "*"), !bytes.dropFirst().contains(where: isMeta) {
                self = .starSuffix(Array(bytes.dropFirst()))
            } else {
                self = .glob(prefix: Array(bytes[..<metacharacter]))
            }
        }

        /// The match, or nil when the general matcher must decide.
        func matches(_ subject: [UInt8]) -> Bool? {
            switch self {
            case .literal(let literal):
                return subject == literal
            case .starSuffix(let suffix):
                guard subject.count >= suffix.count else { return false }
                let cut = subject.count - suffix.count
                return subject[cut...].elementsEqual(suffix) && !subject[..<cut].contains(UInt8(ascii: "/"))
            case .glob(let prefix):
                guard subject.count >= prefix.count, subject[..<prefix.count].elementsEqual(prefix) else { return false }
                return nil
            }
        }
    }

    var rules: [Rule] = []

    /// An empty rule set (nothing ignored).
    public init() {}

    /// Parses a `.helmignore` file. Blank lines and `#` comments are skipped.
    public init(parsing data: [UInt8]) throws(ChartError) {
        var bytes = data
        stripByteOrderMark(&bytes)
        var lineNumber = 0
        // Lines split on bytes (a Character split costs far more).
        for lineBytes in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = lineBytes
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            do {
                try addRule(String(decoding: line, as: UTF8.self))
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
        // `**` found on bytes (String.contains is the costly generic search).
        let ruleBytes = Array(rule.utf8)
        if ruleBytes.indices.dropFirst().contains(where: { ruleBytes[$0 - 1] == UInt8(ascii: "*") && ruleBytes[$0] == UInt8(ascii: "*") }) {
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
            mustBeDirectory: mustBeDirectory, baseNameOnly: baseNameOnly, shortcut: Shortcut(pattern: rule)))
    }

    /// Whether the chart-relative `path` (a directory when `isDirectory`) is
    /// ignored. Rules are tried in order and the first decisive one wins: a
    /// positive rule that matches ignores the path; a negative rule that does
    /// *not* match ignores it too (so `!x` alone keeps only `x`, as in Helm).
    public func ignores(_ path: String, isDirectory: Bool) -> Bool {
        if path.isEmpty || path == "." || path == "./" { return false }
        // The path and its base name as bytes, and as scalars only if a rule needs the glob matcher.
        let baseText = baseName(path)
        let wholeBytes = Array(path.utf8)
        let baseBytes = Array(baseText.utf8)
        var wholeScalars: ArraySlice<Unicode.Scalar>?
        var baseScalars: ArraySlice<Unicode.Scalar>?
        func matches(_ rule: Rule) -> Bool {
            if let decided = rule.shortcut.matches(rule.baseNameOnly ? baseBytes : wholeBytes) { return decided }
            let subject: ArraySlice<Unicode.Scalar>
            if rule.baseNameOnly {
                subject = baseScalars ?? Array(baseText.unicodeScalars)[...]
                baseScalars = subject
            } else {
                subject = wholeScalars ?? Array(path.unicodeScalars)[...]
                wholeScalars = subject
            }
            return (try? GlobPattern.match(rule.scalars, subject)) ?? false
        }
        for rule in rules {
            if rule.negate {
                if rule.mustBeDirectory && !isDirectory { return true }
                if !matches(rule) { return true }
                continue
            }
            if rule.mustBeDirectory && !isDirectory { continue }
            if matches(rule) { return true }
        }
        return false
    }
}

/// Go's `filepath.Base` (on bytes, as Go's is: counting characters to trim
/// the slashes cost thousands of instructions per path).
func baseName(_ path: String) -> String {
    if path.isEmpty { return "." }
    let slash = UInt8(ascii: "/")
    let bytes = Array(path.utf8)
    var end = bytes.count
    while end > 1 && bytes[end - 1] == slash { end -= 1 }
    if end == 1 && bytes[0] == slash { return "/" }
    var start = end
    while start > 0 && bytes[start - 1] != slash { start -= 1 }
    if start == 0 && end == bytes.count { return path }
    return String(decoding: bytes[start..<end], as: UTF8.self)
}

/// Go's `strings.TrimSpace`.
func trimGoSpace(_ text: String) -> String {
    let scalars = text.unicodeScalars
    var start = scalars.startIndex
    var end = scalars.endIndex
    while start < end && isGoSpace(scalars[start]) { start = scalars.index(after: start) }
    while end > start {
        let before = scalars.index(before: end)
        guard isGoSpace(scalars[before]) else { break }
        end = before
    }
    if start == scalars.startIndex && end == scalars.endIndex { return text }
    return String(scalars[start..<end])
}
