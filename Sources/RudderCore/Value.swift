/// A value as templates see it: the data of values files, of `--set` flags and
/// of template functions, modelled on the Go types Helm hands to text/template.
///
/// Absence is not a case: a map simply lacks the key. `null` is Go's `nil`
/// (a key that is present with a null value, or a missing value after lookup).
///
/// Go distinguishes `int` (template literals, `len`, `atoi`) from `int64`
/// (`--set` numbers, Sprig arithmetic); both are kept because `printf`'s error
/// forms (`%!s(int=5)`) and `typeOf` show the difference. Numbers read from
/// YAML or JSON files are `float64`, exactly as in Helm.
public enum Value: Sendable {
    case null
    case bool(Bool)
    /// Go `int`.
    case int(Int)
    /// Go `int64`.
    case int64(Int64)
    /// Go `float64`.
    case float(Double)
    case string(String)
    /// Go `[]byte` (from `.Files.GetBytes`, `randBytes` and the like).
    case bytes([UInt8])
    /// Go `[]interface{}`.
    case list([Value])
    /// Go `map[string]interface{}`: keys are unordered; every iteration and
    /// every printing sorts them, as Go does.
    case map([String: Value])
    /// A host object with fields and methods (`.Files`, `.Capabilities`, `.Chart`).
    /// Boxed (`indirect`): the 40-byte existential would otherwise make every
    /// value 41 bytes; boxed, a value is 17 (stride 24), which halves every
    /// list and map of values.
    indirect case object(any TemplateObject)
}

/// A host object reachable from a template: Helm's structs with fields and
/// methods (`.Files.Get`, `.Capabilities.APIVersions.Has`).
public protocol TemplateObject: Sendable {
    /// Go's type name, as `printf "%T"` and error messages show it.
    var goTypeName: String { get }
    /// Go's `reflect.Kind` name, as Sprig's `kindOf` shows it: `ptr` (the
    /// default) for Helm's pointers, `struct`, `map` or `slice` for values.
    var goKindName: String { get }
    /// The value of field `name`, or nil when the object has no such field or method.
    func field(_ name: String) -> Value?
    /// Whether `name` is a method (then it is called with the arguments that follow).
    func hasMethod(_ name: String) -> Bool
    /// Calls method `name`; throws `TemplateObjectError` for a bad call.
    func callMethod(_ name: String, arguments: [Value]) throws -> Value
    /// How `{{ . }}` and `%v` print the object.
    var printed: String { get }
    /// The plain data Go's encoding/json would produce from the object (for
    /// `toJson`, `toYaml`), or nil when it encodes as `null`.
    var dataRepresentation: Value? { get }
    /// The list or map that `range`, `len` and `index` see when the Go type is
    /// itself a slice or map (Helm's `.Files` is a `map[string][]byte`), else nil.
    var iterationValue: Value? { get }
}

extension TemplateObject {
    public var goKindName: String { "ptr" }
    public var dataRepresentation: Value? { nil }
    public var iterationValue: Value? { nil }
    public func hasMethod(_ name: String) -> Bool { false }
    public func callMethod(_ name: String, arguments: [Value]) throws -> Value {
        throw TemplateObjectError("can't call method \(name) on type \(goTypeName)")
    }
}

/// An error raised by a host object's method.
public struct TemplateObjectError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Value {
    /// Go's dynamic type name, as `%T`, `typeOf` and printf's `%!v(T=…)` show it.
    public var goTypeName: String {
        switch self {
        case .null: return "<nil>"
        case .bool: return "bool"
        case .int: return "int"
        case .int64: return "int64"
        case .float: return "float64"
        case .string: return "string"
        case .bytes: return "[]uint8"
        case .list: return "[]interface {}"
        case .map: return "map[string]interface {}"
        case .object(let object): return object.goTypeName
        }
    }

    /// Go's `reflect.Kind` name, as Sprig's `kindOf` shows it.
    public var goKindName: String {
        switch self {
        case .null: return "invalid"
        case .bool: return "bool"
        case .int: return "int"
        case .int64: return "int64"
        case .float: return "float64"
        case .string: return "string"
        case .bytes, .list: return "slice"
        case .map: return "map"
        case .object(let object): return object.goKindName
        }
    }

    /// What `range` iterates: a host object's `iterationValue`, else the value itself.
    public var iterable: Value {
        if case .object(let object) = self, let value = object.iterationValue { return value }
        return self
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The map, when this is a map.
    public var mapValue: [String: Value]? {
        if case .map(let m) = self { return m }
        return nil
    }

    /// The list, when this is a list.
    public var listValue: [Value]? {
        if case .list(let l) = self { return l }
        return nil
    }

    /// The integer, when this is an `int` or `int64`.
    public var integerValue: Int64? {
        switch self {
        case .int(let i): return Int64(i)
        case .int64(let i): return i
        default: return nil
        }
    }

    /// Go template truth: false, 0, nil, and empty strings, lists and maps are false.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .int64(let i): return i != 0
        case .float(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .bytes(let b): return !b.isEmpty
        case .list(let l): return !l.isEmpty
        case .map(let m): return !m.isEmpty
        case .object: return true
        }
    }

    /// Looks up a dotted path of map keys (`["a", "b"]`); nil when absent anywhere.
    public func lookup(_ path: [String]) -> Value? {
        var current = self
        for key in path {
            guard case .map(let m) = current, let next = m[key] else { return nil }
            current = next
        }
        return current
    }
}

extension Value: Equatable {
    /// Structural equality. Host objects are equal only when they print alike
    /// and have the same type (Go compares pointers; templates rarely do this).
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int64(let a), .int64(let b)): return a == b
        case (.float(let a), .float(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.string(let a), .string(let b)): return a == b
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.map(let a), .map(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.goTypeName == b.goTypeName && a.printed == b.printed
        default: return false
        }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral, ExpressibleByIntegerLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(dictionaryLiteral elements: (String, Value)...) {
        var m: [String: Value] = [:]
        for (k, v) in elements { m[k] = v }
        self = .map(m)
    }
}
