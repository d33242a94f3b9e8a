import RudderCore
import RudderTemplate

extension HelmFunctions {
    /// The elements of a Go slice, or nil when `value` is not one.
    static func elements(_ value: Value) -> [Value]? {
        switch value {
        case .list(let items): return items
        case .bytes(let bytes): return bytes.map { .int(Int($0)) }
        default: return nil
        }
    }

    /// Go's `reflect.TypeOf(v).Kind()` name; nil panics in Go.
    static func kind(_ value: Value) throws -> String {
        if value.isNull { throw FunctionError("runtime error: invalid memory address or nil pointer dereference") }
        return value.goKindName
    }

    /// A list function: `body` gets the elements; a non-list fails with `message` + kind.
    static func listFunction(
        _ r: inout Registrar, _ names: (plain: String, must: String), _ parameters: [ParameterType],
        variadic: ParameterType? = nil, listIndex: Int = 0, error message: String,
        _ body: @escaping @Sendable ([Value], Arguments) throws -> Value
    ) {
        let function: @Sendable ([Value]) throws -> Value = { a in
            let args = Arguments(a)
            guard let items = elements(args[listIndex]) else {
                throw FunctionError(message + (try kind(args[listIndex])))
            }
            return try body(items, args)
        }
        r.add(names.plain, parameters, variadic: variadic, function)
        r.add(names.must, parameters, variadic: variadic, function)
    }

    static func registerLists(_ r: inout Registrar) {
        let maximumLength = r.options.maximumListLength
        r.add("list", [], variadic: .any) { a in .list(a) }
        r.alias("tuple", "list")
        listFunction(&r, ("push", "mustPush"), [.any, .any], error: "Cannot push on type ") { items, args in
            .list(items + [args[1]])
        }
        r.alias("append", "push")
        r.alias("mustAppend", "mustPush")
        listFunction(&r, ("prepend", "mustPrepend"), [.any, .any], error: "Cannot prepend on type ") { items, args in
            .list([args[1]] + items)
        }
        listFunction(&r, ("first", "mustFirst"), [.any], error: "Cannot find first on type ") { items, _ in
            items.first ?? .null
        }
        listFunction(&r, ("last", "mustLast"), [.any], error: "Cannot find last on type ") { items, _ in
            items.last ?? .null
        }
        listFunction(&r, ("rest", "mustRest"), [.any], error: "Cannot find rest on type ") { items, _ in
            .list(Array(items.dropFirst()))
        }
        listFunction(&r, ("initial", "mustInitial"), [.any], error: "Cannot find initial on type ") { items, _ in
            .list(Array(items.dropLast()))
        }
        listFunction(&r, ("reverse", "mustReverse"), [.any], error: "Cannot find reverse on type ") { items, _ in
            .list(items.reversed())
        }
        listFunction(&r, ("uniq", "mustUniq"), [.any], error: "Cannot find uniq on type ") { items, _ in
            var out: [Value] = []
            for item in items where !out.contains(item) { out.append(item) }
            return .list(out)
        }
        listFunction(&r, ("without", "mustWithout"), [.any], variadic: .any, error: "Cannot find without on type ") {
            items, args in
            let omit = args.rest(from: 1)
            return .list(items.filter { !omit.contains($0) })
        }
        listFunction(&r, ("compact", "mustCompact"), [.any], error: "Cannot compact on type ") { items, _ in
            .list(items.filter { !Cast.isEmpty($0) })
        }
        let has: @Sendable ([Value]) throws -> Value = { a in
            let args = Arguments(a)
            if args[1].isNull { return .bool(false) }
            guard let items = elements(args[1]) else {
                throw FunctionError("Cannot find has on type " + (try kind(args[1])))
            }
            return .bool(items.contains(args[0]))
        }
        r.add("has", [.any, .any], has)
        r.add("mustHas", [.any, .any], has)
        listFunction(&r, ("slice", "mustSlice"), [.any], variadic: .any,
                     error: "list should be type of slice or array but ") { items, args in
            if items.isEmpty { return .null }
            let start = args.count > 1 ? Int(Cast.int64(args[1])) : 0
            let end = args.count > 2 ? Int(Cast.int64(args[2])) : items.count
            guard start >= 0, start <= end, end <= items.count else {
                throw FunctionError("reflect.Value.Slice: slice index out of bounds")
            }
            return .list(Array(items[start..<end]))
        }
        listFunction(&r, ("chunk", "mustChunk"), [.int, .any], listIndex: 1, error: "Cannot chunk type ") {
            items, args in
            let size = try args.int(0)
            if size <= 0 { throw FunctionError("runtime error: makeslice: len out of range") }
            var chunks: [Value] = []
            var index = 0
            while index < items.count {
                chunks.append(.list(Array(items[index..<min(index + size, items.count)])))
                index += size
            }
            return .list(chunks)
        }
        r.add("concat", [], variadic: .any) { a in
            var out: [Value] = []
            for list in a {
                guard let items = elements(list) else {
                    throw FunctionError("Cannot concat type \(try kind(list)) as list")
                }
                out += items
            }
            return .list(out)
        }
        r.add("until", [.int]) { a in
            let count = try Arguments(a).int(0)
            return .list(try untilStep(0, count, count < 0 ? -1 : 1, limit: maximumLength).map { .int($0) })
        }
        r.add("untilStep", [.int, .int, .int]) { a in
            let args = Arguments(a)
            return .list(try untilStep(try args.int(0), try args.int(1), try args.int(2), limit: maximumLength).map { .int($0) })
        }
        r.add("seq", [], variadic: .int) { a in
            let args = Arguments(a)
            var numbers: [Int] = []
            for index in 0..<args.count { numbers.append(try args.int(index)) }
            return .string(try seq(numbers, limit: maximumLength).map { String($0) }.joined(separator: " "))
        }
    }

    /// Sprig's `untilStep`, refusing results longer than `limit` before building them.
    static func untilStep(_ start: Int, _ stop: Int, _ step: Int, limit: Int) throws -> [Int] {
        if stop < start {
            if step >= 0 { return [] }
        } else if step <= 0 {
            return []
        }
        // The difference of two Ints always fits a UInt64.
        let distance = stop < start ? UInt64(bitPattern: Int64(start) &- Int64(stop)) : UInt64(bitPattern: Int64(stop) &- Int64(start))
        let stepSize = UInt64(step.magnitude)
        let count = distance / stepSize + (distance % stepSize == 0 ? 0 : 1)
        if count > UInt64(limit) {
            throw FunctionError("the list would have \(count) elements, more than the limit of \(limit)")
        }
        var out: [Int] = []
        out.reserveCapacity(Int(count))
        var value = start
        for _ in 0..<count {
            out.append(value)
            value &+= step
        }
        return out
    }

    /// Sprig's `seq`.
    static func seq(_ parameters: [Int], limit: Int) throws -> [Int] {
        switch parameters.count {
        case 1:
            let end = parameters[0]
            let increment = end < 1 ? -1 : 1
            return try untilStep(1, end &+ increment, increment, limit: limit)
        case 2:
            let start = parameters[0], end = parameters[1]
            let increment = end < start ? -1 : 1
            return try untilStep(start, end &+ increment, increment, limit: limit)
        case 3:
            let start = parameters[0], step = parameters[1], end = parameters[2]
            var increment = 1
            if end < start {
                increment = -1
                if step > 0 { return [] }
            } else if step < 0 {
                return []
            }
            return try untilStep(start, end &+ increment, step, limit: limit)
        default:
            return []
        }
    }
}
