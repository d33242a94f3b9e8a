import RudderCore
#if canImport(Glibc)
import Glibc
#endif

extension Parser {
    /// pipeline: declarations? command ('|' command)*
    ///
    /// declarations: variable (':=' | '=')  |  variable ',' variable ':='   (the latter in range only)
    mutating func pipeline(_ context: String, end: TokenKind) throws(TemplateError) -> Pipeline {
        try checkStack()
        let first = peekNonSpace()
        var isAssign = false
        var declarationNames: [String] = []
        var commands: [Command] = []
        declarations: while true {
            let variable = peekNonSpace()
            guard variable.kind == .variable else { break }
            _ = next()
            // Three tokens of look-ahead: in "$x foo" the "foo" tells that $x is an argument.
            let tokenAfterVariable = peek()
            let following = peekNonSpace()
            if following.kind == .assign || following.kind == .declare {
                isAssign = following.kind == .assign
                _ = nextNonSpace()
                let index = nameIndex(variable, from: variable.offset)
                let name = names.name(index)
                declarationNames.append(name)
                variables.append(name)
            } else if following.kind == .char && isComma(following) {
                _ = nextNonSpace()
                let index = nameIndex(variable, from: variable.offset)
                let name = names.name(index)
                declarationNames.append(name)
                variables.append(name)
                if context == "range" && declarationNames.count < 2 {
                    switch peekNonSpace().kind {
                    case .variable, .rightDelimiter, .rightParenthesis:
                        continue declarations
                    default:
                        throw error("range can only initialize variables")
                    }
                }
                throw error("too many declarations in \(context)")
            } else if tokenAfterVariable.kind == .space {
                backup3(variable, tokenAfterVariable)
            } else {
                backup2(variable)
            }
            break
        }
        while true {
            let token = nextNonSpace()
            switch token.kind {
            case end:
                let pipe = Pipeline(
                    offset: first.offset, line: first.line, isAssign: isAssign, declarations: declarationNames,
                    commands: commands)
                try checkPipeline(pipe, context)
                return pipe
            case .bool, .charConstant, .dot, .field, .identifier, .number, .keywordNil, .rawString,
                .string, .variable, .leftParenthesis:
                backup()
                commands.append(try command())
            default:
                throw unexpected(token, context)
            }
        }
    }

    private func checkPipeline(_ pipe: Pipeline, _ context: String) throws(TemplateError) {
        if pipe.commands.isEmpty { throw error("missing value for \(context)") }
        for (index, command) in pipe.commands.enumerated().dropFirst() {
            switch command.operands.first {
            case .bool, .dot, .nil, .number, .string:
                throw error("non executable command in pipeline stage \(index + 1)")
            default: break
            }
        }
    }

    /// command: operand (space operand)*
    mutating func command() throws(TemplateError) -> Command {
        let offset = peekNonSpace().offset
        var operands: [Operand] = []
        operands.reserveCapacity(4)
        while true {
            _ = peekNonSpace()
            if let operand = try operand() { operands.append(operand) }
            let token = next()
            switch token.kind {
            case .space: continue
            case .rightDelimiter, .rightParenthesis: backup()
            case .pipe: break
            default: throw unexpected(token, "operand")
            }
            break
        }
        if operands.isEmpty { throw error("empty command") }
        return Command(offset: offset, operands: operands)
    }

    /// operand: term ('.' Field)*
    mutating func operand() throws(TemplateError) -> Operand? {
        guard let term = try term() else { return nil }
        guard peek().kind == .field else { return term }
        let chainOffset = peek().offset
        // The fields are appended to the term's own list (one array, grown once).
        switch term {
        case .field(_, var names):
            appendFields(to: &names)
            return .field(offset: chainOffset, names: names)
        case .variable(_, let name, var fields):
            appendFields(to: &fields)
            return .variable(offset: chainOffset, name: name, fields: fields)
        case .bool, .string, .number, .nil, .dot:
            var fields: [String] = []
            appendFields(to: &fields)
            throw error("unexpected . after term \(GoQuote.quote(term.description))")
        default:
            var fields: [String] = []
            appendFields(to: &fields)
            return .chain(offset: chainOffset, base: term, fields: fields)
        }
    }

