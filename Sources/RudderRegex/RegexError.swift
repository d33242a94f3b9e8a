/// What is wrong with a pattern, with Go's `regexp/syntax` wording.
public enum RegexErrorCode: String, Sendable, Hashable {
    case internalError = "regexp/syntax: internal error"
    case invalidCharacterClass = "invalid character class"
    case invalidCharacterRange = "invalid character class range"
    case invalidEscape = "invalid escape sequence"
    case invalidNamedCapture = "invalid named capture"
    case invalidPerlOperator = "invalid or unsupported Perl syntax"
    case invalidRepeatOperator = "invalid nested repetition operator"
    case invalidRepeatSize = "invalid repeat count"
    case invalidUTF8 = "invalid UTF-8"
    case missingBracket = "missing closing ]"
    case missingParenthesis = "missing closing )"
    case missingRepeatArgument = "missing argument to repetition operator"
    case trailingBackslash = "trailing backslash at end of expression"
    case unexpectedParenthesis = "unexpected )"
    case nestingDepth = "expression nests too deeply"
    case tooLarge = "expression too large"
}

/// A pattern that does not compile. `description` is Go's `*syntax.Error` text:
/// ``error parsing regexp: missing closing ): `(a` ``.
public struct RegexError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: RegexErrorCode
    /// The offending part of the pattern, as Go reports it.
    public var expression: String

    public init(_ code: RegexErrorCode, _ expression: String) {
        self.code = code
        self.expression = expression
    }

    public var description: String {
        "error parsing regexp: \(code.rawValue): `\(expression)`"
    }

    /// The message of Go's `regexp.MustCompile` panic for `pattern`, which is what
    /// Sprig's non-`must` functions (`regexFind`, `regexReplaceAll`, …) report:
    /// ``regexp: Compile(`(a`): error parsing regexp: missing closing ): `(a` ``.
    public func mustCompileMessage(pattern: String) -> String {
        "regexp: Compile(\(PatternQuote.quote(pattern))): \(description)"
    }
}
