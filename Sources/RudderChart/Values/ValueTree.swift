import RudderCore

/// A mutable map shared by reference, as Go's `map[string]interface{}` is.
///
/// Helm's coalescing mutates maps in place and shares sub-maps between the
/// trees it builds (so a subchart's `global` defaults can show up in its
/// parent's `global`, two levels down). Porting it onto value types would
/// silently fix those quirks and change the output, so the algorithm runs on
/// this reference tree, and values are converted in and out at the edges.
final class ValueMap {
    var entries: [String: ValueNode]

    init(_ entries: [String: ValueNode] = [:]) {
        self.entries = entries
    }

    subscript(key: String) -> ValueNode? {
        get { entries[key] }
        set { entries[key] = newValue }
    }

    /// A deep copy of a `Value` map (Go's `copystructure.Copy`).
    convenience init(copying map: [String: Value]) {
        // `mapValues` keeps the hash table's layout: no key is hashed again.
        self.init(map.mapValues { ValueNode(copying: $0) })
    }

    /// A deep copy (Go's `copystructure.Copy`).
    func deepCopy() -> ValueMap {
        ValueMap(entries.mapValues { $0.deepCopy() })
    }

    /// A one-level copy (Go's `maps.Copy` into a new map): nested maps stay shared.
    func shallowCopy() -> ValueMap { ValueMap(entries) }

    /// The values as plain `Value`s.
    var value: [String: Value] {
        entries.mapValues { $0.value }
    }
}

/// A node of the reference tree: a shared map, or any other value (lists are
/// never mutated by coalescing, so they stay plain values; maps inside lists too).
enum ValueNode {
    case map(ValueMap)
    case other(Value)

    static var null: ValueNode { .other(.null) }

    init(copying value: Value) {
        if case .map(let map) = value {
            self = .map(ValueMap(copying: map))
        } else {
            self = .other(value)
        }
    }

    var isNull: Bool {
        if case .other(.null) = self { return true }
        return false
    }

    var table: ValueMap? {
        if case .map(let map) = self { return map }
        return nil
    }

    func deepCopy() -> ValueNode {
        switch self {
        case .map(let map): return .map(map.deepCopy())
        case .other: return self
        }
    }

    var value: Value {
        switch self {
        case .map(let map): return .map(map.value)
        case .other(let value): return value
        }
    }
}
