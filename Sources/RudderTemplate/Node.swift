import RudderCore

/// The parsed form of a template: a closed set of node types, each with the
/// byte offset where it starts (line and column are computed only on error).

/// A number literal with every interpretation Go's parser derives from its text.
struct NumberLiteral: Sendable {
    var offset: Int
    var text: String
    var isInt = false
    var isFloat = false
    var intValue: Int64 = 0
    var floatValue: Double = 0
    /// A character constant such as `'a'`.
    var isCharacter = false
    /// A literal that fits only in uint64 (Go reports it as overflowing int).
    var isUnsignedOnly = false
}

/// An operand of a command (Go's argument nodes).
indirect enum Operand: Sendable {
    /// `.A.B`: names without dots.
    case field(offset: Int, names: [String])
    /// `$x.A.B`: `name` includes the `$`.
    case variable(offset: Int, name: String, fields: [String])
    case dot(offset: Int)
    case `nil`(offset: Int)
    case bool(offset: Int, value: Bool)
    case number(NumberLiteral)
    /// `quoted` is the source text, `value` the unquoted string.
    case string(offset: Int, quoted: String, value: String)
    /// A function name.
    case identifier(offset: Int, name: String)
    /// `( pipeline )`.
    case pipeline(Pipeline)
    /// `(pipeline).A.B` or `func.A` style chains.
    case chain(offset: Int, base: Operand, fields: [String])

    var offset: Int {
        switch self {
        case .field(let o, _), .variable(let o, _, _), .dot(let o), .nil(let o), .bool(let o, _),
            .string(let o, _, _), .identifier(let o, _), .chain(let o, _, _):
            return o
        case .number(let n): return n.offset
        case .pipeline(let p): return p.offset
        }
    }
}

/// `operand (space operand)*`.
struct Command: Sendable {
    var offset: Int
    var operands: [Operand]
}

/// `declarations? command ('|' command)*`.
struct Pipeline: Sendable {
    var offset: Int
    var line: Int
    /// `$x = …` rather than `$x := …`.
    var isAssign = false
    /// Declared variable names, including `$`.
    var declarations: [String] = []
    var commands: [Command] = []
}

/// `if`, `range` and `with`: a pipeline, a body and an optional else body.
struct BranchNode: Sendable {
    var offset: Int
    var pipeline: Pipeline
    var list: [Node]
    var elseList: [Node]?
}

/// `{{template "name" pipeline}}`.
struct TemplateCallNode: Sendable {
    var offset: Int
    var name: String
    var pipeline: Pipeline?
}

indirect enum Node: Sendable {
    case text(offset: Int, text: [UInt8])
    case action(offset: Int, pipeline: Pipeline)
    case ifBranch(BranchNode)
    case rangeLoop(BranchNode)
    case withBranch(BranchNode)
    case templateCall(TemplateCallNode)
    case breakLoop(offset: Int)
    case continueLoop(offset: Int)
    /// Parser-internal markers; never stored in a tree.
    case end(offset: Int)
    case elseMarker(offset: Int)

    var offset: Int {
        switch self {
        case .text(let o, _), .action(let o, _), .breakLoop(let o), .continueLoop(let o),
            .end(let o), .elseMarker(let o):
            return o
        case .ifBranch(let b), .rangeLoop(let b), .withBranch(let b): return b.offset
        case .templateCall(let t): return t.offset
        }
    }
}

/// One parsed template: its body and the source it came from (for positions).
struct ParsedTemplate: Sendable {
    /// The name it is executed by (a file path or a `define` name).
    var name: String
    /// The name of the file it was parsed from (Go's `ParseName`).
    var parseName: String
    var source: SourceText
    var root: [Node]

    var isEmpty: Bool { Node.isEmptyList(root) }
}

/// The text of one parse, shared by every template defined in it.
final class SourceText: Sendable {
    let bytes: [UInt8]
    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Go's `ErrorContext` location: 1-based line and 0-based byte column
    /// (on the first line, the byte offset itself).
    func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lastNewline = -1
        var i = 0
        while i < end {
            if bytes[i] == 0x0A { line += 1; lastNewline = i }
            i += 1
        }
        return (line, lastNewline < 0 ? end : end - (lastNewline + 1))
    }
}

extension Node {
    /// Go's `IsEmptyTree`: only whitespace text (and nothing else) counts as empty.
    static func isEmptyList(_ nodes: [Node]) -> Bool {
        for node in nodes {
            switch node {
            case .text(_, let text):
                if !text.allSatisfy({ Lexer.isSpace($0) }) { return false }
            default:
                return false
            }
        }
        return true
    }
}
