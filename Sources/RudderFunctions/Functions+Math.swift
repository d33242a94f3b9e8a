import Glibc
import RudderCore
import RudderTemplate

extension HelmFunctions {
    static func registerMath(_ r: inout Registrar) {
        r.add("add", [], variadic: .any) { a in
            .int64(a.reduce(Int64(0)) { $0 &+ Cast.int64($1) })
        }
        r.add("add1", [.any]) { a in .int64(Cast.int64(Arguments(a)[0]) &+ 1) }
        r.add("sub", [.any, .any]) { a in
            let args = Arguments(a)
            return .int64(Cast.int64(args[0]) &- Cast.int64(args[1]))
        }
        r.add("div", [.any, .any]) { a in
            let args = Arguments(a)
            let divisor = Cast.int64(args[1])
            if divisor == 0 { throw FunctionError("runtime error: integer divide by zero") }
            return .int64(Cast.int64(args[0]).dividedReportingOverflow(by: divisor).partialValue)
        }
        r.add("mod", [.any, .any]) { a in
            let args = Arguments(a)
            let divisor = Cast.int64(args[1])
            if divisor == 0 { throw FunctionError("runtime error: integer divide by zero") }
            return .int64(Cast.int64(args[0]).remainderReportingOverflow(dividingBy: divisor).partialValue)
        }
        r.add("mul", [.any], variadic: .any) { a in
            .int64(a.dropFirst().reduce(Cast.int64(Arguments(a)[0])) { $0 &* Cast.int64($1) })
        }
        r.add("max", [.any], variadic: .any) { a in
            .int64(a.dropFirst().reduce(Cast.int64(Arguments(a)[0])) { Swift.max($0, Cast.int64($1)) })
        }
        r.alias("biggest", "max")
        r.add("min", [.any], variadic: .any) { a in
            .int64(a.dropFirst().reduce(Cast.int64(Arguments(a)[0])) { Swift.min($0, Cast.int64($1)) })
        }
        r.add("maxf", [.any], variadic: .any) { a in
            .float(a.dropFirst().reduce(Cast.float64(Arguments(a)[0])) { Glibc.fmax($0, Cast.float64($1)) })
        }
        r.add("minf", [.any], variadic: .any) { a in
            .float(a.dropFirst().reduce(Cast.float64(Arguments(a)[0])) { Glibc.fmin($0, Cast.float64($1)) })
        }
        r.add("addf", [], variadic: .any) { a in
            .float(try decimalFold(0, a, +) { try $0.adding($1) })
        }
        r.add("add1f", [.any]) { a in
            .float(try decimalFold(Cast.float64(Arguments(a)[0]), [.float(1)], +) { try $0.adding($1) })
        }
        r.add("subf", [.any], variadic: .any) { a in
            .float(try decimalFold(Cast.float64(Arguments(a)[0]), Array(a.dropFirst()), -) { try $0.adding($1.negated()) })
        }
        r.add("mulf", [.any], variadic: .any) { a in
            .float(try decimalFold(Cast.float64(Arguments(a)[0]), Array(a.dropFirst()), *) { try $0.multiplied(by: $1) })
        }
        r.add("divf", [.any], variadic: .any) { a in
            .float(try decimalFold(Cast.float64(Arguments(a)[0]), Array(a.dropFirst()), /) { try $0.divided(by: $1) })
        }
        r.add("floor", [.any]) { a in .float(Glibc.floor(Cast.float64(Arguments(a)[0]))) }
        r.add("ceil", [.any]) { a in .float(Glibc.ceil(Cast.float64(Arguments(a)[0]))) }
        r.add("round", [.any, .int], variadic: .float64) { a in
            let args = Arguments(a)
            let roundOn: Double = args.count > 2 ? Cast.float64(args[2]) : 0.5
            let value = Cast.float64(args[0])
            let power = Glibc.pow(10, Double(try args.int(1)))
            let digit = power * value
            var integral = 0.0
            let fraction = Glibc.modf(digit, &integral)
            let rounded = fraction >= roundOn ? Glibc.ceil(digit) : Glibc.floor(digit)
            return .float(rounded / power)
        }
    }

