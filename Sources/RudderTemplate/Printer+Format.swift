import RudderCore

extension FormatState {
    // MARK: - Padding

    mutating func writePadding(_ count: Int) {
        guard count > 0 else { return }
        let byte: UInt8 = flags.zero && !flags.minus ? 0x30 : 0x20
        out.append(contentsOf: repeatElement(byte, count: count))
    }

    /// Pads `bytes` to the width (counted in runes), left or right.
    mutating func pad(_ bytes: [UInt8]) {
        guard flags.widthPresent && flags.width != 0 else {
            out.append(contentsOf: bytes)
            return
        }
        let runes = bytes.reduce(0) { $0 + (($1 & 0xC0) != 0x80 ? 1 : 0) }
        let width = flags.width - runes
        if !flags.minus {
            writePadding(width)
            out.append(contentsOf: bytes)
        } else {
            out.append(contentsOf: bytes)
            let savedZero = flags.zero
            flags.zero = false
            writePadding(width)
            flags.zero = savedZero
        }
    }

    mutating func pad(_ s: String) { pad(Array(s.utf8)) }

    // MARK: - Dispatch

    mutating func printArgument(_ value: Value, verb: Character) {
        argument = value
        if case .null = value {
            switch verb {
            case "T", "v": pad("<nil>")
            default: badVerb(verb)
            }
            return
        }
        if verb == "T" {
            pad(value.goTypeName)
            return
        }
        printValue(value, verb: verb, depth: 0)
    }

    mutating func printValue(_ value: Value, verb: Character, depth: Int) {
        if depth > 0 { argument = value }
        switch value {
        case .null:
            // A nil element of a list or map.
            if flags.sharpV { write("interface {}(nil)") } else { write("<nil>") }
        case .bool(let b):
            switch verb {
            case "t", "v": pad(b ? "true" : "false")
            default: badVerb(verb)
            }
        case .int(let i): formatInteger(Int64(i), verb: verb)
        case .int64(let i): formatInteger(i, verb: verb)
        case .float(let d): formatFloatVerb(d, verb: verb)
        case .string(let s): formatString(s, verb: verb)
        case .bytes(let bytes): formatBytes(bytes, verb: verb, typeName: "[]uint8")
        case .list(let items):
            if flags.sharpV {
                write("[]interface {}{")
                for (n, item) in items.enumerated() {
                    if n > 0 { write(", ") }
                    printValue(item, verb: verb, depth: depth + 1)
                }
                write("}")
                return
            }
            write("[")
            for (n, item) in items.enumerated() {
                if n > 0 { write(" ") }
                printValue(item, verb: verb, depth: depth + 1)
            }
            write("]")
        case .map(let map):
            let keys = map.keys.sorted(by: Printer.goStringLess)
            if flags.sharpV {
                write("map[string]interface {}{")
                for (n, key) in keys.enumerated() {
                    if n > 0 { write(", ") }
                    printValue(.string(key), verb: verb, depth: depth + 1)
                    write(":")
                    printValue(map[key] ?? .null, verb: verb, depth: depth + 1)
                }
                write("}")
                return
            }
            write("map[")
            for (n, key) in keys.enumerated() {
                if n > 0 { write(" ") }
                printValue(.string(key), verb: verb, depth: depth + 1)
                write(":")
                printValue(map[key] ?? .null, verb: verb, depth: depth + 1)
            }
            write("]")
        case .object(let object):
            pad(object.printed)
        }
    }

    mutating func badVerb(_ verb: Character) {
        write("%!")
        write(String(verb))
        write("(")
        if let argument, !argument.isNull {
            write(argument.goTypeName)
            write("=")
            let saved = self.argument
            printArgumentForError(argument)
            self.argument = saved
        } else {
            write("<nil>")
        }
        write(")")
    }

    private mutating func printArgumentForError(_ value: Value) {
        printValue(value, verb: "v", depth: 0)
    }

    // MARK: - Integers

    static let lowerDigits = Array("0123456789abcdefx".utf8)
    static let upperDigits = Array("0123456789ABCDEFX".utf8)

    mutating func formatInteger(_ value: Int64, verb: Character) {
        switch verb {
        case "v":
            if flags.sharpV {
                formatInteger(value, base: 10, verb: verb, digits: FormatState.lowerDigits)
            } else {
                formatInteger(value, base: 10, verb: verb, digits: FormatState.lowerDigits)
            }
        case "d": formatInteger(value, base: 10, verb: verb, digits: FormatState.lowerDigits)
        case "b": formatInteger(value, base: 2, verb: verb, digits: FormatState.lowerDigits)
        case "o", "O": formatInteger(value, base: 8, verb: verb, digits: FormatState.lowerDigits)
        case "x": formatInteger(value, base: 16, verb: verb, digits: FormatState.lowerDigits)
        case "X": formatInteger(value, base: 16, verb: verb, digits: FormatState.upperDigits)
        case "c":
            let scalar = (value >= 0 && value <= 0x10FFFF) ? Unicode.Scalar(UInt32(value)) ?? "\u{FFFD}" : "\u{FFFD}"
            pad(String(Character(scalar)))
        case "q":
            pad(GoQuote.quoteRune(value, asciiOnly: flags.plus))
        case "U":
            formatUnicode(value)
        default:
            badVerb(verb)
        }
    }

