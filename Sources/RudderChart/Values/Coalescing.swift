import RudderCore

/// Helm 4.1.4's coalescing (`pkg/chart/common/util/coalesce.go`), on the
/// reference tree so that Go's in-place updates and sharing behave the same.
///
/// Rules: values higher up win over a chart's defaults; maps merge, scalars
/// and lists replace; a `null` from the user deletes the chart default
/// (`merge` keeps nulls instead); `global` is copied from each parent into
/// each subchart's scope; a subchart's scope is `dest[<name or alias>]`.
enum Coalescing {
    /// `coalesce`: a chart's defaults, then its subcharts', into `dest`.
    static func coalesce(_ chart: WorkingChart, _ dest: ValueMap, prefix: String, merge: Bool) throws(ChartError) -> ValueMap {
        coalesceValues(chart, dest, prefix: prefix, merge: merge)
        return try coalesceDependencies(chart, dest, prefix: prefix, merge: merge)
    }

    /// `CoalesceValues` (merge false) and `MergeValues` (merge true): the
    /// user's values are copied first, never changed.
    static func coalesceValues(chart: WorkingChart, values: ValueMap?, merge: Bool) throws(ChartError) -> ValueMap {
        let copy = values?.deepCopy() ?? ValueMap()
        return try coalesce(chart, copy, prefix: "", merge: merge)
    }

    static func coalesceDependencies(_ chart: WorkingChart, _ dest: ValueMap, prefix: String, merge: Bool) throws(ChartError) -> ValueMap {
        for subchart in chart.dependencies {
            let name = subchart.name
            if let existing = dest[name] {
                if existing.table == nil {
                    throw ChartError("type mismatch on \(name): \(goBoolVerb(existing.value))")
                }
            } else {
                dest[name] = .map(ValueMap())
            }
            guard let scope = dest[name]?.table else { continue }
            let subPrefix = concatPrefix(prefix, chart.name)
            coalesceGlobals(into: scope, from: dest, prefix: subPrefix)
            dest[name] = .map(try coalesce(subchart, scope, prefix: subPrefix, merge: merge))
        }
        return dest
    }

    /// Copies the parent's `global` into the subchart's scope; the parent's
    /// entries win. Map entries are copied one level deep only, as Helm does,
    /// so deeper maps stay shared with the parent.
    static func coalesceGlobals(into dest: ValueMap, from source: ValueMap, prefix: String) {
        let destinationGlobals: ValueMap
        if let existing = dest["global"] {
            guard let table = existing.table else { return }  // Helm: "skipping globals because destination global is not a table"
            destinationGlobals = table
        } else {
            destinationGlobals = ValueMap()
        }
        let sourceGlobals: ValueMap
        if let existing = source["global"] {
            guard let table = existing.table else { return }
            sourceGlobals = table
        } else {
            sourceGlobals = ValueMap()
        }
        for (key, value) in sourceGlobals.entries {
            if let table = value.table {
                let copied = table.shallowCopy()
                if let existing = destinationGlobals[key] {
                    if let existingTable = existing.table {
                        _ = coalesceTables(copied, existingTable, merge: true)
                        destinationGlobals[key] = .map(copied)
                    }
                    // Otherwise Helm warns "cannot merge map onto non-map" and skips.
                } else {
                    destinationGlobals[key] = .map(copied)
                }
            } else if let existing = destinationGlobals[key], existing.table != nil {
                // Helm warns "key is table. Skipping".
            } else {
                destinationGlobals[key] = value
            }
        }
        dest["global"] = .map(destinationGlobals)
    }

    /// `coalesceValues`: the chart's defaults (deep-copied) under `values`.
    static func coalesceValues(_ chart: WorkingChart, _ values: ValueMap, prefix: String, merge: Bool) {
        let defaults = chart.values.deepCopy()
        for key in defaults.entries.keys.sorted() {
            guard let defaultValue = defaults[key] else { continue }
            if let value = values[key] {
                if value.isNull && !merge {
                    values.entries.removeValue(forKey: key)
                } else if let destination = value.table, let source = defaultValue.table {
                    let mergeChild = chart.dependencies.contains { $0.name == key } ? true : merge
                    _ = coalesceTables(destination, source, merge: mergeChild)
                }
                // A non-table over a table, or a scalar: the higher value stays (Helm warns).
            } else {
                values[key] = defaultValue
            }
        }
    }

