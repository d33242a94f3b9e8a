import RudderCore

/// Go's text/template builtin functions.
enum Builtin: String, CaseIterable {
    case and, or, not, len, index, slice, print, printf, println, html, js, urlquery, call
    case eq, ne, lt, le, gt, ge

    /// Every builtin by name (one hash lookup instead of comparing every raw value).
    static let byName: [String: Builtin] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    var signature: Signature {
        switch self {
        case .and, .or, .index, .slice, .call, .eq:
            return Signature(parameters: [.reflectValue], variadic: .reflectValue)
        case .not, .len:
            return Signature(parameters: [.reflectValue], variadic: nil)
        case .print, .println, .html, .js, .urlquery:
            return Signature(parameters: [], variadic: .any)
        case .printf:
            return Signature(parameters: [.string], variadic: .any)
        case .ne, .lt, .le, .gt, .ge:
            return Signature(parameters: [.reflectValue, .reflectValue], variadic: nil)
        }
    }

    /// Calls the builtin; errors are `FunctionError`s (reported as `error calling NAME: …`).
    func call(_ arguments: [Evaluated], calleeText: String) throws -> Evaluated {
        let values = arguments.map(\.value)
        switch self {
        case .and, .or:
            return arguments.last ?? .invalid  // handled by the executor (short-circuit)
        case .not:
            return Evaluated(.bool(!values[0].isTruthy))
        case .len:
            return Evaluated(.int(try Builtin.length(arguments[0])))
        case .index:
            return try Builtin.index(values[0], Array(values.dropFirst()))
        case .slice:
            return Evaluated(try Builtin.slice(values[0], Array(values.dropFirst())))
        case .print:
            return Evaluated(.string(Printer.sprint(values)))
        case .println:
            return Evaluated(.string(Printer.sprintln(values)))
        case .printf:
            return Evaluated(.string(Printer.sprintf(values[0].stringValue ?? "", Array(values.dropFirst()))))
        case .html:
            return Evaluated(.string(Escaping.html(Builtin.evaluateArguments(arguments))))
        case .js:
            return Evaluated(.string(Escaping.javaScript(Builtin.evaluateArguments(arguments))))
        case .urlquery:
            return Evaluated(.string(Escaping.queryEscape(Builtin.evaluateArguments(arguments))))
        case .call:
            let function = values[0]
            if function.isNull { throw FunctionError("call of nil") }
            throw FunctionError("non-function \(calleeText) of type \(function.goTypeName)")
        case .eq:
            return Evaluated(.bool(try Comparison.equal(values[0], Array(values.dropFirst()))))
        case .ne:
            return Evaluated(.bool(!(try Comparison.equal(values[0], [values[1]]))))
        case .lt:
            return Evaluated(.bool(try Comparison.less(values[0], values[1])))
        case .le:
            return Evaluated(.bool(try Comparison.lessOrEqual(values[0], values[1])))
        case .gt:
            return Evaluated(.bool(!(try Comparison.lessOrEqual(values[0], values[1]))))
        case .ge:
            return Evaluated(.bool(!(try Comparison.less(values[0], values[1]))))
        }
    }

    /// Go's `evalArgs` for html/js/urlquery: one string as is, else `Sprint` with nil as `<no value>`.
    static func evaluateArguments(_ arguments: [Evaluated]) -> String {
        if arguments.count == 1, case .string(let s) = arguments[0].value { return s }
        var printable: [Value] = []
        for argument in arguments {
            printable.append(argument.value.isNull ? .string("<no value>") : argument.value)
        }
        // Sprint's spacing treats "<no value>" (a Go string) as a string operand.
        return Printer.sprint(printable)
    }

    static func length(_ item: Evaluated) throws -> Int {
        switch item.value.iterable {
        case .null:
            if item.boxed { throw FunctionError("len of nil pointer") }
            throw FunctionError("reflect: call of reflect.Value.Type on zero Value")
        case .string(let s): return s.utf8.count
        case .bytes(let b): return b.count
        case .list(let l): return l.count
        case .map(let m): return m.count
        default: throw FunctionError("len of type \(item.value.goTypeName)")
        }
    }

    static func indexArgument(_ index: Value, capacity: Int) throws -> Int {
        let x: Int64
        switch index {
        case .int(let i): x = Int64(i)
        case .int64(let i): x = i
        case .null: throw FunctionError("cannot index slice/array with nil")
        default: throw FunctionError("cannot index slice/array with type \(index.goTypeName)")
        }
        if x < 0 || x > Int64(capacity) { throw FunctionError("index out of range: \(x)") }
        return Int(x)
    }

