import RudderCore

/// A value during execution, with what Go's reflection would call its static
/// type: `boxed` values have type `interface {}` (map elements, range
/// elements); after each pipeline command they are unboxed. An unboxed
/// `.null` is Go's invalid value ("no value").
struct Evaluated {
    var value: Value
    var boxed: Bool

    static let invalid = Evaluated(.null, boxed: false)

    init(_ value: Value, boxed: Bool = false) {
        self.value = value
        self.boxed = boxed
    }

    var isInvalid: Bool { !boxed && value.isNull }

    /// Go's `reflect.ValueOf(v.Interface())` after a pipeline command.
    var unboxed: Evaluated { Evaluated(value, boxed: false) }

    /// The static type name Go's errors show.
    var typeName: String { boxed ? "interface {}" : value.goTypeName }
}

/// Control flow and failure during execution.
enum ExecutionSignal: Error {
    case failure(TemplateError)
    case breakLoop
    case continueLoop
    /// The caller's stack ran out: execution is retried on a large stack.
    case stackExhausted
}

/// What the executor is looking at, for error positions (Go's `state.at`).
enum NodeReference {
    case none
    case node(Node)
    case operand(Operand)
    case command(Command)
    case pipeline(Pipeline)

    var offset: Int {
        switch self {
        case .none: return 0
        case .node(let n): return n.offset
        case .operand(let o): return o.offset
        case .command(let c): return c.offset
        case .pipeline(let p): return p.offset
        }
    }

    var text: String? {
        switch self {
        case .none: return nil
        case .node(let n): return n.description
        case .operand(let o): return o.description
        case .command(let c): return c.description
        case .pipeline(let p): return p.description
        }
    }
}

/// The state of one execution: output, variables, counters. Created per
/// `execute` call; the `TemplateSet` it reads is never modified.
final class Executor {
    let set: TemplateSet
    let functions: FunctionRegistry
    let options: ExecutionOptions
    /// What the execution wrote so far (a `String`: an `include` returns it without re-validating UTF-8).
    var output = ""
    var totalOutput = 0
    var template: ParsedTemplate
    /// One stack of variables for every running template: the current
    /// template's start at `variableBase` (its `$`); no dynamic scoping.
    var variables: [(name: String, value: Evaluated)] = []
    var variableBase = 0
    var current: NodeReference = .none
    var depth = 0
    var includeCounts: [String: Int] = [:]
    var steps = 0
    /// The lowest stack address nested calls may reach (0: unchecked).
    var stackFloor: UInt = 0
    /// Running on the large-stack thread: running out of stack is a final error.
    var onLargeStack = false
    /// Set when execution stopped because the stack ran out (retry on a larger one).
    var ranOutOfStack = false
    /// Templates added by `tpl` during this execution, visible to nested calls.
    var overlay: [String: ParsedTemplate] = [:]
    /// The map references of this execution (shared by a chart render's files).
    var references = MapReferences()
    /// Calls of functions that are not pure (and of `tpl`) so far: an include
    /// that made any is not remembered (`IncludeMemo`).
    var impureCalls = 0
    /// The deepest `depth` reached since the innermost remembered include started.
    var depthHighWater = 0
    /// Includes running now, and the most since the innermost remembered include started.
    var includeNesting = 0
    var nestingHighWater = 0

    init(set: TemplateSet, functions: FunctionRegistry, options: ExecutionOptions, template: ParsedTemplate) {
        self.set = set
        self.functions = functions
        self.options = options
        self.template = template
    }

    func lookup(_ name: String) -> ParsedTemplate? {
        if !overlay.isEmpty, let t = overlay[name] { return t }
        return set.templates[name]
    }

    // MARK: - Errors

    func error(_ message: String, cause: TemplateError.Cause = .engine) -> ExecutionSignal {
        .failure(makeError(message, cause: cause))
    }

    func makeError(_ message: String, cause: TemplateError.Cause = .engine) -> TemplateError {
        let (line, column) = template.source.lineAndColumn(of: current.offset)
        let text = current.text
        return TemplateError(
            phase: .execution, templateName: template.name, line: line,
            column: text == nil ? nil : column, nodeText: text, message: message, cause: cause,
            fileName: template.parseName)
    }

    // MARK: - Limits

