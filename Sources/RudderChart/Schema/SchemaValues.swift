import RudderCore

func jsonType(_ value: Value) -> String {
    switch value {
    case .null: return "null"
    case .bool: return "boolean"
    case .int, .int64, .float: return "number"
    case .string, .bytes: return "string"
    case .list: return "array"
    case .map, .object: return "object"
    }
}

func numericValue(_ value: Value) -> Double {
    switch value {
    case .int(let i): return Double(i)
    case .int64(let i): return Double(i)
    case .float(let d): return d
    default: return .nan
    }
}

func isInteger(_ value: Value) -> Bool {
    switch value {
    case .int, .int64: return true
    case .float(let d): return d.isFinite && d == d.rounded()
    default: return false
    }
}

/// JSON equality: numbers by value, maps and lists structurally.
func jsonEqual(_ lhs: Value, _ rhs: Value) -> Bool {
    switch (lhs, rhs) {
    case (.int, _), (.int64, _), (.float, _):
        switch rhs {
        case .int, .int64, .float:
            if case .int64(let a) = lhs, case .int64(let b) = rhs { return a == b }
            return numericValue(lhs) == numericValue(rhs)
        default: return false
        }
    case (.list(let a), .list(let b)):
        return a.count == b.count && zip(a, b).allSatisfy { jsonEqual($0, $1) }
    case (.map(let a), .map(let b)):
        return a.count == b.count && a.allSatisfy { key, value in b[key].map { jsonEqual(value, $0) } ?? false }
    default:
        return lhs == rhs
    }
}

/// jsonschema's `display`: strings quoted, collections as `value`, other scalars with `%v`.
func display(_ value: Value) -> String {
    switch value {
    case .string(let s): return schemaQuote(s)
    case .list, .map: return "value"
    case .null: return "<nil>"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .int64(let i): return String(i)
    case .float(let d): return GoFloatFormat.v(d)
    default: return "value"
    }
}

func numberOf(_ value: Value) -> Double? {
    switch value {
    case .int, .int64, .float: return numericValue(value)
    default: return nil
    }
}

extension Value {
    /// A non-negative integer keyword value (`minItems: 3`).
    var integerCount: Int? {
        switch self {
        case .int(let i): return i
        case .int64(let i): return Int(exactly: i)
        case .float(let d): return d.isFinite && d == d.rounded() && abs(d) < 1e15 ? Int(d) : nil
        default: return nil
        }
    }
}
