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
    /// Written as a float (`.`, exponent, not hex/char): untyped it is a float64.
    var isFloatLiteral = false
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
    /// A function name, resolved at parse time.
    case identifier(offset: Int, function: FunctionName)
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

/// `operand (space operand)*`. Nodes are immutable classes so that walking
/// the tree costs one reference count per node, not one per field.
final class Command: Sendable {
    let offset: Int
    let operands: [Operand]

    init(offset: Int, operands: [Operand]) {
        self.offset = offset
        self.operands = operands
    }
}

/// `declarations? command ('|' command)*`.
final class Pipeline: Sendable {
    let offset: Int
    let line: Int
    /// `$x = …` rather than `$x := …`.
    let isAssign: Bool
    /// Declared variable names, including `$`.
    let declarations: [String]
    let commands: [Command]

    init(offset: Int, line: Int, isAssign: Bool, declarations: [String], commands: [Command]) {
        self.offset = offset
        self.line = line
        self.isAssign = isAssign
        self.declarations = declarations
        self.commands = commands
    }
}

/// `if`, `range` and `with`: a pipeline, a body and an optional else body.
final class BranchNode: Sendable {
    let offset: Int
    let pipeline: Pipeline
    let list: [Node]
    let elseList: [Node]?

    init(offset: Int, pipeline: Pipeline, list: [Node], elseList: [Node]?) {
        self.offset = offset
        self.pipeline = pipeline
        self.list = list
        self.elseList = elseList
    }
}

/// `{{template "name" pipeline}}`.
final class TemplateCallNode: Sendable {
    let offset: Int
    let name: String
    let pipeline: Pipeline?

    init(offset: Int, name: String, pipeline: Pipeline?) {
        self.offset = offset
        self.name = name
        self.pipeline = pipeline
    }
}

/// A node of a template's body, stored inline in its list (its large parts are classes).
enum Node: Sendable {
    case text(offset: Int, text: String)
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
                if !text.utf8.allSatisfy({ Lexer.isSpace($0) }) { return false }
            default:
                return false
            }
        }
        return true
    }
}
