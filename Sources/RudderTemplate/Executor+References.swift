import RudderCore

/// Go's reference semantics for maps (see `MapReference`): where values enter
/// and leave the engine, and the functions that change a map in place.
extension Executor {
    /// `result` (from plain data) with each map in it that equals a child map
    /// of a reference argument replaced by that child's reference: by key for
    /// a map result, in order for a list.
    func relinked(_ result: Value, arguments: [Value]) -> Value {
        let parents = arguments.compactMap { value -> MapReference? in
            guard let reference = MapReference.of(value) else { return nil }
            return reference
        }
        references.noteSnapshot()
        let epoch = references.epoch
        func matches(_ candidate: Value?, _ map: [String: Value]) -> Bool {
            guard let child = MapReference.of(candidate) else { return false }
            return child.plainStorage(epoch: epoch) == map
        }
        switch result {
        case .map(var map):
            for (key, value) in map {
                guard case .map(let plainChild) = value else { continue }
                for parent in parents {
                    let candidate = parent.child(key)
                    if matches(candidate, plainChild), let candidate {
                        map[key] = candidate
                        break
                    }
                }
            }
            return .object(MapReference(map, serial: references.includeMemo.nextSerial()))
        case .list(var items):
            var used: Set<ObjectIdentifier> = []
            for index in items.indices {
                guard case .map(let plainChild) = items[index] else { continue }
                search: for parent in parents {
                    for key in parent.storage.keys.sorted(by: Printer.goStringLess) {
                        let candidate = parent.child(key)
                        guard let child = MapReference.of(candidate),
                            !used.contains(ObjectIdentifier(child)), matches(candidate, plainChild)
                        else { continue }
                        used.insert(ObjectIdentifier(child))
                        items[index] = .object(child)
                        break search
                    }
                }
            }
            return references.box(.list(items))
        default:
            return references.box(result)
        }
    }

    /// `value` as plain data for a function body or a comparison.
    func plain(_ value: Value) -> Value {
        references.noteSnapshot()
        return MapReferences.plain(value, epoch: references.epoch)
    }

    /// The data of an execution's root: maps become references; a map becomes
    /// the current file's dot (see `IncludeMemo`).
    func enterRoot(_ data: Value) -> Evaluated {
        guard case .map(let map) = data else { return Evaluated(references.box(data)) }
        let root = MapReference(map, serial: references.includeMemo.nextSerial())
        references.includeMemo.enterRoot(root, data: map)
        return Evaluated(.object(root))
    }

    /// Go template truth, a reference counting as the map it holds.
    static func truth(_ value: Value) -> Bool {
        if let reference = MapReference.of(value) { return !reference.storage.isEmpty }
        return value.isTruthy
    }

    /// What `range` iterates: a reference's entries, as references where they are maps.
    static func rangeIterable(_ value: Value) -> Value {
        if let reference = MapReference.of(value) { return .map(reference.boxedStorage()) }
        return value.iterable
    }

    /// Field `name` of a map reference (Go: a map index; missing keys per `missingkey`).
    func referenceField(_ reference: MapReference, name: String, hasArguments: Bool) throws(ExecutionSignal) -> Evaluated {
        if hasArguments { throw error("\(name) is not a method but has arguments") }
        if let element = reference.child(name) { return Evaluated(element, boxed: true) }
        switch options.missingKey {
        case .invalid: return .invalid
        case .zero: return Evaluated(.null, boxed: true)
        case .error: throw error("map has no entry for key \(GoQuote.quote(name))")
        }
    }

    /// Calls a builtin with plain arguments; `index` and `slice` keep the
    /// references they reach, `and`/`or` never get here.
    func callBuiltin(_ builtin: Builtin, _ values: consuming [Evaluated], calleeText: String) throws -> Evaluated {
        switch builtin {
        case .index:
            return try referenceIndex(values)
        case .len:
            // No snapshot needed: the count of a list or of a reference's entries.
            if let reference = MapReference.of(values[0].value) { return Evaluated(.int(reference.storage.count)) }
            if case .list = values[0].value { return try builtin.call(values, calleeText: calleeText) }
            makePlain(&values, from: 0)
            return try builtin.call(values, calleeText: calleeText)
        case .slice:
            // A list keeps its element references.
            if case .list = values[0].value {
                makePlain(&values, from: 1)
            } else {
                makePlain(&values, from: 0)
            }
            return entering(try builtin.call(values, calleeText: calleeText))
        default:
            makePlain(&values, from: 0)
            return entering(try builtin.call(values, calleeText: calleeText))
        }
    }

    /// Makes the values from `start` on plain data where they may hold a reference (static types kept).
    private func makePlain(_ values: inout [Evaluated], from start: Int) {
        var index = start
        while index < values.count {
            if MapReferences.mayHoldReference(values[index].value) {
                values[index] = Evaluated(plain(values[index].value), boxed: values[index].boxed)
            }
            index += 1
        }
    }

