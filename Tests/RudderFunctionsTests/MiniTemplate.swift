import RudderCore
import RudderTemplate

@testable import RudderFunctions

/// A tiny evaluator for the subset of Go templates the function goldens use
/// (literals, variables, pipelines, parentheses, `range`, field and method
/// access, `len`/`index`/`print`), so function bodies can be checked against
/// Helm's output before the real engine lands. Not the template engine.
struct MiniTemplate {
    struct Failure: Error, CustomStringConvertible {
        var message: String
        /// Set when a function body threw: Helm's "error calling NAME: message".
        var functionName: String?
        var description: String { functionName.map { "error calling \($0): \(message)" } ?? message }
    }

    enum Token: Equatable {
        case identifier(String), variable(String), field(String), string(String), number(String)
        case leftParen, rightParen, pipe, declare, assign, comma
    }

    let functions: FunctionRegistry
    var variables: [String: Value] = ["$": .null]

    init(functions: FunctionRegistry) { self.functions = functions }

    // MARK: Actions

    enum Piece { case text(String), action([Token]) }

    static func pieces(_ source: String) throws -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(source)
        while let open = rest.firstRange(of: "{{") {
            var text = String(rest[..<open.lowerBound])
            var inside = rest[open.upperBound...]
            if inside.hasPrefix("- ") {
                while let last = text.last, last.isWhitespace { text.removeLast() }
                inside = inside.dropFirst(2)
            }
            pieces.append(.text(text))
            guard let close = inside.firstRange(of: "}}") else { throw Failure(message: "unclosed action") }
            var body = inside[..<close.lowerBound]
            rest = inside[close.upperBound...]
            if body.hasSuffix(" -") {
                body = body.dropLast(2)
                rest = rest.drop { $0.isWhitespace }
            }
            pieces.append(.action(try tokens(body)))
        }
        pieces.append(.text(String(rest)))
        return pieces
    }

    static func tokens(_ text: Substring) throws -> [Token] {
        var tokens: [Token] = []
        let characters = Array(text)
        var index = 0
        func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        while index < characters.count {
            let c = characters[index]
            if c.isWhitespace { index += 1; continue }
            switch c {
            case "(": tokens.append(.leftParen); index += 1
            case ")": tokens.append(.rightParen); index += 1
            case "|": tokens.append(.pipe); index += 1
            case ",": tokens.append(.comma); index += 1
            case "=": tokens.append(.assign); index += 1
            case ":":
                tokens.append(.declare); index += 2
            case "\"":
                var value = ""
                index += 1
                while index < characters.count && characters[index] != "\"" {
                    if characters[index] == "\\" && index + 1 < characters.count {
                        index += 1
                        let e = characters[index]
                        switch e {
                        case "n": value += "\n"
                        case "t": value += "\t"
                        case "r": value += "\r"
                        case "\\": value += "\\"
                        case "\"": value += "\""
                        case "x", "u", "U":
                            let count = e == "x" ? 2 : (e == "u" ? 4 : 8)
                            let hex = String(characters[(index + 1)...(index + count)])
                            index += count
                            if let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) { value.unicodeScalars.append(s) }
                        default: value.append(e)
                        }
                    } else {
                        value.append(characters[index])
                    }
                    index += 1
                }
                index += 1
                tokens.append(.string(value))
            case "`":
                var value = ""
                index += 1
                while index < characters.count && characters[index] != "`" { value.append(characters[index]); index += 1 }
                index += 1
                tokens.append(.string(value))
            case "$":
                var name = "$"
                index += 1
                while index < characters.count && isWord(characters[index]) { name.append(characters[index]); index += 1 }
                tokens.append(.variable(name))
            case ".":
                var name = ""
                index += 1
                while index < characters.count && isWord(characters[index]) { name.append(characters[index]); index += 1 }
                tokens.append(.field(name))
            default:
                if c.isNumber || c == "-" || c == "+" {
                    var number = ""
                    while index < characters.count,
                        characters[index].isNumber || characters[index].isLetter || ".+-_".contains(characters[index])
                    {
                        if (characters[index] == "+" || characters[index] == "-") && !number.isEmpty
                            && !(number.last == "e" || number.last == "E")
                        {
                            break
                        }
                        number.append(characters[index]); index += 1
                    }
                    tokens.append(.number(number))
                } else if isWord(c) {
                    var word = ""
                    while index < characters.count && isWord(characters[index]) { word.append(characters[index]); index += 1 }
                    tokens.append(.identifier(word))
                } else {
                    throw Failure(message: "unexpected \(c)")
                }
            }
        }
        return tokens
    }

    // MARK: Execution

    mutating func render(_ source: String) throws -> String {
        let all = try MiniTemplate.pieces(source)
        var index = 0
        return try run(all, &index, stopAtEnd: false)
    }

    mutating func run(_ pieces: [Piece], _ index: inout Int, stopAtEnd: Bool) throws -> String {
        var out = ""
        while index < pieces.count {
            let piece = pieces[index]
            index += 1
            switch piece {
            case .text(let text): out += text
            case .action(let tokens):
                if tokens.first == .identifier("end") {
                    if stopAtEnd { return out }
                    throw Failure(message: "unexpected end")
                }
                if tokens.first == .identifier("range") {
                    var rest = Array(tokens.dropFirst())
                    var names: [String] = []
                    if let declare = rest.firstIndex(of: .declare) {
                        names = rest[..<declare].compactMap { if case .variable(let n) = $0 { return n } else { return nil } }
                        rest = Array(rest[(declare + 1)...])
                    }
                    var position = 0
                    let collection = try pipeline(rest, &position)
                    let bodyStart = index
                    var items: [(Value, Value)] = []
                    switch collection {
                    case .list(let list): items = list.enumerated().map { (.int($0.offset), $0.element) }
                    case .map(let map): items = map.keys.sorted().map { (.string($0), map[$0] ?? .null) }
                    case .int(let n): items = (0..<max(n, 0)).map { (.int($0), .int($0)) }
                    default: break
                    }
                    var skip = bodyStart
                    _ = try skipBody(pieces, &skip)
                    for (key, element) in items {
                        if names.count == 1 { variables[names[0]] = element }
                        if names.count == 2 { variables[names[0]] = key; variables[names[1]] = element }
                        var bodyIndex = bodyStart
                        out += try run(pieces, &bodyIndex, stopAtEnd: true)
                    }
                    index = skip
                    continue
                }
                var position = 0
                let value = try pipeline(tokens, &position)
                if !isDeclaration(tokens) { out += MiniTemplate.print(value) }
            }
        }
        return out
    }

    func skipBody(_ pieces: [Piece], _ index: inout Int) throws -> Bool {
        var depth = 1
        while index < pieces.count {
            if case .action(let tokens) = pieces[index] {
                if tokens.first == .identifier("range") { depth += 1 }
                if tokens.first == .identifier("end") { depth -= 1 }
            }
            index += 1
            if depth == 0 { return true }
        }
        throw Failure(message: "missing end")
    }

    func isDeclaration(_ tokens: [Token]) -> Bool {
        tokens.count > 1 && (tokens[1] == .declare || tokens[1] == .assign)
    }

    /// How text/template prints a pipeline's value.
    static func print(_ value: Value) -> String {
        if value.isNull { return "<no value>" }
        return GoFormat.formatValue(value)
    }

    // Pipeline: (variable (':=' | '=') )? command ('|' command)*
    mutating func pipeline(_ tokens: [Token], _ position: inout Int) throws -> Value {
        var target: String?
        if position + 1 < tokens.count, case .variable(let name) = tokens[position],
            tokens[position + 1] == .declare || tokens[position + 1] == .assign
        {
            target = name
            position += 2
        }
        var result: Value?
        while true {
            result = try command(tokens, &position, piped: result)
            if position < tokens.count && tokens[position] == .pipe { position += 1; continue }
            break
        }
        if let target { variables[target] = result ?? .null }
        return result ?? .null
    }

    /// An operand: a value and whether it is an untyped constant.
    struct Operand {
        var value: Value
        var constant: Bool
        var text: String
        /// `$variable.field.field` when the operand is one (for map mutation).
        var path: [String]? = nil
    }

    mutating func command(_ tokens: [Token], _ position: inout Int, piped: Value?) throws -> Value {
        guard position < tokens.count else { throw Failure(message: "missing command") }
        if case .identifier(let name) = tokens[position], !["true", "false", "nil"].contains(name) {
            position += 1
            var arguments: [Operand] = []
            while position < tokens.count && tokens[position] != .pipe && tokens[position] != .rightParen {
                arguments.append(try operand(tokens, &position))
            }
            if let piped { arguments.append(Operand(value: piped, constant: false, text: "")) }
            let value = try call(name, arguments)
            // Go maps are references: the mutating functions change their first argument.
            if ["set", "unset", "merge", "mergeOverwrite", "mustMerge", "mustMergeOverwrite"].contains(name),
                let path = arguments.first?.path
            {
                writeBack(value, path)
            }
            return value
        }
        var first = try operand(tokens, &position)
        if case .object(let object) = first.value, position < tokens.count, tokens[position] != .pipe,
            tokens[position] != .rightParen, let method = lastMethod
        {
            var arguments: [Value] = []
            while position < tokens.count && tokens[position] != .pipe && tokens[position] != .rightParen {
                arguments.append(try operand(tokens, &position).value)
            }
            if let piped { arguments.append(piped) }
            _ = object
            first.value = try method.1.callMethod(method.0, arguments: arguments)
        }
        return first.value
    }

    var lastMethod: (String, any TemplateObject)?

    mutating func writeBack(_ value: Value, _ path: [String]) {
        func replace(_ current: Value, _ keys: ArraySlice<String>) -> Value {
            guard let key = keys.first, case .map(var map) = current else { return value }
            map[key] = replace(map[key] ?? .null, keys.dropFirst())
            return .map(map)
        }
        guard let name = path.first, let current = variables[name] else { return }
        variables[name] = replace(current, path.dropFirst())
    }

    mutating func operand(_ tokens: [Token], _ position: inout Int) throws -> Operand {
        var result: Operand
        switch tokens[position] {
        case .string(let s): result = Operand(value: .string(s), constant: false, text: s)
        case .number(let n):
            if let i = Cast.parseInteger(n.replacingOccurrences("_", "")), !n.contains(".") && !n.lowercased().contains("e") || n.hasPrefix("0x") {
                result = Operand(value: .int(Int(i)), constant: true, text: n)
            } else if let d = Double(n) {
                result = Operand(value: .float(d), constant: true, text: n)
            } else {
                throw Failure(message: "bad number \(n)")
            }
        case .identifier("true"): result = Operand(value: .bool(true), constant: false, text: "true")
        case .identifier("false"): result = Operand(value: .bool(false), constant: false, text: "false")
        case .identifier("nil"): result = Operand(value: .null, constant: true, text: "nil")
        case .identifier(let name):
            position += 1
            return Operand(value: try call(name, []), constant: false, text: name)
        case .variable(let name):
            guard let value = variables[name] else { throw Failure(message: "undefined variable \(name)") }
            result = Operand(value: value, constant: false, text: name, path: [name])
        case .field(let name):
            if name.isEmpty { result = Operand(value: .null, constant: false, text: ".") }
            else { throw Failure(message: "no data for .\(name)") }
        case .leftParen:
            position += 1
            let value = try pipeline(tokens, &position)
            guard position < tokens.count, tokens[position] == .rightParen else { throw Failure(message: "missing )") }
            result = Operand(value: value, constant: false, text: "(...)")
        default:
            throw Failure(message: "unexpected token \(tokens[position])")
        }
        position += 1
        // Field chain.
        lastMethod = nil
        while position < tokens.count, case .field(let name) = tokens[position], !name.isEmpty {
            position += 1
            result.path?.append(name)
            switch result.value {
            case .map(let map): result.value = map[name] ?? .null
            case .object(let object):
                if let field = object.field(name) {
                    result.value = field
                } else if object.hasMethod(name) {
                    let isLast = position >= tokens.count || tokens[position] == .pipe || tokens[position] == .rightParen
                    if isLast {
                        result.value = try object.callMethod(name, arguments: [])
                    } else {
                        lastMethod = (name, object)
                    }
                } else {
                    throw Failure(message: "can't evaluate field \(name)")
                }
            case .null: throw Failure(message: "nil pointer evaluating interface {}.\(name)")
            default: throw Failure(message: "can't evaluate field \(name) in type \(result.value.goTypeName)")
            }
        }
        return result
    }

    // MARK: Calls

    func call(_ name: String, _ operands: [Operand]) throws -> Value {
        switch name {
        case "len":
            switch operands.first?.value {
            case .string(let s)?: return .int(s.utf8.count)
            case .list(let l)?: return .int(l.count)
            case .map(let m)?: return .int(m.count)
            case .bytes(let b)?: return .int(b.count)
            default: throw Failure(message: "len of bad type")
            }
        case "index":
            var value = operands.first?.value ?? .null
            for key in operands.dropFirst() {
                switch (value, key.value) {
                case (.list(let l), .int(let i)) where i >= 0 && i < l.count: value = l[i]
                case (.map(let m), .string(let k)): value = m[k] ?? .null
                default: throw Failure(message: "bad index")
                }
            }
            return value
        case "print":
            var out = ""
            for (i, operand) in operands.enumerated() {
                let isString: (Value) -> Bool = { if case .string = $0 { return true } else { return false } }
                if i > 0 && !isString(operand.value) && !isString(operands[i - 1].value) { out += " " }
                out += GoFormat.formatValue(operand.value)
            }
            return .string(out)
        default: break
        }
        guard let function = functions[name] else { throw Failure(message: "function \"\(name)\" not defined") }
        var arguments: [Value] = []
        for (index, operand) in operands.enumerated() {
            let type: ParameterType?
            if index < function.parameters.count { type = function.parameters[index] } else { type = function.variadic }
            guard let type else { throw Failure(message: "wrong number of args for \(name)") }
            arguments.append(try convert(operand, to: type))
        }
        if operands.count < function.parameters.count { throw Failure(message: "wrong number of args for \(name)") }
        do {
            return try function.body(arguments)
        } catch let error as FunctionError {
            throw Failure(message: error.message, functionName: name)
        }
    }

    func convert(_ operand: Operand, to type: ParameterType) throws -> Value {
        let value = operand.value
        switch (type, value) {
        case (.any, _): return value
        case (.string, .string): return value
        case (.int, .int): return value
        case (.int, .float(let d)) where operand.constant && d == d.rounded(): return .int(Int(d))
        case (.int64, .int(let i)) where operand.constant: return .int64(Int64(i))
        case (.int64, .int64): return value
        case (.float64, .float): return value
        case (.float64, .int(let i)) where operand.constant: return .float(Double(i))
        case (.bool, .bool): return value
        case (.map, .map): return value
        case (.list, .list): return value
        default: throw Failure(message: "wrong type for value; expected \(type); got \(value.goTypeName)")
        }
    }
}

extension String {
    func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
