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

    public init(
        _ parameters: [ParameterType], variadic: ParameterType? = nil,
        _ body: @escaping @Sendable ([Value]) throws -> Value
    ) {
        self.parameters = parameters
        self.variadic = variadic
        self.body = body
    }
}

/// A registered function ready for the executor.
struct ResolvedFunction: Sendable {
    var function: TemplateFunction
    var signature: Signature
    var kind: RegisteredKind

    init(name: String, function: TemplateFunction) {
        self.function = function
        self.signature = Signature(
            parameters: function.parameters.map(ArgumentType.init), variadic: function.variadic.map(ArgumentType.init))
        self.kind = RegisteredKind(name: name)
    }
}

/// Name → function. Filled by other targets (Sprig and Helm functions); immutable
/// once handed to an execution, so one registry serves many parallel renders.
///
/// The executor looks a name up at every call, so the names sit in an
/// open-addressing table hashed with FNV-1a over their bytes: a fraction of
/// the cost of a `Dictionary` lookup, whose SipHash dominates for short names.
public struct FunctionRegistry: Sendable {
    /// Each function with what the engine derives from it once, at registration
    /// (its checked signature, how it treats map references), not at every call.
    private var entries: [ResolvedFunction] = []
    private var names: [String] = []
    /// Indexes into `entries` (-1: empty slot); the count is a power of two.
    private var slots: [Int32] = []

    public init() {}

    /// Every registered function by name.
    public var functions: [String: TemplateFunction] {
        var all: [String: TemplateFunction] = [:]
        all.reserveCapacity(names.count)
        for (index, name) in names.enumerated() { all[name] = entries[index].function }
        return all
    }

    public mutating func register(_ name: String, _ function: TemplateFunction) {
        let entry = ResolvedFunction(name: name, function: function)
        if let index = index(of: name) {
            entries[index] = entry
            return
        }
        // Kept at most half full, so that probes stay short; room for the
        // whole library (about 240 names) from the first registration.
        if (names.count + 1) * 2 > slots.count { rehash(capacity: max(512, slots.count * 2)) }
        if names.isEmpty {
            entries.reserveCapacity(256)
            names.reserveCapacity(256)
        }
        entries.append(entry)
        names.append(name)
        insert(names.count - 1)
    }

    public subscript(name: String) -> TemplateFunction? { resolved(name)?.function }

    public func contains(_ name: String) -> Bool { index(of: name) != nil }

    /// The registered function `name` with its derived signature and kind.
    func resolved(_ name: String) -> ResolvedFunction? {
        guard let index = index(of: name) else { return nil }
        return entries[index]
    }

    private func index(of name: String) -> Int? {
        if slots.isEmpty { return nil }
        let mask = slots.count - 1
        var slot = FunctionRegistry.hash(name) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return nil }
            if names[index] == name { return index }
            slot = (slot + 1) & mask
        }
    }

    private mutating func insert(_ index: Int) {
        let mask = slots.count - 1
        var slot = FunctionRegistry.hash(names[index]) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index)
    }

    private mutating func rehash(capacity: Int) {
        slots = [Int32](repeating: -1, count: capacity)
        for index in names.indices { insert(index) }
    }

    /// FNV-1a of the name's UTF-8 bytes, folded to a non-negative Int. The
    /// bytes are read from contiguous storage (a short name is copied to the
    /// stack): walking `String.UTF8View` costs tens of instructions a byte.
    private static func hash(_ name: String) -> Int {
        var name = name
        return name.withUTF8 { bytes -> Int in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return Int(truncatingIfNeeded: (hash ^ (hash >> 32)) & 0x7fff_ffff)
        }
    }
}