    mutating func formatUnicode(_ value: Int64) {
        var s = "U+"
        let hex = String(UInt64(bitPattern: value), radix: 16, uppercase: true)
        var digits = hex
        let precision = flags.precisionPresent && flags.precision > 4 ? flags.precision : 4
        while digits.count < precision { digits = "0" + digits }
        s += digits
        if flags.sharp, value >= 0, value <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(value)), GoQuote.isPrint(scalar) {
            s += " '" + String(Character(scalar)) + "'"
        }
        let savedZero = flags.zero
        flags.zero = false
        pad(s)
        flags.zero = savedZero
    }

    mutating func formatInteger(_ value: Int64, base: UInt64, verb: Character, digits: [UInt8]) {
        let negative = value < 0
        var u = negative ? UInt64(bitPattern: 0 &- value) : UInt64(value)
        var precision = 0
        if flags.precisionPresent {
            precision = flags.precision
            if precision == 0 && u == 0 {
                let savedZero = flags.zero
                flags.zero = false
                writePadding(flags.width)
                flags.zero = savedZero
                return
            }
        } else if flags.zero && !flags.minus && flags.widthPresent {
            precision = flags.width
            if negative || flags.plus || flags.space { precision -= 1 }
        }
        var buffer: [UInt8] = []
        repeat {
            buffer.append(digits[Int(u % base)])
            u /= base
        } while u > 0
        while buffer.count < precision { buffer.append(0x30) }
        if flags.sharp {
            switch base {
            case 2: buffer.append(UInt8(ascii: "b")); buffer.append(0x30)
            case 8: if buffer.last != 0x30 { buffer.append(0x30) }
            case 16: buffer.append(digits[16]); buffer.append(0x30)
            default: break
            }
        }
        if verb == "O" { buffer.append(UInt8(ascii: "o")); buffer.append(0x30) }
        if negative { buffer.append(UInt8(ascii: "-")) }
        else if flags.plus { buffer.append(UInt8(ascii: "+")) }
        else if flags.space { buffer.append(0x20) }
        let savedZero = flags.zero
        flags.zero = false
        pad(Array(buffer.reversed()))
        flags.zero = savedZero
    }

    // MARK: - Strings

    mutating func formatString(_ s: String, verb: Character) {
        switch verb {
        case "v":
            if flags.sharpV { pad(GoQuote.quote(s)) } else { padTruncated(s) }
        case "s": padTruncated(s)
        case "x": formatHex(Array(truncated(s).utf8), digits: FormatState.lowerDigits)
        case "X": formatHex(Array(truncated(s).utf8), digits: FormatState.upperDigits)
        case "q":
            let t = truncated(s)
            if flags.sharp && GoQuote.canBackquote(t) {
                pad("`" + t + "`")
            } else {
                pad(GoQuote.quote(t, asciiOnly: flags.plus))
            }
        default:
            badVerb(verb)
        }
    }

    func truncated(_ s: String) -> String {
        guard flags.precisionPresent else { return s }
        var view = String.UnicodeScalarView()
        var n = 0
        for scalar in s.unicodeScalars {
            if n >= flags.precision { break }
            view.append(scalar)
            n += 1
        }
        return String(view)
    }

    mutating func padTruncated(_ s: String) { pad(truncated(s)) }

    /// `%x` of bytes: hex pairs, `#` adds 0x, space separates.
    mutating func formatHex(_ bytes: [UInt8], digits: [UInt8]) {
        var length = bytes.count
        if flags.precisionPresent && flags.precision < length { length = flags.precision }
        var width = 2 * length
        if width > 0 {
            if flags.space {
                if flags.sharp { width *= 2 }
                width += length - 1
            } else if flags.sharp {
                width += 2
            }
        } else {
            if flags.widthPresent { writePadding(flags.width) }
            return
        }
        if flags.widthPresent && flags.width > width && !flags.minus { writePadding(flags.width - width) }
        var buffer: [UInt8] = []
        if flags.sharp {
            buffer.append(0x30)
            buffer.append(digits[16])
        }
        for i in 0..<length {
            if flags.space && i > 0 {
                buffer.append(0x20)
                if flags.sharp {
                    buffer.append(0x30)
                    buffer.append(digits[16])
                }
            }
            buffer.append(digits[Int(bytes[i] >> 4)])
            buffer.append(digits[Int(bytes[i] & 0xF)])
        }
        out.append(contentsOf: buffer)
        if flags.widthPresent && flags.width > width && flags.minus { writePadding(flags.width - width) }
    }

    mutating func formatBytes(_ bytes: [UInt8], verb: Character, typeName: String) {
        switch verb {
        case "v", "d":
            if flags.sharpV {
                write("[]byte{")
                for (n, b) in bytes.enumerated() {
                    if n > 0 { write(", ") }
                    write("0x" + String(b, radix: 16))
                }
                write("}")
                return
            }
            write("[")
            for (n, b) in bytes.enumerated() {
                if n > 0 { write(" ") }
                formatInteger(Int64(b), base: 10, verb: verb, digits: FormatState.lowerDigits)
            }
            write("]")
        case "s": formatString(String(decoding: bytes, as: UTF8.self), verb: "s")
        case "x": formatHex(bytes, digits: FormatState.lowerDigits)
        case "X": formatHex(bytes, digits: FormatState.upperDigits)
        case "q": formatString(String(decoding: bytes, as: UTF8.self), verb: "q")
        default:
            write("[")
            for (n, b) in bytes.enumerated() {
                if n > 0 { write(" ") }
                argument = .int(Int(b))
                formatInteger(Int64(b), verb: verb)
            }
            write("]")
        }
    }
}
