import RudderCore

#if canImport(Glibc)
import Glibc
#endif

/// Parsed templates by name: immutable during execution and shared by any
/// number of parallel executions (each has its own `Executor` state).
public struct TemplateSet: Sendable {
    var templates: [String: ParsedTemplate] = [:]

    public init() {}

    /// The names of every template in the set, sorted.
    public var names: [String] { templates.keys.sorted(by: Printer.goStringLess) }

    /// One file's templates, parsed but not yet in a set: what `parseFile`
    /// returns. Parsing needs no set, so files can be parsed on any thread and
    /// joined later in the order that decides which `define` wins.
    public struct ParsedFile: Sendable {
        let definitions: [(name: String, template: ParsedTemplate)]
    }

    /// Parses `text` as template `name` (Helm names templates by path, e.g.
    /// "mychart/templates/a.yaml"); its `define`s join the set; a later parse of
    /// the same name wins, except that an empty body never replaces a non-empty one.
    /// Function names are checked at parse time (Go: `function "x" not defined`).
    public mutating func parse(name: String, text: String, functions: FunctionRegistry) throws(TemplateError) {
        add(try TemplateSet.parseFile(name: name, text: text, functions: functions))
    }

    /// Parses one file without touching any set (see `add`).
    public static func parseFile(name: String, text: String, functions: FunctionRegistry) throws(TemplateError)
        -> ParsedFile
    {
        var parser = Parser(name: name, text: text, functions: functions)
        parser.stackFloor = LargeStack.currentThreadFloor()
        var outcome: Result<[(name: String, template: ParsedTemplate)], TemplateError>
        do {
            outcome = .success(try parser.parse())
        } catch {
            outcome = .failure(error)
        }
        if parser.ranOutOfStack {
            // Deeply nested text: parse again on a thread with a large stack.
            LargeStack.run { stackBytes in
                var deepParser = Parser(name: name, text: text, functions: functions)
                deepParser.stackFloor = LargeStack.floor(stackBytes: stackBytes)
                do throws(TemplateError) {
                    outcome = .success(try deepParser.parse())
                } catch {
                    outcome = .failure(error)
                }
            }
        }
        return ParsedFile(definitions: try outcome.get())
    }

    /// Adds a parsed file's templates, exactly as `parse` would have.
    public mutating func add(_ file: ParsedFile) {
        for (definitionName, template) in file.definitions {
            if let existing = templates[definitionName], !existing.isEmpty, template.isEmpty { continue }
            templates[definitionName] = template
        }
    }

    public func contains(_ name: String) -> Bool { templates[name] != nil }

    /// Executes template `name` with `data` as dot. Output keeps `<no value>`
    /// (Helm strips it later, per file).
    public func execute(
        name: String, data: Value, functions: FunctionRegistry, options: ExecutionOptions = ExecutionOptions(),
        references: MapReferences? = nil
    ) throws(TemplateError) -> String {
        guard let template = templates[name] else {
            throw TemplateError(
                phase: .execution, templateName: options.rootTemplateName, line: 0, column: nil, nodeText: nil,
                message:
                    "template: no template \(GoQuote.quote(name)) associated with template \(GoQuote.quote(options.rootTemplateName))",
                cause: .plain)
        }
        // Most templates run on the caller's thread; one that nests deeper than
        // its stack allows runs again on a thread with a large stack.
        let executor = Executor(set: self, functions: functions, options: options, template: template)
        executor.stackFloor = LargeStack.currentThreadFloor()
        if let references { executor.references = references }
        references?.beginRecording()
        defer { references?.endRecording() }
        var result = executor.run(template, data: data)
        if executor.ranOutOfStack {
            references?.undoRecorded()
            LargeStack.run { stackBytes in
                let deepExecutor = Executor(set: self, functions: functions, options: options, template: template)
                deepExecutor.stackFloor = LargeStack.floor(stackBytes: stackBytes)
                deepExecutor.onLargeStack = true
                if let references { deepExecutor.references = references }
                result = deepExecutor.run(template, data: data)
            }
        }
        return try result.get()
    }
}
