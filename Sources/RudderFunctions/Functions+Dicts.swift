import RudderCore
import RudderTemplate

extension HelmFunctions {
    static func registerDicts(_ r: inout Registrar) {
        r.add("dict", [], variadic: .any) { a in
            var map: [String: Value] = [:]
            var index = 0
            while index < a.count {
                let key = Cast.string(a[index])
                map[key] = index + 1 < a.count ? a[index + 1] : .string("")
                index += 2
            }
            return .map(map)
        }
        r.add("get", [.map, .string]) { a in
            let args = Arguments(a)
            return try args.map(0)[try args.string(1)] ?? .string("")
        }
        r.add("set", [.map, .string, .any]) { a in
            let args = Arguments(a)
            var map = try args.map(0)
            map[try args.string(1)] = args[2]
            return .map(map)
        }
        r.add("unset", [.map, .string]) { a in
            let args = Arguments(a)
            var map = try args.map(0)
            map[try args.string(1)] = nil
            return .map(map)
        }
        r.add("hasKey", [.map, .string]) { a in
            let args = Arguments(a)
            return .bool(try args.map(0)[try args.string(1)] != nil)
        }
        r.add("keys", [], variadic: .map) { a in
            var keys: [String] = []
            for value in a { if case .map(let m) = value { keys += m.keys.sorted() } }
            return .list(keys.map { .string($0) })
        }
        r.add("values", [.map]) { a in
            let map = try Arguments(a).map(0)
            return .list(map.keys.sorted().compactMap { map[$0] })
        }
        r.add("pick", [.map], variadic: .string) { a in
            let args = Arguments(a)
            let map = try args.map(0)
            var out: [String: Value] = [:]
            for key in args.rest(from: 1) {
                if case .string(let k) = key, let value = map[k] { out[k] = value }
            }
            return .map(out)
        }
        r.add("omit", [.map], variadic: .string) { a in
            let args = Arguments(a)
            var map = try args.map(0)
            for key in args.rest(from: 1) { if case .string(let k) = key { map[k] = nil } }
            return .map(map)
        }
        r.add("pluck", [.string], variadic: .map) { a in
            let args = Arguments(a)
            let key = try args.string(0)
            var out: [Value] = []
            for value in args.rest(from: 1) {
                if case .map(let m) = value, let found = m[key] { out.append(found) }
            }
            return .list(out)
        }
        let merge: @Sendable ([Value]) throws -> Value = { a in
            let args = Arguments(a)
            var destination = try args.map(0)
            for source in args.rest(from: 1) {
                if case .map(let m) = source { mergeMaps(&destination, m, overwrite: false) }
            }
            return .map(destination)
        }
        let mergeOverwrite: @Sendable ([Value]) throws -> Value = { a in
            let args = Arguments(a)
            var destination = try args.map(0)
            for source in args.rest(from: 1) {
                if case .map(let m) = source { mergeMaps(&destination, m, overwrite: true) }
            }
            return .map(destination)
        }
        r.add("merge", [.map], variadic: .map, merge)
        r.add("mustMerge", [.map], variadic: .map, merge)
        r.add("mergeOverwrite", [.map], variadic: .map, mergeOverwrite)
        r.add("mustMergeOverwrite", [.map], variadic: .map, mergeOverwrite)
        r.add("deepCopy", [.any]) { a in
            let value = Arguments(a)[0]
            if value.isNull { throw FunctionError("reflect: call of reflect.Value.Type on zero Value") }
            return value
        }
        r.add("mustDeepCopy", [.any]) { a in
            let value = Arguments(a)[0]
            if value.isNull { throw FunctionError("copy: Must be called with a non-nil value") }
            return value
        }
        r.add("dig", [], variadic: .any) { a in
            guard a.count >= 3 else { throw FunctionError("dig needs at least three arguments") }
            guard case .map(var current) = a[a.count - 1] else {
                throw FunctionError("interface conversion: interface {} is \(a[a.count - 1].goTypeNameOrNil), not map[string]interface {}")
            }
            let fallback = a[a.count - 2]
            var keys: [String] = []
            for key in a[..<(a.count - 2)] {
                guard case .string(let k) = key else {
                    throw FunctionError("interface conversion: interface {} is \(key.goTypeNameOrNil), not string")
                }
                keys.append(k)
            }
            for (index, key) in keys.enumerated() {
                guard let step = current[key] else { return fallback }
                if index == keys.count - 1 { return step }
                guard case .map(let next) = step else {
                    throw FunctionError("interface conversion: interface {} is \(step.goTypeNameOrNil), not map[string]interface {}")
                }
                current = next
            }
            return fallback
        }
    }

    /// mergo's `Merge` / `MergeWithOverwrite` on maps, as Sprig calls them:
    /// maps merge deeply; without `overwrite` a key is set only when the
    /// destination lacks it or holds an empty value; nil sources are skipped
    /// (with `overwrite` they set nil).
    static func mergeMaps(_ destination: inout [String: Value], _ source: [String: Value], overwrite: Bool) {
        for key in source.keys.sorted() {
            guard let sourceValue = source[key] else { continue }
            let destinationValue = destination[key]
            if sourceValue.isNull {
                if overwrite { destination[key] = .null }
                continue
            }
            if case .map(let sourceMap) = sourceValue, case .map(var destinationMap)? = destinationValue {
                mergeMaps(&destinationMap, sourceMap, overwrite: overwrite)
                destination[key] = .map(destinationMap)
                continue
            }
            if overwrite || destinationValue == nil || Cast.isEmpty(destinationValue ?? .null) {
                destination[key] = sourceValue
            }
        }
    }
}

extension Value {
    /// Go's type name as an interface conversion panic shows it (`nil` for nil).
    var goTypeNameOrNil: String { isNull ? "nil" : goTypeName }
}
