import RudderCore
/// A recursive-descent parser for Go's text/template, one production per
/// method, producing the templates of one source text (the file itself and
/// every `define` and `block` in it).
struct Parser {
    private var lexer: Lexer
    private let source: SourceText
    private let parseName: String
    /// The functions a name may call (resolved into each call node).
    let functions: FunctionRegistry
    /// Go's three-token look-ahead buffer (`token0`, `token1`, `token2`):
    /// the one numbered `peekCount - 1` is next.
    private var token0 = Token(kind: .eof, offset: 0, line: 1)
    private var token1 = Token(kind: .eof, offset: 0, line: 1)
    private var token2 = Token(kind: .eof, offset: 0, line: 1)
    private var peekCount = 0
    /// Names met so far, each decoded once.
    var names = NameTable()
    /// Variables in scope, innermost last.
    var variables: [String] = ["$"]
    private var rangeDepth = 0
    /// The line where the action being parsed started (for lexer errors).
    private var actionLine = 0
    /// The lowest stack address the parser's recursion may reach (0: unchecked).
    var stackFloor: UInt = 0
    /// Set when parsing stopped because the stack ran out.
    private(set) var ranOutOfStack = false
    /// Templates defined so far in this parse, by name.
    private(set) var definitions: [(name: String, template: ParsedTemplate)] = []

    init(name: String, text: String, functions: FunctionRegistry) {
        let bytes = Array(text.utf8)
        self.lexer = Lexer(bytes: bytes)
        self.source = SourceText(bytes: bytes)
        self.parseName = name
        self.functions = functions
    }

    // MARK: - Token stream

    mutating func next() -> Token {
        switch peekCount {
        case 0:
            token0 = lexer.next()
            return token0
        case 1:
            peekCount = 0
            return token0
        case 2:
            peekCount = 1
            return token1
        default:
            peekCount = 2
            return token2
        }
    }

    /// Backs up one token.
    mutating func backup() { peekCount += 1 }

    /// Backs up two tokens: `first` is returned next, then the last token read.
    mutating func backup2(_ first: Token) {
        token1 = first
        peekCount = 2
    }

    /// Backs up three tokens: `first`, then `second`, then the last token read.
    mutating func backup3(_ first: Token, _ second: Token) {
        token1 = second
        token2 = first
        peekCount = 3
    }

    mutating func peek() -> Token {
        switch peekCount {
        case 0:
            peekCount = 1
            token0 = lexer.next()
            return token0
        case 1: return token0
        case 2: return token1
        default: return token2
        }
    }

    mutating func nextNonSpace() -> Token {
        var t = next()
        while t.kind == .space { t = next() }
        return t
    }

    mutating func peekNonSpace() -> Token {
        let t = nextNonSpace()
        backup()
        return t
    }

    // MARK: - Errors

    /// Stops recursion (nested controls and parentheses) before the stack runs out.
    mutating func checkStack() throws(TemplateError) {
        guard stackFloor != 0, LargeStack.currentAddress() < stackFloor else { return }
        ranOutOfStack = true
        throw error("template nested too deeply")
    }

    func error(_ message: String, line: Int? = nil) -> TemplateError {
        TemplateError(
            phase: .parse, templateName: parseName, line: line ?? token0.line, column: nil,
            nodeText: nil, message: message)
    }

    func unexpected(_ token: Token, _ context: String) -> TemplateError {
        let text = self.text(token)
        if token.kind == .error {
            var extra = ""
            if actionLine != 0 && actionLine != token.line {
                extra = " in action started at \(parseName):\(actionLine)"
                if text.hasSuffix(" action") {
                    extra = String(extra.dropFirst(" in action".count))
                }
            }
            return error(text + extra, line: token.line)
        }
        return error("unexpected \(token.quoted(text: text)) in \(context)", line: token.line)
    }

    private mutating func expect(_ kind: TokenKind, _ context: String) throws(TemplateError) -> Token {
        let token = nextNonSpace()
        if token.kind != kind { throw unexpected(token, context) }
        return token
    }

    // MARK: - Productions

    /// Parses the whole text: the top-level template and its definitions.
    ///
    ///     template: (textOrAction | '{{' 'define' definition)*
    mutating func parse() throws(TemplateError) -> [(name: String, template: ParsedTemplate)] {
        var root: [Node] = []
        while peek().kind != .eof {
            if peek().kind == .leftDelimiter {
                let delimiter = next()
                if nextNonSpace().kind == .keywordDefine {
                    try parseDefinition()
                    continue
                }
                backup2(delimiter)
            }
            let node = try textOrAction()
            switch node {
            case .end, .elseMarker:
                throw error("unexpected \(node.description)")
            default:
                root.append(node)
            }
        }
        try add(name: parseName, root: root)
        return definitions
    }

