import RudderCore

/// A function name in a parsed template, resolved once, when the template was
/// parsed, against the registry it was parsed with: a call then costs a
/// comparison of registry identities instead of a hash of the name.
/// Immutable, so parsed templates stay shareable by parallel executions; an
/// execution with another registry resolves the name again at each call.
final class FunctionName: Sendable {
    let name: String
    /// `include` or `tpl` (which the execution options may switch off).
    let special: Callee?
    /// The registry `callee` holds for.
    let registry: FunctionRegistry.Identity
    /// What `name` calls in that registry: a registered function, else a builtin.
    let callee: Callee?

    init(_ name: String, functions: FunctionRegistry) {
        self.name = name
        switch name {
        case "include": special = .include
        case "tpl": special = .tpl
        default: special = nil
        }
        registry = functions.identity
        callee = Callee.resolve(name, functions: functions)
    }

    /// Whether the engine can call the name: a registered function, a Go
    /// builtin, or `include`/`tpl` (the parser's check).
    var isKnown: Bool { special != nil || callee != nil }
}

/// Where a function name resolves to.
enum Callee: Sendable {
    case builtin(Builtin, Signature)
    case registered(ResolvedFunction)
    case include
    case tpl

    /// What `name` calls in `functions` without `include` and `tpl`: one
    /// dictionary lookup (the registry resolved its functions when they were registered).
    static func resolve(_ name: String, functions: FunctionRegistry) -> Callee? {
        if let entry = functions.resolved[name] { return .registered(entry) }
        if let builtin = Builtin.byName[name] { return .builtin(builtin, builtin.signature) }
        return nil
    }

    /// The signature of `include` and `tpl`: `(string, interface{})`.
    static let includeSignature = Signature(parameters: [.string, .any], variadic: nil)
}
