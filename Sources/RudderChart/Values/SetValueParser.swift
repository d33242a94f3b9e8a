import RudderCore

/// Helm's `--set` family syntax (`pkg/strvals`), parsed into a values map.
///
///     line      := assignment (',' assignment)*
///     assignment:= key ('.' key)* index* '=' value
///     key       := (char | '\' any)*          -- stops at '=', '[', ',', '.'
///     index     := '[' digits ']' ('.' assignment-tail | index | '=' value)
///     value     := '{' item (',' item)* '}'   -- a list
///                | (char | '\' any)*          -- up to the next ','
///
/// Numbers become int64 and `true`/`false`/`null` are typed for `--set`;
/// `--set-string` keeps strings, `--set-file` reads the named file,
/// `--set-json` reads a JSON value. Limits: list index ≤ 65,536, name nesting
/// ≤ 30. Error texts are Helm's.
public struct SetValueParser {
    public enum Mode {
        /// `--set`: typed scalars.
        case typed
        /// `--set-string`: every value a string.
        case string
        /// `--set-file`: every value is a path whose file contents become the string value.
        case file((String) throws(ChartError) -> Value)
        /// `--set-json`: every value is JSON.
        case json
    }

    /// Helm's `MaxIndex`.
    public static let maxIndex = 65536
    /// Helm's `MaxNestedNameLevel`.
    public static let maxNestedNameLevel = 30

    var scalars: [Unicode.Scalar]
    var position = 0
    let mode: Mode