    /// Records a template of this parse; two non-empty definitions of one name are an error.
    private mutating func add(name: String, root: [Node]) throws(TemplateError) {
        let template = ParsedTemplate(name: name, parseName: parseName, source: source, root: root)
        if let index = definitions.firstIndex(where: { $0.name == name }) {
            if definitions[index].template.isEmpty {
                definitions[index].template = template
                return
            }
            if !template.isEmpty {
                throw error("template: multiple definition of template \(GoQuote.quote(name))")
            }
            return
        }
        definitions.append((name, template))
    }

    /// definition: stringValue '}}' itemList '{{end}}'   ('{{define' is past)
    private mutating func parseDefinition() throws(TemplateError) {
        let context = "define clause"
        let token = nextNonSpace()
        guard token.kind == .string || token.kind == .rawString else { throw unexpected(token, context) }
        let name = try unquote(token)
        _ = try expect(.rightDelimiter, context)
        let savedVariables = variables
        let savedRangeDepth = rangeDepth
        variables = ["$"]
        rangeDepth = 0
        let (list, end) = try itemList()
        variables = savedVariables
        rangeDepth = savedRangeDepth
        if case .end = end {} else { throw error("unexpected \(end.description) in \(context)") }
        try add(name: name, root: list)
    }

    /// itemList: textOrAction*   (ends at {{end}} or {{else}}, returned separately)
    private mutating func itemList() throws(TemplateError) -> ([Node], Node) {
        try checkStack()
        var list: [Node] = []
        list.reserveCapacity(4)
        while peekNonSpace().kind != .eof {
            let node = try textOrAction()
            switch node {
            case .end, .elseMarker: return (list, node)
            default: list.append(node)
            }
        }
        throw error("unexpected EOF")
    }

    /// textOrAction: text | '{{' action
    private mutating func textOrAction() throws(TemplateError) -> Node {
        let token = nextNonSpace()
        switch token.kind {
        case .text:
            return .text(offset: token.offset, text: sourceText(token))
        case .leftDelimiter:
            actionLine = token.line
            defer { actionLine = 0 }
            return try action()
        default:
            throw unexpected(token, "input")
        }
    }

    /// action: control | pipeline '}}'
    private mutating func action() throws(TemplateError) -> Node {
        let token = nextNonSpace()
        switch token.kind {
        case .keywordBlock: return try blockControl()
        case .keywordBreak: return try loopControl(token, isBreak: true)
        case .keywordContinue: return try loopControl(token, isBreak: false)
        case .keywordElse: return try elseControl()
        case .keywordEnd: return .end(offset: try expect(.rightDelimiter, "end").offset)
        case .keywordIf: return .ifBranch(try branchControl("if"))
        case .keywordRange: return .rangeLoop(try branchControl("range"))
        case .keywordTemplate: return try templateControl()
        case .keywordWith: return .withBranch(try branchControl("with"))
        default: break
        }
        backup()
        let start = peek()
        // Variables declared here persist until the enclosing {{end}}.
        return .action(offset: start.offset, pipeline: try pipeline("command", end: .rightDelimiter))
    }

    /// break: '{{break}}'; continue: '{{continue}}' (only inside range)
    private mutating func loopControl(_ keyword: Token, isBreak: Bool) throws(TemplateError) -> Node {
        let name = isBreak ? "{{break}}" : "{{continue}}"
        let token = nextNonSpace()
        if token.kind != .rightDelimiter { throw unexpected(token, name) }
        if rangeDepth == 0 { throw error("\(name) outside {{range}}") }
        return isBreak ? .breakLoop(offset: keyword.offset) : .continueLoop(offset: keyword.offset)
    }

    /// else: '{{else}}' | '{{else' ('if' | 'with') …   (the if/with is left pending)
    private mutating func elseControl() throws(TemplateError) -> Node {
        let token = peekNonSpace()
        if token.kind == .keywordIf || token.kind == .keywordWith {
            return .elseMarker(offset: token.offset)
        }
        return .elseMarker(offset: try expect(.rightDelimiter, "else").offset)
    }