    /// Stops recursion before the thread's stack runs out.
    func checkStack() throws(ExecutionSignal) {
        guard stackFloor != 0, LargeStack.currentAddress() < stackFloor else { return }
        if onLargeStack {
            throw error("templates nested too deeply for the stack (depth \(depth))", cause: .limit)
        }
        ranOutOfStack = true
        throw .stackExhausted
    }

    /// Executes `target` with `data` as dot and returns the output or the error.
    func run(_ target: ParsedTemplate, data: Value) -> Result<String, TemplateError> {
        do throws(ExecutionSignal) {
            try runTemplate(target, dot: enterRoot(data))
            return .success(output)
        } catch .failure(let error) {
            return .failure(error)
        } catch {
            return .failure(makeError("execution stopped: \(error)"))
        }
    }

    func step() throws(ExecutionSignal) {
        steps += 1
        if steps > options.maxSteps {
            throw error("execution exceeded the limit of \(options.maxSteps) steps", cause: .limit)
        }
        if steps & 1023 == 0, let deadline = options.deadlineNanoseconds,
            ExecutionOptions.monotonicNanoseconds() > deadline
        {
            throw error("execution exceeded its time budget", cause: .limit)
        }
    }

    func write(_ string: String) throws(ExecutionSignal) {
        totalOutput += string.utf8.count
        if totalOutput > options.maxOutputBytes {
            throw error("output exceeds the limit of \(options.maxOutputBytes) bytes", cause: .limit)
        }
        output.append(string)
    }

    /// What an action prints: strings as they are, nil as `<no value>`, else `%v`.
    func writePrinted(_ value: Value) throws(ExecutionSignal) {
        switch value {
        case .string(let s): try write(s)
        case .null: try write("<no value>")
        case .int(let i): try write(String(i))
        case .int64(let i): try write(String(i))
        case .bool(let b): try write(b ? "true" : "false")
        case .float(let d) where abs(d) < 1e6 && d == d.rounded(.towardZero) && !(d == 0 && d.sign == .minus):
            // Integral floats below 1e6 print as integers in Go's %v.
            try write(String(Int64(d)))
        default: try write(Printer.format(value))
        }
    }

    // MARK: - Variables

    func push(_ name: String, _ value: Evaluated) { variables.append((name, value)) }

    func setVariable(_ name: String, _ value: Evaluated) throws(ExecutionSignal) {
        var i = variables.count - 1
        while i >= variableBase {
            if variables[i].name == name {
                variables[i].value = value
                return
            }
            i -= 1
        }
        throw error("undefined variable: \(name)")
    }

    func setTopVariable(_ n: Int, _ value: Evaluated) {
        let index = variables.count - n
        if index >= variableBase && index < variables.count { variables[index].value = value }
    }

    func variableValue(_ name: String) throws(ExecutionSignal) -> Evaluated {
        var i = variables.count - 1
        while i >= variableBase {
            if variables[i].name == name { return variables[i].value }
            i -= 1
        }
        throw error("undefined variable: \(name)")
    }

    // MARK: - Walking

    func walk(_ dot: Evaluated, _ nodes: [Node]) throws(ExecutionSignal) {
        for node in nodes { try walk(dot, node) }
    }

    func walk(_ dot: Evaluated, _ node: Node) throws(ExecutionSignal) {
        try step()
        current = .node(node)
        switch node {
        case .text(_, let text):
            try write(text)
        case .action(_, let pipeline):
            let value = try evaluatePipeline(dot, pipeline)
            if pipeline.declarations.isEmpty {
                current = .node(node)
                try writePrinted(plain(value.value))
            }
        case .ifBranch(let branch):
            try walkIfOrWith(dot, branch, isWith: false)
        case .withBranch(let branch):
            try walkIfOrWith(dot, branch, isWith: true)
        case .rangeLoop(let branch):
            try walkRange(dot, branch)
        case .templateCall(let call):
            try walkTemplate(dot, call)
        case .breakLoop:
            throw .breakLoop
        case .continueLoop:
            throw .continueLoop
        case .end, .elseMarker:
            throw error("unknown node: \(node.description)")
        }
    }

