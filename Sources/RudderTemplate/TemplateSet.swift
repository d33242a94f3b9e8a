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

    /// Whether `name` is a function the engine can call: a registered one, a
    /// Go builtin, or `include`/`tpl`.
    static func isKnownFunction(_ name: String, functions: FunctionRegistry, includeAndTpl: Bool = true) -> Bool {
        if name == "include" || name == "tpl" { return true }
        return functions.contains(name) || Builtin(rawValue: name) != nil
    }

    /// Parses `text` as template `name` (Helm names templates by path, e.g.
    /// "mychart/templates/a.yaml"); its `define`s join the set; a later parse of
    /// the same name wins, except that an empty body never replaces a non-empty one.
    /// Function names are checked at parse time (Go: `function "x" not defined`).
    public mutating func parse(name: String, text: String, functions: FunctionRegistry) throws(TemplateError) {
        var parser = Parser(name: name, text: text, isFunction: { TemplateSet.isKnownFunction($0, functions: functions) })
        let definitions = try parser.parse()
        for (definitionName, template) in definitions {
            if let existing = templates[definitionName], !existing.isEmpty, template.isEmpty { continue }
            templates[definitionName] = template
        }
    }

    public func contains(_ name: String) -> Bool { templates[name] != nil }

    /// Executes template `name` with `data` as dot. Output keeps `<no value>`
    /// (Helm strips it later, per file).
    public func execute(
        name: String, data: Value, functions: FunctionRegistry, options: ExecutionOptions = ExecutionOptions()
    ) throws(TemplateError) -> String {
        guard let template = templates[name] else {
            throw TemplateError(
                phase: .execution, templateName: options.rootTemplateName, line: 0, column: nil, nodeText: nil,
                message: "no template \(GoQuote.quote(name)) associated with template \(GoQuote.quote(options.rootTemplateName))")
        }
        let executor = Executor(set: self, functions: functions, options: options, template: template)
        var result: Result<String, TemplateError> = .success("")
        LargeStack.run {
            do throws(ExecutionSignal) {
                try executor.runTemplate(template, dot: Evaluated(data))
                result = .success(String(decoding: executor.output, as: UTF8.self))
            } catch .failure(let error) {
                result = .failure(error)
            } catch {
                result = .failure(executor.makeError("unexpected break or continue"))
            }
        }
        return try result.get()
    }
}

/// Runs deep recursions (nested templates and includes) on a thread with a
/// large stack, so template depth is bounded by our limits, not by the
/// caller's thread (Swift concurrency threads have small stacks). The call
/// is synchronous: the caller waits for the thread.
enum LargeStack {
    static let stackBytes = 1 << 30

    final class Task {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    static func run(_ body: () -> Void) {
        withoutActuallyEscaping(body) { escapable in
            let task = Task(escapable)
            let context = Unmanaged.passRetained(task).toOpaque()
            defer { Unmanaged<Task>.fromOpaque(context).release() }
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            var size = stackBytes
            var thread = pthread_t()
            while size >= 16 << 20 {
                pthread_attr_setstacksize(&attributes, size)
                if pthread_create(&thread, &attributes, largeStackEntry, context) == 0 {
                    pthread_join(thread, nil)
                    return
                }
                size /= 4
            }
            task.body()
        }
    }
}

private func largeStackEntry(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let raw else { return nil }
    Unmanaged<LargeStack.Task>.fromOpaque(raw).takeUnretainedValue().body()
    return nil
}