    /// control: pipeline '}}' itemList ('{{else}}' itemList | '{{else if' … | '{{else with' …)? '{{end}}'
    private mutating func branchControl(_ context: String) throws(TemplateError) -> BranchNode {
        let savedCount = variables.count
        defer { variables.removeLast(variables.count - savedCount) }
        let pipe = try pipeline(context, end: .rightDelimiter)
        if context == "range" { rangeDepth += 1 }
        let (list, next) = try itemList()
        if context == "range" { rangeDepth -= 1 }
        var elseList: [Node]?
        if case .elseMarker = next {
            if context == "if" && peek().kind == .keywordIf {
                _ = self.next()
                elseList = [.ifBranch(try branchControl("if"))]
            } else if context == "with" && peek().kind == .keywordWith {
                _ = self.next()
                elseList = [.withBranch(try branchControl("with"))]
            } else {
                let (elseNodes, end) = try itemList()
                if case .end = end {} else { throw error("expected end; found \(end.description)") }
                elseList = elseNodes
            }
        }
        return BranchNode(offset: pipe.offset, pipeline: pipe, list: list, elseList: elseList)
    }

    /// block: '{{block' stringValue pipeline '}}' itemList '{{end}}'
    private mutating func blockControl() throws(TemplateError) -> Node {
        let context = "block clause"
        let token = nextNonSpace()
        let name = try templateName(token, context)
        let pipe = try pipeline(context, end: .rightDelimiter)
        let savedVariables = variables
        let savedRangeDepth = rangeDepth
        variables = ["$"]
        rangeDepth = 0
        let (list, end) = try itemList()
        variables = savedVariables
        rangeDepth = savedRangeDepth
        if case .end = end {} else { throw error("unexpected \(end.description) in \(context)") }
        try add(name: name, root: list)
        return .templateCall(TemplateCallNode(offset: token.offset, name: name, pipeline: pipe))
    }

    /// template: '{{template' stringValue pipeline? '}}'
    private mutating func templateControl() throws(TemplateError) -> Node {
        let context = "template clause"
        let token = nextNonSpace()
        let name = try templateName(token, context)
        var pipe: Pipeline?
        if nextNonSpace().kind != .rightDelimiter {
            backup()
            pipe = try pipeline(context, end: .rightDelimiter)
        }
        return .templateCall(TemplateCallNode(offset: token.offset, name: name, pipeline: pipe))
    }

    private mutating func templateName(_ token: Token, _ context: String) throws(TemplateError) -> String {
        switch token.kind {
        case .string, .rawString: return try unquote(token)
        default: throw unexpected(token, context)
        }
    }

    /// The text of `token`: its bytes of the source, or an error token's message.
    func text(_ token: Token) -> String {
        if token.kind == .error { return lexer.errorMessage }
        return sourceText(token)
    }

    /// The name spelled by `token`'s bytes from `offset` on (interned per parse).
    mutating func nameIndex(_ token: Token, from offset: Int) -> Int {
        let count = source.bytes.count
        let end = min(max(token.end, 0), count)
        return names.index(source.bytes, from: min(max(offset, 0), end), to: end)
    }

    /// The source byte at `offset` (0 outside the source).
    func sourceByte(_ offset: Int) -> UInt8 {
        offset >= 0 && offset < source.bytes.count ? source.bytes[offset] : 0
    }

    /// The source bytes of `token`, as a String.
    func sourceText(_ token: Token) -> String {
        let end = min(max(token.end, token.offset), source.bytes.count)
        return String(decoding: source.bytes[token.offset..<end], as: UTF8.self)
    }

    func unquote(_ token: Token) throws(TemplateError) -> String {
        if token.kind == .rawString {
            var bytes = Array(text(token).utf8.dropFirst().dropLast())
            bytes.removeAll { $0 == 0x0D }
            return String(decoding: bytes, as: UTF8.self)
        }
        if let plain = plainStringBody(token) { return plain }
        guard let s = GoQuote.unquote(text(token)) else { throw error("invalid syntax", line: token.line) }
        return s
    }

    /// A double-quoted literal without escapes (almost all of them): its body,
    /// sliced from the source bytes; nil when Go's unquoting is needed.
    private func plainStringBody(_ token: Token) -> String? {
        guard token.kind == .string, token.offset >= 0, token.end <= source.bytes.count,
            token.end - token.offset >= 2
        else { return nil }
        let bytes = source.bytes
        guard bytes[token.offset] == 0x22, bytes[token.end - 1] == 0x22 else { return nil }
        var index = token.offset + 1
        while index < token.end - 1 {
            if bytes[index] == 0x5C || bytes[index] == 0x22 { return nil }
            index += 1
        }
        return String(decoding: bytes[(token.offset + 1)..<(token.end - 1)], as: UTF8.self)
    }
}