    func walkIfOrWith(_ dot: Evaluated, _ branch: BranchNode, isWith: Bool) throws(ExecutionSignal) {
        let mark = variables.count
        defer { variables.removeLast(variables.count - mark) }
        let value = try evaluatePipeline(dot, branch.pipeline)
        if Executor.truth(value.value) {
            try walk(isWith ? value : dot, branch.list)
        } else if let elseList = branch.elseList {
            try walk(dot, elseList)
        }
    }

    func walkTemplate(_ dot: Evaluated, _ call: TemplateCallNode) throws(ExecutionSignal) {
        current = .node(.templateCall(call))
        guard let target = lookup(call.name) else {
            throw error("template \(GoQuote.quote(call.name)) not defined")
        }
        if depth >= options.maxTemplateDepth {
            throw error("exceeded maximum template depth (\(options.maxTemplateDepth))")
        }
        if depth >= options.maxCallDepth {
            throw error("exceeded maximum template depth (\(options.maxCallDepth))", cause: .limit)
        }
        var newDot = Evaluated.invalid
        if let pipeline = call.pipeline { newDot = try evaluatePipeline(dot, pipeline) }
        try runTemplate(target, dot: newDot)
    }

    /// Runs `target` with a fresh variable scope (`$` = dot): no dynamic scoping.
    func runTemplate(_ target: ParsedTemplate, dot: Evaluated) throws(ExecutionSignal) {
        try checkStack()
        let savedTemplate = template
        let savedCount = variables.count
        let savedBase = variableBase
        let savedCurrent = current
        template = target
        variables.append(("$", dot))
        variableBase = savedCount
        depth += 1
        if depth > depthHighWater { depthHighWater = depth }
        defer {
            depth -= 1
            template = savedTemplate
            variables.removeLast(variables.count - savedCount)
            variableBase = savedBase
            current = savedCurrent
        }
        try walk(dot, target.root)
    }

    func walkRange(_ dot: Evaluated, _ branch: BranchNode) throws(ExecutionSignal) {
        current = .node(.rangeLoop(branch))
        let outerMark = variables.count
        defer { variables.removeLast(variables.count - outerMark) }
        let value = try evaluatePipeline(dot, branch.pipeline)
        let mark = variables.count
        let declarations = branch.pipeline.declarations
        // Returns false when the loop must stop ({{break}}).
        func iteration(_ index: Evaluated, _ element: Evaluated) throws(ExecutionSignal) -> Bool {
            try step()
            if !declarations.isEmpty {
                if branch.pipeline.isAssign {
                    try setVariable(declarations[0], declarations.count > 1 ? index : element)
                } else {
                    setTopVariable(1, element)
                }
            }
            if declarations.count > 1 {
                if branch.pipeline.isAssign {
                    try setVariable(declarations[1], element)
                } else {
                    setTopVariable(2, index)
                }
            }
            defer { variables.removeLast(variables.count - mark) }
            do {
                try walk(element, branch.list)
            } catch .breakLoop {
                return false
            } catch .continueLoop {
                return true
            }
            return true
        }
        var ran = false
        switch Executor.rangeIterable(value.value) {
        case .list(let items):
            for (i, item) in items.enumerated() {
                ran = true
                if try !iteration(Evaluated(.int(i)), Evaluated(item, boxed: true)) { break }
            }
        case .bytes(let bytes):
            for (i, b) in bytes.enumerated() {
                ran = true
                if try !iteration(Evaluated(.int(i)), Evaluated(.int(Int(b)))) { break }
            }
        case .map(let map):
            for key in map.keys.sorted(by: Printer.goStringLess) {
                ran = true
                if try !iteration(Evaluated(.string(key)), Evaluated(map[key] ?? .null, boxed: true)) { break }
            }
        case .int, .int64:
            if declarations.count > 1 {
                throw error("can't use \(Printer.printed(value.value)) to iterate over more than one variable")
            }
            let count = value.value.integerValue ?? 0
            var i: Int64 = 0
            while i < count {
                ran = true
                let element: Value = { if case .int = value.value { return .int(Int(i)) } else { return .int64(i) } }()
                if try !iteration(Evaluated(element), Evaluated(element)) { break }
                i += 1
            }
        case .null:
            break
        default:
            throw error("range can't iterate over \(Printer.printed(value.value))")
        }
        if !ran, let elseList = branch.elseList {
            try walk(dot, elseList)
        }
    }
}
