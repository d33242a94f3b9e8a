import RudderCore

/// The Go type of a function parameter, as the template engine checks and
/// converts arguments before a call (Go's `reflect` rules: an untyped number
/// constant becomes the parameter's type; a `string` parameter refuses an `int`
/// with "wrong type for value; expected string; got int").
public enum ParameterType: Sendable, Equatable {
    /// `interface{}`: anything, nil included.
    case any
    case string
    case int
    case int64
    case float64
    case bool
    /// `[]interface{}` (Sprig's list functions take `interface{}` and reflect; use `.any` there).
    case list
    /// `map[string]interface{}`.
    case map
}

/// An error a function returns: the engine reports it as `error calling NAME: MESSAGE`.
///
/// Go's argument-type errors are raised by the engine from the declared
/// `ParameterType`s; a body that checks types itself throws a plain
/// `FunctionError` with Go's wording. `fail` and `required` throw
/// `FunctionError.helmFailure(message)`: Helm prints those as
/// `execution error at (file:line:col): MESSAGE`.
public struct FunctionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// A `fail`/`required` error (Helm's `HELM_ERR_START…HELM_ERR_END` wrapping).
    public var isHelmFailure: Bool
    public init(_ message: String) {
        self.message = message
        self.isHelmFailure = false
    }
    /// The error of `fail` and `required`.
    public static func helmFailure(_ message: String) -> FunctionError {
        var e = FunctionError(message)
        e.isHelmFailure = true
        return e
    }
    public var description: String { message }
}

/// A template function: its Go signature (for argument checks and constant
/// conversion) and its body. Bodies are pure: they see only their arguments.
/// (`include` and `tpl` need the running template set and live in the engine.)
public struct TemplateFunction: Sendable {
    public var parameters: [ParameterType]
    /// The element type of a trailing variadic parameter (`...interface{}`), if any.
    public var variadic: ParameterType?
    public var body: @Sendable ([Value]) throws -> Value
    /// The result depends on the arguments only and the call has no effect
    /// beyond it (no clock, randomness, network, logging): the engine may then
    /// reuse an `include` that called it instead of executing it again.
    /// False unless the registering code says so.
    public var isPure: Bool

    public init(
        _ parameters: [ParameterType], variadic: ParameterType? = nil, isPure: Bool = false,
        _ body: @escaping @Sendable ([Value]) throws -> Value
    ) {
        self.parameters = parameters
        self.variadic = variadic
        self.isPure = isPure
        self.body = body
    }
}

/// A registered function ready for the executor (a class: a call site takes
/// it with one reference count, not one per field).
final class ResolvedFunction: Sendable {
    let function: TemplateFunction
    let signature: Signature
    let kind: RegisteredKind

    init(name: String, function: TemplateFunction) {
        self.function = function
        self.signature = Signature(
            parameters: function.parameters.map(ArgumentType.init), variadic: function.variadic.map(ArgumentType.init))
        self.kind = RegisteredKind(name: name)
    }
}

/// Name → function. Filled by other targets (Sprig and Helm functions); immutable
/// once handed to an execution, so one registry serves many parallel renders.
public struct FunctionRegistry: Sendable {
    /// The identity of one registry content: a new one after every change, so
    /// a function name resolved when a template was parsed (`FunctionName`)
    /// is known to hold for a registry with the same identity.
    final class Identity: Sendable {}

    /// Each function with what the engine derives from it once, at registration
    /// (its checked signature, how it treats map references), not at every call.
    private(set) var resolved: [String: ResolvedFunction] = [:]
    private(set) var identity = Identity()

    public init() {}

    /// Every registered function by name.
    public var functions: [String: TemplateFunction] { resolved.mapValues(\.function) }

    public mutating func register(_ name: String, _ function: TemplateFunction) {
        resolved[name] = ResolvedFunction(name: name, function: function)
        identity = Identity()
    }

    public subscript(name: String) -> TemplateFunction? { resolved[name]?.function }

    public func contains(_ name: String) -> Bool { resolved[name] != nil }
}
