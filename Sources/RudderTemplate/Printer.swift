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

    /// Go's `doPrintf`: flags, `*` and `[n]` arguments, width, precision, verb.
    mutating func doPrintf(_ format: [UInt8], _ arguments: [Value]) {
        var argumentIndex = 0
        var reordered = false
        var i = 0
        let end = format.count
        while i < end {
            var goodArgumentIndex = true
            let start = i
            while i < end && format[i] != UInt8(ascii: "%") { i += 1 }
            if i > start { out.append(contentsOf: format[start..<i]) }
            if i >= end { break }
            i += 1  // skip %
            flags = FormatFlags()
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
            // An explicit argument index: %[n]d.
            var afterIndex = false
            func argumentNumber() {
                guard i < end, format[i] == UInt8(ascii: "[") else { afterIndex = false; return }
                reordered = true
                let (index, width, ok) = FormatState.parseArgumentNumber(format, i)
                i += width
                if ok && index >= 0 && index < arguments.count {
                    argumentIndex = index
                    afterIndex = true
                    return
                }
                goodArgumentIndex = false
                afterIndex = ok
            }
            argumentNumber()
            // Width.
            if i < end && format[i] == UInt8(ascii: "*") {
                i += 1
                let (value, ok) = FormatState.integerArgument(arguments, argumentIndex)
                argumentIndex += 1
                flags.width = value
                flags.widthPresent = ok
                if !ok { write("%!(BADWIDTH)") }
                if flags.width < 0 {
                    flags.width = -flags.width
                    flags.minus = true
                    flags.zero = false
                }
                afterIndex = false
            } else {
                let (number, isNumber, next) = FormatState.parseNumber(format, i, end)
                flags.width = number
                flags.widthPresent = isNumber
                i = next
                if afterIndex && flags.widthPresent { goodArgumentIndex = false }
            }
            // Precision.
            if i + 1 < end && format[i] == UInt8(ascii: ".") {
                i += 1
                if afterIndex { goodArgumentIndex = false }
                argumentNumber()
                if i < end && format[i] == UInt8(ascii: "*") {
                    i += 1
                    let (value, ok) = FormatState.integerArgument(arguments, argumentIndex)
                    argumentIndex += 1
                    flags.precision = value
                    flags.precisionPresent = ok
                    if flags.precision < 0 {
                        flags.precision = 0
                        flags.precisionPresent = false
                    }
                    if !flags.precisionPresent { write("%!(BADPREC)") }
                    afterIndex = false
                } else {
                    let (number, isNumber, next) = FormatState.parseNumber(format, i, end)
                    flags.precision = isNumber ? number : 0
                    flags.precisionPresent = true
                    i = next
                }
            }
            if !afterIndex { argumentNumber() }
            if i >= end {
                write("%!(NOVERB)")
                break
            }
            let (verbScalar, width, _) = GoQuote.decode(format, at: i)
            i += width
            let verb = Character(verbScalar)
            if verb == "%" {
                out.append(UInt8(ascii: "%"))
                continue
            }
            if !goodArgumentIndex {
                write("%!")
                write(String(verb))
                write("(BADINDEX)")
                continue
            }
            if argumentIndex >= arguments.count {
                write("%!")
                write(String(verb))
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
        if !reordered && argumentIndex < arguments.count {
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

    /// Go's `tooLarge`: widths and precisions beyond a million are refused.
    static func tooLarge(_ x: Int) -> Bool { x > 1_000_000 || x < -1_000_000 }

    /// Go's `intFromArg`: an integer argument for `*`, or not ok.
    static func integerArgument(_ arguments: [Value], _ index: Int) -> (Int, Bool) {
        guard index < arguments.count, let value = arguments[index].integerValue else { return (0, false) }
        let number = Int(clamping: value)
        if tooLarge(number) { return (0, false) }
        return (number, true)
    }

    /// Go's `parsenum`: digits from `start`; a number beyond a million consumes the rest.
    static func parseNumber(_ format: [UInt8], _ start: Int, _ end: Int) -> (Int, Bool, Int) {
        if start >= end { return (0, false, end) }
        var number = 0
        var isNumber = false
        var i = start
        while i < end, format[i] >= 0x30, format[i] <= 0x39 {
            if tooLarge(number) { return (0, false, end) }
            number = number * 10 + Int(format[i] - 0x30)
            isNumber = true
            i += 1
        }
        return (number, isNumber, i)
    }

    /// Go's `parseArgNumber` at a `[`: the zero-based index, bytes consumed, ok.
    static func parseArgumentNumber(_ format: [UInt8], _ start: Int) -> (Int, Int, Bool) {
        if format.count - start < 3 { return (0, 1, false) }
        var i = start + 1
        while i < format.count {
            if format[i] == UInt8(ascii: "]") {
                let (number, ok, next) = parseNumber(format, start + 1, i)
                if !ok || next != i { return (0, i - start + 1, false) }
                return (number - 1, i - start + 1, true)
            }
            i += 1
        }
        return (0, 1, false)
    }
}