    static func index(_ item: Value, _ indexes: [Value]) throws -> Evaluated {
        if item.isNull { throw FunctionError("index of untyped nil") }
        var current = Evaluated(item)
        for index in indexes {
            switch current.value {
            case .null:
                throw FunctionError("index of nil pointer")
            case .list(let list):
                let x = try indexArgument(index, capacity: list.count)
                if x == list.count { throw FunctionError("reflect: slice index out of range") }
                current = Evaluated(list[x], boxed: true)
            case .bytes(let bytes):
                let x = try indexArgument(index, capacity: bytes.count)
                if x == bytes.count { throw FunctionError("reflect: slice index out of range") }
                current = Evaluated(.int(Int(bytes[x])))
            case .string(let s):
                let bytes = Array(s.utf8)
                let x = try indexArgument(index, capacity: bytes.count)
                if x == bytes.count { throw FunctionError("reflect: string index out of range") }
                current = Evaluated(.int(Int(bytes[x])))
            case .map(let map):
                switch index {
                case .string(let key):
                    current = Evaluated(map[key] ?? .null, boxed: true)
                case .null:
                    throw FunctionError("value is nil; should be of type string")
                default:
                    throw FunctionError("value has type \(index.goTypeName); should be string")
                }
            default:
                throw FunctionError("can't index item of type \(current.value.goTypeName)")
            }
        }
        return current
    }

    static func slice(_ item: Value, _ indexes: [Value]) throws -> Value {
        if item.isNull { throw FunctionError("slice of untyped nil") }
        if indexes.count > 3 { throw FunctionError("too many slice indexes: \(indexes.count)") }
        let length: Int
        switch item {
        case .string(let s):
            if indexes.count == 3 { throw FunctionError("cannot 3-index slice a string") }
            length = s.utf8.count
        case .list(let l): length = l.count
        case .bytes(let b): length = b.count
        default: throw FunctionError("can't slice item of type \(item.goTypeName)")
        }
        var bounds = [0, length, length]
        for (i, index) in indexes.enumerated() {
            bounds[i] = try indexArgument(index, capacity: length)
        }
        if bounds[0] > bounds[1] { throw FunctionError("invalid slice index: \(bounds[0]) > \(bounds[1])") }
        if indexes.count == 3 && bounds[1] > bounds[2] {
            throw FunctionError("invalid slice index: \(bounds[1]) > \(bounds[2])")
        }
        switch item {
        case .string(let s): return .string(String(decoding: Array(s.utf8)[bounds[0]..<bounds[1]], as: UTF8.self))
        case .list(let l): return .list(Array(l[bounds[0]..<bounds[1]]))
        case .bytes(let b): return .bytes(Array(b[bounds[0]..<bounds[1]]))
        default: return item
        }
    }
}

/// Go's `eq`, `lt` and `le` over basic kinds.
enum Comparison {
    enum Kind { case invalid, bool, int, float, string }

    static let badType = FunctionError("invalid type for comparison")
    static let noComparison = FunctionError("missing argument for comparison")

    static func kind(_ v: Value) -> Kind {
        switch v {
        case .bool: return .bool
        case .int, .int64: return .int
        case .float: return .float
        case .string: return .string
        default: return .invalid
        }
    }

    static func incompatible(_ a: Value, _ b: Value) -> FunctionError {
        FunctionError("incompatible types for comparison: \(a.goTypeName) and \(b.goTypeName)")
    }

    static func equal(_ first: Value, _ others: [Value]) throws -> Bool {
        if others.isEmpty { throw noComparison }
        let k1 = kind(first)
        for other in others {
            let k2 = kind(other)
            var truth = false
            if k1 != k2 {
                if !first.isNull && !other.isNull { throw incompatible(first, other) }
            } else {
                switch (first, other) {
                case (.bool(let a), .bool(let b)): truth = a == b
                case (.float(let a), .float(let b)): truth = a == b
                case (.string(let a), .string(let b)): truth = a == b
                default:
                    if k1 == .int, let a = first.integerValue, let b = other.integerValue {
                        truth = a == b
                    } else {
                        truth = try equalComposite(first, other)
                    }
                }
            }
            if truth { return true }
        }
        return false
    }

    /// eq of non-basic kinds: nil compares with nil; lists and maps are not comparable.
    static func equalComposite(_ a: Value, _ b: Value) throws -> Bool {
        if a.isNull || b.isNull { return a.isNull == b.isNull }
        if a.goTypeName != b.goTypeName {
            throw FunctionError(
                "non-comparable types \(Printer.sprintf("%s", [a])): \(a.goTypeName), \(b.goTypeName): \(Printer.format(b))")
        }
        switch a {
        case .list, .map, .bytes:
            throw FunctionError("non-comparable type \(Printer.sprintf("%s", [b])): \(b.goTypeName)")
        default:
            return a == b
        }
    }

    static func less(_ a: Value, _ b: Value) throws -> Bool {
        let k1 = kind(a)
        if k1 == .invalid { throw badType }
        let k2 = kind(b)
        if k2 == .invalid { throw badType }
        if k1 != k2 { throw incompatible(a, b) }
        switch (a, b) {
        case (.bool, .bool): throw badType
        case (.float(let x), .float(let y)): return x < y
        case (.string(let x), .string(let y)): return Printer.goStringLess(x, y)
        default:
            if let x = a.integerValue, let y = b.integerValue { return x < y }
            throw badType
        }
    }

    static func lessOrEqual(_ a: Value, _ b: Value) throws -> Bool {
        if try less(a, b) { return true }
        return try equal(a, [b])
    }
}