    /// Go's `index`: string keys into a reference reach its child references.
    private func referenceIndex(_ values: [Evaluated]) throws -> Evaluated {
        var item = values[0]
        var rest = values.dropFirst()
        while let key = rest.first, let reference = MapReference.of(item.value),
            case .string(let name) = key.value, let element = reference.child(name)
        {
            item = Evaluated(element, boxed: true)
            rest = rest.dropFirst()
        }
        if rest.isEmpty { return item }
        var receiver = item
        if case .list = item.value {} else { receiver = Evaluated(plain(item.value), boxed: item.boxed) }
        let indexes = rest.map { Evaluated(plain($0.value), boxed: $0.boxed) }
        return entering(try Builtin.index.call([receiver] + indexes, calleeText: ""))
    }

    /// A builtin's result: a map becomes a new reference.
    private func entering(_ result: Evaluated) -> Evaluated {
        Evaluated(references.box(result.value), boxed: result.boxed)
    }

    /// Calls a registered function: the body sees plain data (except where the
    /// function only stores a value), maps in the result become references,
    /// and `set`/`unset`/`merge…` change their first argument's reference in place.
    func callRegistered(_ function: TemplateFunction, name: String, kind: RegisteredKind, _ values: consuming [Value]) throws -> Value {
        if let target = MapReference.of(values.first) {
            if name == "set", values.count == 3, case .string(let key) = values[1] {
                if MapReferences.reaches(values[2], target) {
                    throw FunctionError("cannot set \(GoQuote.quote(key)): the value contains the map itself")
                }
                target.assign(key, values[2], in: references)
                references.changedBySet(target)
                return values[0]
            }
            if name == "unset", values.count == 2, case .string(let key) = values[1] {
                target.remove(key, in: references)
                references.changedBySet(target)
                return values[0]
            }
            if name == "get", values.count == 2, case .string(let key) = values[1] {
                return target.child(key) ?? .string("")
            }
            if kind == .merging {
                let result = try function.body(plainArguments(values))
                guard case .map(let merged) = result else { return references.box(result) }
                var sources: [MapReference] = []
                for index in values.indices.dropFirst() {
                    if let source = MapReference.of(values[index]) { sources.append(source) }
                }
                target.reconcile(with: merged, sources: sources, in: references)
                references.epoch += 1
                return values[0]
            }
        }
        switch kind {
        case .ordinary, .merging:
            // The arguments are not needed afterwards: made plain in place.
            makePlain(&values)
            return references.box(try function.body(values))
        case .storing(let allElements):
            // The values as they are, except the non-elements (plain unless a list).
            if !allElements {
                for index in values.indices where index != 1 {
                    if case .list = values[index] { continue }
                    if MapReferences.mayHoldReference(values[index]) { values[index] = plain(values[index]) }
                }
            }
            return references.box(try function.body(values))
        case .relinking:
            let result = try function.body(plainArguments(values))
            return relinked(result, arguments: values)
        case .selecting:
            let arguments = plainArguments(values)
            let result = try function.body(arguments)
            if case .map = result {
                // The argument it chose (the last equal one: `default`'s given value wins).
                for index in arguments.indices.reversed() where arguments[index] == result {
                    if MapReference.of(values[index]) != nil { return values[index] }
                }
            }
            return references.box(result)
        }
    }

    /// The arguments as plain data, in one new array.
    private func plainArguments(_ values: [Value]) -> [Value] {
        var arguments = values
        makePlain(&arguments)
        return arguments
    }

    /// Makes each value plain data where it may hold a reference.
    private func makePlain(_ values: inout [Value]) {
        for index in values.indices where MapReferences.mayHoldReference(values[index]) {
            values[index] = plain(values[index])
        }
    }
}

/// How a registered function treats map references, looked up once per name.
enum RegisteredKind: Equatable, Sendable {
    case ordinary
    /// Changes the map given as its first argument (Go: in place).
    case merging
    /// Only stores or rearranges its arguments: a map argument keeps its
    /// identity in the result (`dict "in" $inner` shares `$inner`). With
    /// `allElements` false only index 1 is an element, and a list at index 0
    /// keeps its element references.
    case storing(allElements: Bool)
    /// The result is one of the arguments: a map result is that argument's reference, as in Go.
    case selecting
    /// The result holds maps of the arguments (`pick`, `values`): in Go those are the same maps.
    case relinking

    /// The kind of `name` (the executor's function lists, as one switch: this
    /// runs for every function registered, and a static dictionary would cost
    /// more in its one-time set-up than the comparisons do).
    init(name: String) {
        switch name {
        case "merge", "mergeOverwrite", "mustMerge", "mustMergeOverwrite":
            self = .merging
        case "dict", "list", "tuple":
            self = .storing(allElements: true)
        case "append", "mustAppend", "push", "mustPush", "prepend", "mustPrepend", "first", "mustFirst", "last",
            "mustLast", "rest", "mustRest", "initial", "mustInitial", "reverse", "mustReverse":
            self = .storing(allElements: false)
        case "pick", "omit", "values", "pluck":
            self = .relinking
        case "default", "coalesce", "ternary":
            self = .selecting
        default:
            self = .ordinary
        }
    }
}

extension Executor {
    /// Whether `value` is a map reference where a `map[string]interface {}` parameter is expected.
    static func isMapReference(_ value: Value, for type: ArgumentType) -> Bool {
        guard type == .map, MapReference.of(value) != nil else { return false }
        return true
    }
}
