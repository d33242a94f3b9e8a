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

/// Whether `number` is a multiple of `divisor` as jsonschema decides it: on the
/// exact decimals the two print as (Helm hands values over as JSON text, read
/// into big.Rat), so 0.3 is a multiple of 0.1 although 0.3 / 0.1 is not an
/// integer in float64.
func isDecimalMultiple(_ number: Double, of divisor: Double) -> Bool {
    guard number.isFinite, divisor.isFinite, divisor != 0 else { return false }
    if number == 0 { return true }
    // value = integer × 10^exponent, the integer of at most 17 digits.
    func decimal(_ value: Double) -> (integer: UInt64, exponent: Int)? {
        let (_, digits, point) = GoFloatFormat.decimalDigits(value)
        guard let integer = UInt64(digits) else { return nil }
        return (integer, point - digits.count)
    }
    guard let (a, ea) = decimal(number), let (b, eb) = decimal(divisor), b != 0 else { return false }
    let shift = ea - eb
    if shift >= 0 {
        // b must divide a × 10^shift: what b has beyond a's factors must be 2s and 5s, at most `shift` of each.
        var rest = b / gcd(a, b)
        var twos = 0, fives = 0
        while rest % 2 == 0 { rest /= 2; twos += 1 }
        while rest % 5 == 0 { rest /= 5; fives += 1 }
        return rest == 1 && twos <= shift && fives <= shift
    }
    // b × 10^-shift must divide a.
    var scaled = b
    for _ in 0 ..< -shift {
        let (product, overflow) = scaled.multipliedReportingOverflow(by: 10)
        if overflow { return false }
        scaled = product
    }
    return a % scaled == 0
}

private func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    return x
}