    /// Parses `line` into `values` (existing keys are overwritten or extended, as Helm's `ParseInto`).
    public static func parse(_ line: String, into values: inout [String: Value], mode: Mode) throws(ChartError) {
        var parser = SetValueParser(scalars: Array(line.unicodeScalars), mode: mode)
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

    enum Failure: Error {
        /// Go's `io.EOF`: the input ended.
        case endOfInput
        case failure(String)
        /// Go's recovered panic: a type assertion failed.
        case conversion(String)
    }

    enum NotList: Error { case notList, endOfInput }

    // MARK: - Reading

    mutating func readScalar() -> Unicode.Scalar? {
        guard position < scalars.count else { return nil }
        defer { position += 1 }
        return scalars[position]
    }

    /// Go's `runesUntil`: characters up to one of `stop` (consumed and
    /// returned), with `\x` giving `x`; nil `last` at the end of input.
    mutating func runesUntil(_ stop: Set<Unicode.Scalar>, escapes: Bool = true) -> (text: [Unicode.Scalar], last: Unicode.Scalar?) {
        var text: [Unicode.Scalar] = []
        while let scalar = readScalar() {
            if stop.contains(scalar) { return (text, scalar) }
            if escapes && scalar == "\\" {
                guard let next = readScalar() else { return (text, nil) }
                text.append(next)
                continue
            }
            text.append(scalar)
        }
        return (text, nil)
    }

    static func string(_ scalars: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    // MARK: - Productions

    // key: name ('=' value | '[' index | '.' key | ',')
    mutating func key(_ data: inout [String: Value], level: Int) throws(Failure) {
        let (keyScalars, last) = runesUntil(["=", "[", ",", "."])
        let name = Self.string(keyScalars)
        guard let last else {
            if keyScalars.isEmpty { throw .endOfInput }
            throw .failure("key \(goQuote(name)) has no value")
        }
        switch last {
        case "[":
            let index: Int
            do {
                index = try keyIndex()
            } catch .failure(let message) {
                throw .failure("error parsing index: " + message)
            } catch {
                // Go wraps io.EOF here, and the caller still treats it as the end of input.
                throw .endOfInput
            }
            var list: [Value] = []
            if let existing = data[name] {
                guard case .list(let items) = existing else { throw Self.conversion(existing, expected: "[]interface {}") }
                list = items
            }
            defer { Self.set(&data, name, .list(list)) }
            try listItem(&list, index: index, level: level)
        case "=":
            if case .json = mode {
                if emptyValue() {
                    Self.set(&data, name, .null)
                    return
                }
                Self.set(&data, name, try jsonValue())
                _ = emptyValue()
                return
            }
            switch valueList() {
            case .success(let items):
                Self.set(&data, name, .list(try items.get()))
            case .failure(.endOfInput):
                Self.set(&data, name, .string(""))
                throw .endOfInput
            case .failure(.notList):
                let (text, _) = runesUntil([","])
                Self.set(&data, name, try read(text))
            }
        case ",":
            Self.set(&data, name, .string(""))
            throw .failure("key \(goQuote(name)) has no value (cannot end with ,)")
        default:  // "."
            let level = level + 1
            if level > Self.maxNestedNameLevel {
                throw .failure("value name nested level is greater than maximum supported nested level of \(Self.maxNestedNameLevel)")
            }
            var inner: [String: Value] = [:]
            if let existing = data[name] {
                guard case .map(let map) = existing else { throw Self.conversion(existing, expected: "map[string]interface {}") }
                inner = map
            }
            var result: Failure?
            do {
                try key(&inner, level: level)
            } catch {
                result = error
            }
            if result == nil && inner.isEmpty {
                throw .failure("key map \(goQuote(name)) has no value")
            }
            if !inner.isEmpty { Self.set(&data, name, .map(inner)) }
            if let result { throw result }
        }
    }

    // index: digits ']'
    mutating func keyIndex() throws(Failure) -> Int {
        let (digits, last) = runesUntil(["]"])
        guard last != nil else { throw .endOfInput }
        return try Self.atoi(Self.string(digits))
    }

    // listItem: ('=' value | '[' index listItem | '.' key) after an index
    mutating func listItem(_ list: inout [Value], index: Int, level: Int) throws(Failure) {
        if index < 0 { throw .failure("negative \(index) index not allowed") }
        let (rest, last) = runesUntil(["[", ".", "="])
        if !rest.isEmpty {
            throw .failure("unexpected data at end of array index: \(Self.goQuoteRunes(rest))")
        }
        guard let last else { throw .endOfInput }
        switch last {
        case "=":
            if case .json = mode {
                if emptyValue() {
                    try Self.setIndex(&list, index, .null)
                    return
                }
                try Self.setIndex(&list, index, try jsonValue())
                _ = emptyValue()
                return
            }
            switch valueList() {
            case .success(let items):
                try Self.setIndex(&list, index, .list(try items.get()))
            case .failure(.endOfInput):
                try Self.setIndex(&list, index, .string(""))
            case .failure(.notList):
                let (text, _) = runesUntil([","])
                try Self.setIndex(&list, index, try read(text))
            }
        case "[":
            let next: Int
            do {
                next = try keyIndex()
            } catch .failure(let message) {
                throw .failure("error parsing index: " + message)
            } catch {
                // Go wraps io.EOF here, and the caller still treats it as the end of input.
                throw .endOfInput
            }
            var current: [Value] = []
            if index < list.count {
                switch list[index] {
                case .null: break
                case .list(let items): current = items
                default: throw Self.conversion(list[index], expected: "[]interface {}")
                }
            }
            try listItem(&current, index: next, level: level)
            try Self.setIndex(&list, index, .list(current))
        default:  // "."
            var inner: [String: Value] = [:]
            // Go aliases an existing map in the list: changes made before an error stay.
            let aliased = index < list.count
            if aliased, case .map(let map) = list[index] { inner = map }
            do {
                try key(&inner, level: level)
            } catch {
                if aliased { list[index] = .map(inner) }
                throw error
            }
            try Self.setIndex(&list, index, .map(inner))
        }
    }

    /// `{a,b,c}`: a list of values; `.notList` (nothing consumed) when the value is not a list.
    mutating func valueList() -> Result<Result<[Value], Failure>, NotList> {
        guard let first = readScalar() else { return .failure(.endOfInput) }
        guard first == "{" else {
            position -= 1
            return .failure(.notList)
        }
        var items: [Value] = []
        while true {
            let (text, last) = runesUntil([",", "}"])
            guard let last else { return .success(.failure(.failure("list must terminate with '}'"))) }
            do {
                items.append(try read(text))
            } catch {
                return .success(.failure(error))
            }
            if last == "}" {
                if let next = readScalar(), next != "," { position -= 1 }
                return .success(.success(items))
            }
        }
    }

    /// The value of a scalar as the mode reads it.
    func read(_ text: [Unicode.Scalar]) throws(Failure) -> Value {
        let string = Self.string(text)
        switch mode {
        case .string: return .string(string)
        case .typed: return Self.typedValue(string)
        case .json: return .string(string)
        case .file(let reader):
            do {
                return try reader(string)
            } catch {
                throw .failure(error.message)
            }
        }
    }

    /// Helm's `typedVal`: true/false/null (any case), `0`, integers without a
    /// leading zero as int64, anything else a string.
    public static func typedValue(_ text: String) -> Value {
        let lower = text.lowercased()
        if lower == "true" { return .bool(true) }
        if lower == "false" { return .bool(false) }
        if lower == "null" { return .null }
        if text == "0" { return .int64(0) }
        if let first = text.first, first != "0", let number = parseInt64(text) { return .int64(number) }
        return .string(text)
    }

    /// Go's `strconv.ParseInt(s, 10, 64)`: optional sign, decimal digits, no overflow.
    static func parseInt64(_ text: String) -> Int64? {
        var digits = Substring(text)
        var negative = false
        if digits.first == "+" || digits.first == "-" {
            negative = digits.first == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if negative { return Int64("-" + digits) }
        return Int64(digits)
    }

    /// Go's `strconv.Atoi` with its error texts.
    static func atoi(_ text: String) throws(Failure) -> Int {
        var digits = Substring(text)
        if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .failure("strconv.Atoi: parsing \(goQuote(text)): invalid syntax")
        }
        guard let value = Int(text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
            throw .failure("strconv.Atoi: parsing \(goQuote(text)): value out of range")
        }
        return value
    }

    static func set(_ data: inout [String: Value], _ key: String, _ value: Value) {
        if key.isEmpty { return }
        data[key] = value
    }

    /// Helm's `setIndex`: grows the list with nulls; the index is checked before anything is allocated.
    static func setIndex(_ list: inout [Value], _ index: Int, _ value: Value) throws(Failure) {
        if index < 0 { throw .failure("negative \(index) index not allowed") }
        if index > maxIndex {
            throw .failure("index of \(index) is greater than maximum supported index of \(maxIndex)")
        }
        if list.count <= index { list.append(contentsOf: repeatElement(Value.null, count: index + 1 - list.count)) }
        list[index] = value
    }

    /// Go's panic text for a failed type assertion.
    static func conversion(_ value: Value, expected: String) -> Failure {
        let actual = value.isNull ? "nil" : value.goTypeName
        return .conversion("interface conversion: interface {} is \(actual), not \(expected)")
    }

    /// Go's `%q` of a `[]rune`: `['a' 'b']`.
    static func goQuoteRunes(_ scalars: [Unicode.Scalar]) -> String {
        "[" + scalars.map(goQuoteRune).joined(separator: " ") + "]"
    }

    static func goQuoteRune(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "'": return "'\\''"
        case "\"": return "'\"'"
        default:
            let quoted = goQuote(String(Character(scalar)))
            return "'" + quoted.dropFirst().dropLast() + "'"
        }
    }

    // MARK: - JSON values

    /// Go's `emptyVal`: skips spaces; true at the end or after a consumed comma.
    mutating func emptyValue() -> Bool {
        while let scalar = readScalar() {
            if scalar == "," { return true }
            if !isGoSpace(scalar) {
                position -= 1
                return false
            }
        }
        return true
    }

    /// One JSON value from the current position (Go's `json.Decoder.Decode`).
    mutating func jsonValue() throws(Failure) -> Value {
        var reader = JSONPrefixReader(scalars: scalars, position: position)
        guard let value = reader.readValue() else { throw .failure("invalid JSON value") }
        position = reader.position
        return value
    }
}