    /// Consumes the `.Field` tokens that follow, appending their names.
    private mutating func appendFields(to fields: inout [String]) {
        while peek().kind == .field {
            // Room for a few more at once (the term's own list usually has it already).
            if fields.count == fields.capacity { fields.reserveCapacity(fields.count + 4) }
            fields.append(fieldName(next()))
        }
    }

    /// term: literal | identifier | '.' | '.Field' | '$var' | '(' pipeline ')'
    mutating func term() throws(TemplateError) -> Operand? {
        let token = nextNonSpace()
        switch token.kind {
        case .identifier:
            let index = nameIndex(token, from: token.offset)
            let name = names.name(index)
            let registry = functions
            let function = names.function(index, registry)
            if !function.isKnown {
                throw error("function \(GoQuote.quote(name)) not defined", line: token.line)
            }
            return .identifier(offset: token.offset, function: function)
        case .dot: return .dot(offset: token.offset)
        case .keywordNil: return .nil(offset: token.offset)
        case .variable:
            let index = nameIndex(token, from: token.offset)
            let name = names.name(index)
            if !variables.contains(name) {
                throw error("undefined variable \(GoQuote.quote(name))", line: token.line)
            }
            return .variable(offset: token.offset, name: name, fields: [])
        case .field:
            // Room for the chain that usually follows (`.Values.a.b`): one allocation.
            var names: [String] = []
            names.reserveCapacity(4)
            names.append(fieldName(token))
            return .field(offset: token.offset, names: names)
        case .bool: return .bool(offset: token.offset, value: token.end - token.offset == 4)
        case .charConstant, .number: return .number(try number(token))
        case .leftParenthesis: return .pipeline(try pipeline("parenthesized pipeline", end: .rightParenthesis))
        case .string, .rawString:
            return .string(offset: token.offset, quoted: text(token), value: try unquote(token))
        default:
            backup()
            return nil
        }
    }