    /// `coalesceTablesFullKey`: merges `source` into `destination`, which wins.
    /// When coalescing, a null in `destination` deletes the key if `source`
    /// had a non-null value there (the user removes a default); a null with
    /// nothing under it stays.
    @discardableResult
    static func coalesceTables(_ destination: ValueMap, _ source: ValueMap, merge: Bool) -> ValueMap {
        // The keys a null in `destination` hides a value of `source` at (usually none):
        // only they can be removed below.
        var nullOverValue: Set<String> = []
        for (key, value) in destination.entries where value.isNull {
            if let below = source[key], !below.isNull { nullOverValue.insert(key) }
            source[key] = .null
        }
        for key in source.entries.keys.sorted() {
            guard let value = source[key] else { continue }
            if let existing = destination[key] {
                if !merge && existing.isNull && nullOverValue.contains(key) {
                    destination.entries.removeValue(forKey: key)
                } else if let sourceTable = value.table {
                    if let destinationTable = existing.table {
                        coalesceTables(destinationTable, sourceTable, merge: merge)
                    }
                    // Helm warns "cannot overwrite table with non table".
                }
            } else {
                destination[key] = value
            }
        }
        return destination
    }

    /// `CoalesceValues` for a chart without subcharts (none vendored, none
    /// declared), on plain values: the same result as the walk over the
    /// reference tree, which here has no sharing to reproduce (`global` is only
    /// copied into subcharts, and no map is changed after it is placed).
    /// Subtrees the user does not touch are the chart's own, shared, not copied.
    static func coalesceWithoutSubcharts(_ user: [String: Value], _ defaults: [String: Value]) -> [String: Value] {
        coalesceTables(user, defaults, keepNullOverNull: false)
    }

    /// `coalesceTablesFullKey` (merge false) on plain values: `destination` wins;
    /// a null there removes the key when `source` has a value under it.
    static func coalesceTables(_ destination: [String: Value], _ source: [String: Value]) -> [String: Value] {
        coalesceTables(destination, source, keepNullOverNull: true)
    }

    /// The merge both share: maps merge (deeper levels by `coalesceTables`),
    /// `destination`'s other values win, and a null in `destination` removes
    /// the key where `source` has a value (and, at the top of
    /// `coalesceValues`, also where `source` has a null). A key only one
    /// side has keeps its value. The result starts as a copy of the larger
    /// side (a copy keeps the hash table as it is), and the smaller side's
    /// keys are applied to it: as few keys as possible are hashed.
    private static func coalesceTables(
        _ destination: [String: Value], _ source: [String: Value], keepNullOverNull: Bool
    ) -> [String: Value] {
        if source.isEmpty { return destination }
        if destination.count <= source.count {
            var result = source
            for (key, value) in destination {
                // `destination`'s value goes in (one lookup); the rare cases fix it up.
                switch (value, result.updateValue(value, forKey: key)) {
                case (.null, .null?):
                    if !keepNullOverNull { result.removeValue(forKey: key) }
                case (.null, _?):
                    result.removeValue(forKey: key)
                case (.map(let destinationTable), .map(let sourceTable)?):
                    result[key] = .map(coalesceTables(destinationTable, sourceTable))
                default:
                    break
                }
            }
            return result
        }
        var result = destination
        for (key, value) in source {
            guard let existing = destination[key] else {
                result[key] = value
                continue
            }
            switch (existing, value) {
            case (.null, .null):
                if !keepNullOverNull { result.removeValue(forKey: key) }
            case (.null, _):
                result.removeValue(forKey: key)
            case (.map(let destinationTable), .map(let sourceTable)):
                result[key] = .map(coalesceTables(destinationTable, sourceTable))
            default:
                break
            }
        }
        return result
    }

    static func concatPrefix(_ prefix: String, _ name: String) -> String {
        prefix.isEmpty ? name : prefix + "." + name
    }

    /// Go's `%t` of a non-bool value, as in `type mismatch on x: %!t(string=a)`.
    static func goBoolVerb(_ value: Value) -> String {
        switch value {
        case .bool(let b): return b ? "true" : "false"
        case .null: return "%!t(<nil>)"
        case .string(let s): return "%!t(string=\(s))"
        case .float(let d): return "%!t(float64=\(formatGoFloat(d)))"
        case .int64(let i): return "%!t(int64=\(i))"
        case .int(let i): return "%!t(int=\(i))"
        case .list: return "[...]"
        default: return "%!t(\(value.goTypeName))"
        }
    }
}
