import RudderCore
/// The kinds of token the template lexer produces (Go's `itemType`).
enum TokenKind: UInt8, Sendable, Equatable {
    case error  // text is the message
    case eof
    case text
    case leftDelimiter
    case rightDelimiter
    case space
    case assign  // =
    case declare  // :=
    case pipe  // |
    case leftParenthesis
    case rightParenthesis
    case char  // a printable ASCII character such as ','
    case charConstant  // 'x'
    case bool
    case number
    case string  // "…"
    case rawString  // `…`
    case field  // .Name
    case variable  // $ or $name
    case identifier
    case dot
    // Keywords.
    case keywordBlock
    case keywordBreak
    case keywordContinue
    case keywordDefine
    case keywordElse
    case keywordEnd
    case keywordIf
    case keywordNil
    case keywordRange
    case keywordTemplate
    case keywordWith

    var isKeyword: Bool {
        switch self {
        case .keywordBlock, .keywordBreak, .keywordContinue, .keywordDefine, .keywordElse,
            .keywordEnd, .keywordIf, .keywordNil, .keywordRange, .keywordTemplate, .keywordWith, .dot:
            return true
        default:
            return false
        }
    }

    static let keywords: [String: TokenKind] = [
        ".": .dot, "block": .keywordBlock, "break": .keywordBreak, "continue": .keywordContinue,
        "define": .keywordDefine, "else": .keywordElse, "end": .keywordEnd, "if": .keywordIf,
        "nil": .keywordNil, "range": .keywordRange, "template": .keywordTemplate, "with": .keywordWith,
    ]
}

/// A token: its kind, its byte range in the template text and the 1-based
/// line it starts on (Go's parser reports errors by token line). A token holds
/// no String: its text is `offset..<end` of the input (the parser slices it
/// only where it needs one), so tokens are copied as plain bytes. An `.error`
/// token's message is the lexer's `errorMessage`.
struct Token: Sendable {
    var kind: TokenKind
    var offset: Int
    var line: Int
    /// The byte offset just past the token.
    var end: Int = 0

    /// Go's `item.String()`, as parse errors quote tokens; `text` is the token's text.
    func quoted(text: String) -> String {
        switch kind {
        case .eof: return "EOF"
        case .error: return text
        default:
            if kind.isKeyword { return "<\(text)>" }
            let scalars = Array(text.unicodeScalars)
            if scalars.count > 10 {
                var prefix = String.UnicodeScalarView()
                prefix.append(contentsOf: scalars[0..<10])
                return GoQuote.quote(String(prefix)) + "..."
            }
            return GoQuote.quote(text)
        }
    }
}