    /// The value of `text` when it is 1 to 18 decimal digits without a leading
    /// zero (or just "0"); nil for anything else (signs, bases, `_`, floats).
    static func plainDecimal(_ text: String) -> Int64? {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= 18, utf8.count == 1 || utf8.first != 0x30 else { return nil }
        var value: Int64 = 0
        for byte in utf8 {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        return value
    }

    /// A field token's name: its text after the leading `.` (an ASCII byte).
    mutating func fieldName(_ token: Token) -> String {
        // The index first: `names` is read after the call that may grow it.
        let index = nameIndex(token, from: token.offset + 1)
        return names.name(index)
    }

    /// Whether a `.char` token is a comma.
    func isComma(_ token: Token) -> Bool {
        token.end == token.offset + 1 && sourceByte(token.offset) == 0x2C
    }

    /// Interprets a number or character literal as Go's `newNumber` does.
    func number(_ token: Token) throws(TemplateError) -> NumberLiteral {
        let text = self.text(token)
        var n = NumberLiteral(offset: token.offset, text: text)
        if token.kind == .charConstant {
            guard let (scalar, rest) = GoQuote.unquoteCharacter(Substring(text.dropFirst()), quote: "'") else {
                throw error("invalid syntax", line: token.line)
            }
            guard rest == "'" else { throw error("malformed character constant: \(text)", line: token.line) }
            n.isCharacter = true
            n.isInt = true
            n.isFloat = true
            n.intValue = Int64(scalar)
            n.floatValue = Double(scalar)
            return n
        }
        if let value = Parser.plainDecimal(text) {
            // Plain decimal digits (most literals: `trunc 63`, `nindent 4`): an int.
            n.isInt = true
            n.intValue = value
            n.isFloat = true
            n.floatValue = Double(value)
            return n
        }
        if text.hasSuffix("i") {
            throw error("complex numbers are not supported: \(GoQuote.quote(text))", line: token.line)
        }
        if let i = GoNumber.parseInteger(text) {
            n.isInt = true
            n.intValue = i
            n.isFloat = true
            n.floatValue = Double(i)
        } else if GoNumber.parseUnsigned(text) != nil {
            // Fits in uint64 only: Go keeps it as an unsigned constant.
            n.isFloat = true
            n.floatValue = Double(GoNumber.parseUnsigned(text) ?? 0)
            n.isUnsignedOnly = true
        } else if let f = GoNumber.parseFloat(text) {
            if !text.contains(where: { ".eEpP".contains($0) }) {
                throw error("integer overflow: \(GoQuote.quote(text))", line: token.line)
            }
            n.isFloat = true
            n.floatValue = f
            if f.isFinite, f == f.rounded(), abs(f) < 9.2e18 {
                n.isInt = true
                n.intValue = Int64(f)
            }
        }
        if !n.isInt && !n.isFloat {
            throw error("illegal number syntax: \(GoQuote.quote(text))", line: token.line)
        }
        let lower = text.lowercased()
        let isHexInt = (lower.hasPrefix("0x") || lower.hasPrefix("-0x") || lower.hasPrefix("+0x")) && !lower.contains("p")
        n.isFloatLiteral = n.isFloat && !isHexInt && lower.contains(where: { ".ep".contains($0) })
        return n
    }
}

/// Go's `strconv` number syntax for template literals (base prefixes, `_` separators).
enum GoNumber {
    /// Removes `_` separators if Go's `underscoreOK` accepts them; nil if misplaced.
    static func stripUnderscores(_ text: Substring) -> Substring? {
        guard text.contains("_") else { return text }
        var s = text
        if s.first == "+" || s.first == "-" { s = s.dropFirst() }
        var hexOrBase = false
        let lower = s.lowercased()
        if lower.hasPrefix("0x") || lower.hasPrefix("0o") || lower.hasPrefix("0b") { hexOrBase = true }
        // '_' must separate digits (or follow a base prefix).
        let chars = Array(s)
        var previous: Character = "^"
        for (index, c) in chars.enumerated() {
            if c == "_" {
                let afterPrefix = hexOrBase && index == 2
                if !(previous.isHexDigit || afterPrefix) { return nil }
            } else if previous == "_" && !c.isHexDigit {
                return nil
            }
            previous = c
        }
        if previous == "_" { return nil }
        return Substring(text.filter { $0 != "_" })
    }

    private static func split(_ text: String) -> (negative: Bool, base: Int, digits: Substring)? {
        guard let cleaned = stripUnderscores(Substring(text)) else { return nil }
        var s = cleaned
        var negative = false
        if s.first == "+" { s = s.dropFirst() } else if s.first == "-" { negative = true; s = s.dropFirst() }
        var base = 10
        let lower = s.lowercased()
        if lower.hasPrefix("0x") { base = 16; s = s.dropFirst(2) }
        else if lower.hasPrefix("0o") { base = 8; s = s.dropFirst(2) }
        else if lower.hasPrefix("0b") { base = 2; s = s.dropFirst(2) }
        else if s.count > 1 && s.first == "0" { base = 8; s = s.dropFirst() }
        if s.isEmpty { return nil }
        return (negative, base, s)
    }

    static func parseUnsigned(_ text: String) -> UInt64? {
        guard let (negative, base, digits) = split(text), !negative, !text.hasPrefix("+") else { return nil }
        return UInt64(digits, radix: base)
    }

    static func parseInteger(_ text: String) -> Int64? {
        guard let (negative, base, digits) = split(text) else { return nil }
        guard let magnitude = UInt64(digits, radix: base) else { return nil }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    static func parseFloat(_ text: String) -> Double? {
        guard let cleaned = stripUnderscores(Substring(text)) else { return nil }
        let s = String(cleaned)
        let lower = s.lowercased()
        let isHex = lower.hasPrefix("0x") || lower.hasPrefix("-0x") || lower.hasPrefix("+0x")
        if isHex && !lower.contains("p") { return nil }
        if !isHex && lower.contains("p") { return nil }
        var result: Double?
        s.withCString { pointer in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(pointer, &end)
            if let end, end.pointee == 0, end != UnsafeMutablePointer(mutating: pointer) {
                result = value
            }
        }
        if let r = result, r.isInfinite { return nil }
        return result
    }
}
