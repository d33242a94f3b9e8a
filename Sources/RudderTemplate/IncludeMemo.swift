import RudderCore

#if canImport(Glibc)
import Glibc
#endif

/// Remembered `include` results of one render (one `MapReferences` context):
/// a chart includes its label and name helpers in every file, with the same
/// data, and their output is the same each time.
///
/// An `include` result is reused only when executing it again is provably
/// output-identical:
/// - same template name (the template set never changes; no `tpl` overlay is active);
/// - the same data: the same map references (by identity) and equal scalars,
///   with the same static type (`boxed`);
/// - nothing that data can reach has changed since. Every map that entered
///   execution carries a serial; a change (`set`, `unset`, `merge…`) of a map
///   whose serial is not newer than the start of the latest remembered
///   include (`mark`) forgets everything (`epoch`). Maps made after that
///   start are not reachable from any remembered data unless stored into an
///   older map, which is itself such a change;
/// - the first execution called no function that is not pure
///   (`TemplateFunction.isPure`: `now`, `rand…`, `uuidv4`, `lookup`,
///   `getHostByName`, lint's logging `required`/`fail`, …) and no `tpl`.
///   Host objects' fields and methods (`.Files.Get`,
///   `.Capabilities.APIVersions.Has`) answer from immutable data;
/// - the limits (steps, output bytes, nesting) leave room for everything the
///   first execution did, so a limit error still happens where it happened.
///
/// Across the files of one chart: each file's dot is a new map that differs
/// from the other files' only in `.Template`. A result made with the file's
/// dot as data serves the other files of the same class when the first
/// execution never read `.Template` or the dot as a whole (`exposures`) and
/// neither dot has been changed (`rootMutated`).
final class IncludeMemo {
    /// One part of an include's data, flattened (lists in order, with their length first).
    enum Part {
        case null
        case bool(Bool)
        case int(Int)
        case int64(Int64)
        case float(UInt64)
        case string(String)
        case reference(MapReference)
        /// The current file's dot.
        case root(MapReference)
        case list(Int)
    }

    /// One remembered result.
    final class Entry {
        let parts: [Part]
        let boxed: Bool
        /// Valid for every root of the root's class (else only for that very root).
        let classWide: Bool
        let missingKey: ExecutionOptions.MissingKey
        let output: String
        /// What the first execution took: steps, bytes written, call depth and include nesting.
        let steps: Int
        let bytes: Int
        let depthUsed: Int
        let nestingUsed: Int
        /// The first execution read `.Template` (or all) of the file's dot.
        let exposesRoot: Bool

        init(
            parts: [Part], boxed: Bool, classWide: Bool, missingKey: ExecutionOptions.MissingKey, output: String,
            steps: Int, bytes: Int, depthUsed: Int, nestingUsed: Int, exposesRoot: Bool
        ) {
            self.parts = parts
            self.boxed = boxed
            self.classWide = classWide
            self.missingKey = missingKey
            self.output = output
            self.steps = steps
            self.bytes = bytes
            self.depthUsed = depthUsed
            self.nestingUsed = nestingUsed
            self.exposesRoot = exposesRoot
        }
    }

    /// Most parts a key may have (bigger data is not worth comparing).
    static let maximumParts = 16
    /// Most results remembered per template name (each lookup compares them
    /// in turn) and in all, and the most output bytes kept: a loop including a
    /// template with ever new data must not make the memo grow without bound.
    static let maximumEntriesPerName = 64
    static let maximumEntries = 4096
    static let maximumBytes = 16 << 20

    private(set) var serialCounter = 0
    /// The serial counter when the latest remembered include started.
    private var mark = -1
    /// Bumped by each change of a map that remembered data may reach.
    private(set) var epoch = 0
    /// The current file's dot and whether it (or a map inside it) has changed.
    private(set) var root: MapReference?
    private(set) var rootMutated = false
    /// Each class of file dots, by its first dot's entries.
    private var rootClasses: [[String: Value]] = []
    private var entries: [String: [Entry]] = [:]
    private var entryCount = 0
    private var storedBytes = 0
    /// How many results were reused (for tests).
    private(set) var hits = 0

    func nextSerial() -> Int {
        serialCounter += 1
        return serialCounter
    }

    /// Starts remembering an include: returns the epoch to compare at its end.
    func begin() -> Int {
        mark = serialCounter
        return epoch
    }

