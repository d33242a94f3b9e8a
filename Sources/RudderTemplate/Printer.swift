import RudderCore

/// Go's `fmt` printing of template values: `Sprint`, `Sprintln`, `Sprintf`
/// and the default `%v` form of every kind (floats in Go's shortest `%g`,
/// lists as `[a b]`, maps as `map[a:1 b:2]` with sorted keys, wrong verbs as
/// `%!s(int=5)`). The function library reuses it for `printf`, `toString`, etc.
public enum Printer {
    /// `fmt.Sprint`: spaces between operands when neither is a string.
    public static func sprint(_ arguments: [Value]) -> String {
        var printer = FormatState()
        var previousIsString = false
        for (index, argument) in arguments.enumerated() {
            let isString: Bool
            if case .string = argument { isString = true } else { isString = false }
            if index > 0 && !isString && !previousIsString { printer.out.append(0x20) }
            printer.printArgument(argument, verb: "v")
            previousIsString = isString
        }
        return printer.result
    }

    /// `fmt.Sprintln`: spaces between all operands and a trailing newline.
    public static func sprintln(_ arguments: [Value]) -> String {
        var printer = FormatState()
        for (index, argument) in arguments.enumerated() {
            if index > 0 { printer.out.append(0x20) }
            printer.printArgument(argument, verb: "v")
        }
        printer.out.append(0x0A)
        return printer.result
    }

    /// `fmt.Sprintf`.
    public static func sprintf(_ format: String, _ arguments: [Value]) -> String {
        var printer = FormatState()
        printer.doPrintf(Array(format.utf8), arguments)
        return printer.result
    }

    /// The `%v` form of one value (what `{{ . }}` prints for a non-nil value).
    public static func format(_ value: Value) -> String {
        var printer = FormatState()
        printer.printArgument(value, verb: "v")
        return printer.result
    }

    /// What an action prints: `<no value>` for nil, else `%v`.
    static func printed(_ value: Value) -> String {
        if case .null = value { return "<no value>" }
        return format(value)
    }

    /// Go's string ordering (bytewise), as map keys are sorted for printing and range.
    public static func goStringLess(_ a: String, _ b: String) -> Bool {
        var ia = a.utf8.makeIterator()
        var ib = b.utf8.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?):
                if x != y { return x < y }
            }
        }
    }
}

/// The flags of one `%` directive.
struct FormatFlags {
    var plus = false
    var minus = false
    var sharp = false
    var space = false
    var zero = false
    var plusV = false
    var sharpV = false
    var width = 0
    var widthPresent = false
    var precision = 0
    var precisionPresent = false
}

/// One formatting run (Go's `pp`).
struct FormatState {
    var out: [UInt8] = []
    var flags = FormatFlags()
    /// The operand being printed, for `%!verb(type=value)` errors.
    var argument: Value?

    var result: String { String(decoding: out, as: UTF8.self) }

    mutating func write(_ s: String) { out.append(contentsOf: s.utf8) }

    mutating func doPrintf(_ format: [UInt8], _ arguments: [Value]) {
        var argumentIndex = 0
        var i = 0
        let end = format.count
        while i < end {
            let start = i
            while i < end && format[i] != UInt8(ascii: "%") { i += 1 }
            if i > start { out.append(contentsOf: format[start..<i]) }
            if i >= end { break }
            i += 1  // skip %
            flags = FormatFlags()
            // Flags.
            flagLoop: while i < end {
                switch format[i] {
                case UInt8(ascii: "#"): flags.sharp = true
                case UInt8(ascii: "0"): flags.zero = !flags.minus
                case UInt8(ascii: "+"): flags.plus = true
                case UInt8(ascii: "-"): flags.minus = true; flags.zero = false
                case UInt8(ascii: " "): flags.space = true
                default: break flagLoop
                }
                i += 1
            }
            // Width.
            if i < end && format[i] == UInt8(ascii: "*") {
                i += 1
                if argumentIndex < arguments.count, let w = arguments[argumentIndex].integerValue {
                    flags.width = Int(clamping: w)
                    flags.widthPresent = true
                    if flags.width < 0 {
                        flags.minus = true
                        flags.zero = false
                        flags.width = -flags.width
                    }
                    if flags.width > 1_000_000 { flags.widthPresent = false; write("%!(BADWIDTH)") }
                } else {
                    write("%!(BADWIDTH)")
                }
                argumentIndex += 1
            } else {
                let (number, isNumber, next) = parseNumber(format, i)
                if isNumber { flags.width = number; flags.widthPresent = true }
                i = next
            }
            // Precision.
            if i + 1 <= end && i < end && format[i] == UInt8(ascii: ".") {
                i += 1
                if i < end && format[i] == UInt8(ascii: "*") {
                    i += 1
                    if argumentIndex < arguments.count, let p = arguments[argumentIndex].integerValue {
                        flags.precision = Int(clamping: p)
                        flags.precisionPresent = true
                        if flags.precision < 0 {
                            flags.precision = 0
                            flags.precisionPresent = false
                        }
                        if flags.precision > 1_000_000 { flags.precisionPresent = false; write("%!(BADPREC)") }
                    } else {
                        write("%!(BADPREC)")
                    }
                    argumentIndex += 1
                } else {
                    let (number, _, next) = parseNumber(format, i)
                    flags.precision = number
                    flags.precisionPresent = true
                    i = next
                }
            }
            if i >= end {
                write("%!(NOVERB)")
                break
            }
            // The verb (one UTF-8 scalar).
            let (verbScalar, width, _) = GoQuote.decode(format, at: i)
            i += width
            let verb = Character(verbScalar)
            if verb == "%" {
                out.append(UInt8(ascii: "%"))
                continue
            }
            if argumentIndex >= arguments.count {
                write("%!")
                out.append(contentsOf: String(verb).utf8)
                write("(MISSING)")
                continue
            }
            if verb == "v" {
                flags.sharpV = flags.sharp
                flags.sharp = false
                flags.plusV = flags.plus
                flags.plus = false
            }
            printArgument(arguments[argumentIndex], verb: verb)
            argumentIndex += 1
        }
        if argumentIndex < arguments.count {
            flags = FormatFlags()
            write("%!(EXTRA ")
            for (n, argument) in arguments[argumentIndex...].enumerated() {
                if n > 0 { write(", ") }
                if case .null = argument {
                    write("<nil>")
                } else {
                    write(argument.goTypeName)
                    write("=")
                    printArgument(argument, verb: "v")
                }
            }
            write(")")
        }
    }

    private func parseNumber(_ format: [UInt8], _ start: Int) -> (Int, Bool, Int) {
        var i = start
        var n = 0
        while i < format.count, format[i] >= 0x30, format[i] <= 0x39 {
            if n < 1_000_000 { n = n * 10 + Int(format[i] - 0x30) }
            i += 1
        }
        return (n, i > start, i)
    }
}
