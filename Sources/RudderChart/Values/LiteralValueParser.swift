import RudderCore

/// Helm's `--set-literal` syntax (`strvals.ParseLiteral`): the key path is
/// parsed as for `--set` but without `\` escapes or commas, and everything
/// after the first `=` is one literal string.
///
///     line  := key ('.' key | '[' digits ']')* '=' rest-of-line
public struct LiteralValueParser {
    var base: SetValueParser

    public static func parse(_ line: String, into values: inout [String: Value]) throws(ChartError) {
        var parser = LiteralValueParser(base: SetValueParser(scalars: Array(line.unicodeScalars), mode: .string))
        while true {
            do {
                try parser.key(&values, level: 0)
            } catch {
                switch error {
                case .endOfInput: return
                case .failure(let message): throw ChartError(message)
                case .conversion(let message): throw ChartError("unable to parse key: " + message)
                }
            }
        }
    }

    typealias Failure = SetValueParser.Failure

    mutating func restOfLine() -> String {
        let (text, _) = base.runesUntil([], escapes: false)
        return SetValueParser.string(text)
    }

    // key: name ('=' rest | '.' key | '[' index listItem)
    mutating func key(_ data: inout [String: Value], level: Int) throws(Failure) {
        let (keyScalars, last) = base.runesUntil(["=", "[", "."], escapes: false)
        let name = SetValueParser.string(keyScalars)
        guard let last else {
            if keyScalars.isEmpty { throw .endOfInput }
            throw .failure("key \(goQuote(name)) has no value")
        }
        switch last {
        case "=":
            SetValueParser.set(&data, name, .string(restOfLine()))
        case ".":
            let level = level + 1
            if level > SetValueParser.maxNestedNameLevel {
                throw .failure(
                    "value name nested level is greater than maximum supported nested level of \(SetValueParser.maxNestedNameLevel)")
            }
            var inner: [String: Value] = [:]
            if let existing = data[name] {
                guard case .map(let map) = existing else {
                    throw SetValueParser.conversion(existing, expected: "map[string]interface {}")
                }
                inner = map
            }
            var result: Failure?
            do {
                try key(&inner, level: level)
            } catch {
                result = error
            }
            if result == nil && inner.isEmpty { throw .failure("key map \(goQuote(name)) has no value") }
            if !inner.isEmpty { SetValueParser.set(&data, name, .map(inner)) }
            if let result { throw result }
        default:  // "["
            let index = try keyIndex()
            var list: [Value] = []
            if let existing = data[name] {
                guard case .list(let items) = existing else {
                    throw SetValueParser.conversion(existing, expected: "[]interface {}")
                }
                list = items
            }
            defer { SetValueParser.set(&data, name, .list(list)) }
            try listItem(&list, index: index, level: level)
        }
    }

    mutating func keyIndex() throws(Failure) -> Int {
        let (digits, last) = base.runesUntil(["]"], escapes: false)
        // Go wraps io.EOF here, and the caller still treats it as the end of input.
        guard last != nil else { throw .endOfInput }
        do {
            return try SetValueParser.atoi(SetValueParser.string(digits))
        } catch {
            if case .failure(let message) = error { throw .failure("error parsing index: " + message) }
            throw error
        }
    }

    mutating func listItem(_ list: inout [Value], index: Int, level: Int) throws(Failure) {
        if index < 0 { throw .failure("negative \(index) index not allowed") }
        let (rest, last) = base.runesUntil(["[", ".", "="], escapes: false)
        if !rest.isEmpty {
            throw .failure("unexpected data at end of array index: \(SetValueParser.goQuoteRunes(rest))")
        }
        guard let last else { throw .endOfInput }
        switch last {
        case "=":
            try SetValueParser.setIndex(&list, index, .string(restOfLine()))
        case ".":
            let aliased = index < list.count
            var inner: [String: Value] = [:]
            if aliased, case .map(let map) = list[index] { inner = map }
            do {
                try key(&inner, level: level)
            } catch {
                if aliased { list[index] = .map(inner) }
                throw error
            }
            try SetValueParser.setIndex(&list, index, .map(inner))
        default:  // "["
            let next = try keyIndex()
            var current: [Value] = []
            if index < list.count {
                switch list[index] {
                case .null: break
                case .list(let items): current = items
                default: throw SetValueParser.conversion(list[index], expected: "[]interface {}")
                }
            }
            try listItem(&current, index: next, level: level)
            try SetValueParser.setIndex(&list, index, .list(current))
        }
    }
}