    /// Folds with shopspring/decimal semantics: every operand goes through its
    /// shortest decimal form, so `addf 0.1 0.2` is 0.3. Beyond 38 digits the
    /// fold continues in binary floating point.
    static func decimalFold(
        _ start: Double, _ operands: [Value], _ binary: (Double, Double) -> Double,
        _ operation: (GoDecimal, GoDecimal) throws -> GoDecimal
    ) throws -> Double {
        var accumulator = GoDecimal(start)
        var approximate = start
        for operand in operands {
            let value = Cast.float64(operand)
            if let current = accumulator, let decimal = GoDecimal(value) {
                do {
                    let next = try operation(current, decimal)
                    accumulator = next
                    approximate = next.doubleValue
                    continue
                } catch is GoDecimal.Overflow {
                    accumulator = nil
                }
            }
            accumulator = nil
            approximate = binary(approximate, value)
        }
        return accumulator?.doubleValue ?? approximate
    }
}

/// A decimal number mantissa × 10^exponent, enough of shopspring/decimal for
/// Sprig's float arithmetic.
struct GoDecimal {
    struct Overflow: Error {}
    var mantissa: Int128
    var exponent: Int

    init(mantissa: Int128, exponent: Int) {
        self.mantissa = mantissa
        self.exponent = exponent
    }

    /// `decimal.NewFromFloat`: the shortest decimal that reads back as `value`.
    init?(_ value: Double) {
        guard value.isFinite else { return nil }
        let (digits, point) = GoFormat.shortestDigits(value)
        var mantissa: Int128 = 0
        for digit in digits { mantissa = mantissa * 10 + Int128(digit) }
        self.mantissa = value.sign == .minus ? -mantissa : mantissa
        self.exponent = point - digits.count
    }

    func negated() -> GoDecimal { GoDecimal(mantissa: -mantissa, exponent: exponent) }

    static func power(_ exponent: Int) throws -> Int128 {
        guard exponent >= 0, exponent <= 38 else { throw Overflow() }
        var result: Int128 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    static func scaled(_ value: Int128, by exponent: Int) throws -> Int128 {
        let (result, overflow) = value.multipliedReportingOverflow(by: try power(exponent))
        if overflow { throw Overflow() }
        return result
    }

    func adding(_ other: GoDecimal) throws -> GoDecimal {
        let exponent = Swift.min(self.exponent, other.exponent)
        let left = try GoDecimal.scaled(mantissa, by: self.exponent - exponent)
        let right = try GoDecimal.scaled(other.mantissa, by: other.exponent - exponent)
        let (sum, overflow) = left.addingReportingOverflow(right)
        if overflow { throw Overflow() }
        return GoDecimal(mantissa: sum, exponent: exponent)
    }

    func multiplied(by other: GoDecimal) throws -> GoDecimal {
        let (product, overflow) = mantissa.multipliedReportingOverflow(by: other.mantissa)
        if overflow { throw Overflow() }
        return GoDecimal(mantissa: product, exponent: exponent + other.exponent)
    }

    /// `Div`: rounded half away from zero to 16 decimal places.
    func divided(by other: GoDecimal) throws -> GoDecimal {
        if other.mantissa == 0 { throw FunctionError("decimal division by 0") }
        let precision = 16
        let shift = exponent - other.exponent + precision
        var numerator = mantissa
        var denominator = other.mantissa
        if shift >= 0 { numerator = try GoDecimal.scaled(numerator, by: shift) }
        else { denominator = try GoDecimal.scaled(denominator, by: -shift) }
        var quotient = numerator / denominator
        let remainder = numerator % denominator
        if remainder.magnitude * 2 >= denominator.magnitude {
            quotient += (numerator < 0) != (denominator < 0) ? -1 : 1
        }
        return GoDecimal(mantissa: quotient, exponent: -precision)
    }

    var doubleValue: Double {
        Double(String(mantissa) + "e" + String(exponent)) ?? 0
    }
}