    func noteChange(of reference: MapReference) {
        if reference.serial <= mark { forgetAll() }
        if let root, reference.serial == root.serial { rootMutated = true }
    }

    func forgetAll() {
        epoch += 1
        if !entries.isEmpty { entries = [:] }
        entryCount = 0
        storedBytes = 0
    }

    /// Makes `reference` (a new map made from `data`) the current file's dot and finds its class.
    func enterRoot(_ reference: MapReference, data: [String: Value]) {
        reference.isRoot = true
        root = reference
        rootMutated = false
        for (index, known) in rootClasses.enumerated() where IncludeMemo.sameExceptTemplate(known, data) {
            reference.rootClass = index
            return
        }
        reference.rootClass = rootClasses.count
        rootClasses.append(data)
    }

    /// Whether two dots hold the very same values (same storage, bit for bit) except at `Template`.
    static func sameExceptTemplate(_ a: [String: Value], _ b: [String: Value]) -> Bool {
        guard a.count == b.count else { return false }
        for (key, value) in a where key != "Template" {
            guard let other = b[key], identical(value, other) else { return false }
        }
        return true
    }

    /// The same bits: the same scalar, or the same heap storage (a map's
    /// dictionary, an object's box). Different bits may still be equal values.
    static func identical(_ a: Value, _ b: Value) -> Bool {
        withUnsafeBytes(of: a) { x in
            withUnsafeBytes(of: b) { y in
                guard let p = x.baseAddress, let q = y.baseAddress else { return false }
                return memcmp(p, q, MemoryLayout<Value>.size) == 0
            }
        }
    }

    /// `value` flattened into `parts`; false when it cannot be a key.
    func flatten(_ value: Value, into parts: inout [Part]) -> Bool {
        guard parts.count < IncludeMemo.maximumParts else { return false }
        switch value {
        case .null: parts.append(.null)
        case .bool(let b): parts.append(.bool(b))
        case .int(let i): parts.append(.int(i))
        case .int64(let i): parts.append(.int64(i))
        case .float(let d): parts.append(.float(d.bitPattern))
        case .string(let s): parts.append(.string(s))
        case .list(let items):
            parts.append(.list(items.count))
            for item in items where !flatten(item, into: &parts) { return false }
        case .object(let object):
            guard let reference = MapReference.of(object) else { return false }
            parts.append(reference === root ? .root(reference) : .reference(reference))
        case .bytes, .map:
            return false
        }
        return true
    }

    /// The remembered result for `name` with data `parts`, if one is valid now.
    func find(_ name: String, parts: [Part], boxed: Bool, missingKey: ExecutionOptions.MissingKey) -> Entry? {
        guard let candidates = entries[name] else { return nil }
        search: for entry in candidates where entry.boxed == boxed && entry.missingKey == missingKey {
            guard entry.parts.count == parts.count else { continue }
            for index in parts.indices where !matches(entry.parts[index], parts[index], classWide: entry.classWide) {
                continue search
            }
            return entry
        }
        return nil
    }

    private func matches(_ remembered: Part, _ current: Part, classWide: Bool) -> Bool {
        switch (remembered, current) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int64(let a), .int64(let b)): return a == b
        case (.float(let a), .float(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.reference(let a), .reference(let b)), (.reference(let a), .root(let b)): return a === b
        case (.root(let a), .root(let b)):
            return a === b || (classWide && !rootMutated && a.rootClass == b.rootClass && a.rootClass >= 0)
        default: return false
        }
    }

    /// Keeps `entry` unless a bound is reached (then the include simply runs each time).
    func remember(_ name: String, _ entry: Entry) {
        let bytes = entry.output.utf8.count
        guard entryCount < IncludeMemo.maximumEntries, storedBytes + bytes <= IncludeMemo.maximumBytes,
            (entries[name]?.count ?? 0) < IncludeMemo.maximumEntriesPerName
        else { return }
        entries[name, default: []].append(entry)
        entryCount += 1
        storedBytes += bytes
    }

    func countHit() { hits += 1 }

    /// `parts` with the current dot as a plain reference (a result that only that dot may reuse).
    static func pinned(_ parts: [Part]) -> [Part] {
        parts.map { part in
            if case .root(let reference) = part { return .reference(reference) }
            return part
        }
    }
}
