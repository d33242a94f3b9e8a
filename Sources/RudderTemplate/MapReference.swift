import RudderCore

/// One Go map during execution: `Value` is a value type, but Go's maps are
/// references, and charts rely on that (`set $d "k" v` changes `$d`, `.Values`
/// and every other name for the same map). The engine gives maps identity
/// lazily: the root data and every map a function returns enters execution as
/// a `MapReference`, carried as `Value.object`; a map inside one becomes a
/// reference of its own when a template reaches it, and is stored back, so
/// that every path to it sees the same reference.
///
/// `@unchecked Sendable`: a reference is created and used by one execution (or
/// the executions of one chart render, which run one after another) on one
/// thread at a time; it is never stored in the shared, immutable `TemplateSet`,
/// and it never leaves the engine (output is a `String`).
final class MapReference: TemplateObject, @unchecked Sendable {
    /// The entries; a value may itself be a `.object(MapReference)`.
    var storage: [String: Value]
    /// List-valued keys whose list is known to need no boxing (its maps already
    /// references, or holding none): spares re-scanning a big list on each access.
    var settled: Set<String> = []
    /// Part of the data several executions share (`MapReferences.share`: a
    /// render's `.Values`), or a map inside such a one.
    var isShared = false
    /// The plain map last computed, and the mutation epoch it belongs to.
    private var snapshotCache: [String: Value]?
    private var snapshotEpoch = -1
    /// When the map entered execution, in its context's count of new maps (see
    /// `MapReferences.nextSerial()`); 0: before any include could have been
    /// remembered (the safe default). A child made lazily inherits its parent's.
    let serial: Int
    /// Set on the data of an execution's root (a chart file's dot).
    var isRoot = false
    /// The root's class: roots of one class differ in `.Template` only.
    var rootClass = -1
    /// How often `.Template` or the whole map of a root was read (for `IncludeMemo`).
    var exposures = 0

    init(_ storage: [String: Value], serial: Int = 0) {
        self.storage = storage
        self.serial = serial
    }

    var goTypeName: String { "map[string]interface {}" }
    var goKindName: String { "map" }

    /// The raw entry (the executor uses `child(_:)`, which keeps identity).
    func field(_ name: String) -> Value? {
        if isRoot && name == "Template" { exposures += 1 }
        return storage[name]
    }

    var printed: String { Printer.format(.map(plainStorage(epoch: nil))) }
    var dataRepresentation: Value? { .map(plainStorage(epoch: nil)) }
    var iterationValue: Value? { .map(plainStorage(epoch: nil)) }

    /// The entry at `key`, made a reference (or a list of references) when it
    /// holds a map, and stored back so that the next access sees the same one.
    func child(_ key: String) -> Value? {
        if isRoot && key == "Template" { exposures += 1 }
        // One hash of the key: a map or list is stored back at the same index.
        guard let index = storage.index(forKey: key) else { return nil }
        let value = storage.values[index]
        switch value {
        case .map(let map):
            // Stored back as a reference: the next access finds the `.object`.
            let reference = MapReference(map, serial: serial)
            reference.isShared = isShared
            let boxed = Value.object(reference)
            storage.values[index] = boxed
            return boxed
        case .list:
            if settled.contains(key) { return value }
            let boxed = MapReferences.boxed(value, serial: serial, shared: isShared)
            storage.values[index] = boxed
            settled.insert(key)
            return boxed
        default:
            // Scalars and references need no boxing.
            return value
        }
    }

    /// Every entry as `child(_:)` returns it (for `range`).
    func boxedStorage() -> [String: Value] {
        if isRoot { exposures += 1 }
        for key in storage.keys where !settled.contains(key) { _ = child(key) }
        return storage
    }

    /// The entries as plain data (no references anywhere), cached per epoch.
    func plainStorage(epoch: Int?) -> [String: Value] {
        if isRoot { exposures += 1 }
        if let epoch, epoch == snapshotEpoch, let snapshotCache { return snapshotCache }
        var plain: [String: Value] = [:]
        plain.reserveCapacity(storage.count)
        for (key, value) in storage { plain[key] = MapReferences.plain(value, epoch: epoch) }
        if let epoch {
            snapshotCache = plain
            snapshotEpoch = epoch
        }
        return plain
    }

    /// Sets `key` to `value` as Go's `m[key] = value` does.
    func assign(_ key: String, _ value: Value, in context: MapReferences) {
        context.recordChange(of: self, at: key)
        storage[key] = value
        settled.remove(key)
    }

    func remove(_ key: String, in context: MapReferences) {
        context.recordChange(of: self, at: key)
        storage.removeValue(forKey: key)
        settled.remove(key)
    }

    /// Makes the entries equal to `updated` (a merge's result, from plain
    /// data): child references whose key still holds a map keep their
    /// identity, and a map taken whole from one of `sources` is that source's
    /// reference (Go's mergo assigns the source map itself).
    func reconcile(with updated: [String: Value], sources: [MapReference], in context: MapReferences) {
        let epoch = context.epoch
        for key in storage.keys where updated[key] == nil { remove(key, in: context) }
        for (key, value) in updated {
            let sourceChildren = sources.compactMap { source -> MapReference? in
                guard let child = MapReference.of(source.child(key)) else { return nil }
                return child
            }
            if let existing = MapReference.of(storage[key]), case .map(let map) = value {
                if existing.plainStorage(epoch: epoch) != map {
                    existing.reconcile(with: map, sources: sourceChildren, in: context)
                }
            } else if case .map(let map) = value,
                let shared = sourceChildren.first(where: { $0.plainStorage(epoch: epoch) == map })
            {
                assign(key, .object(shared), in: context)
            } else if MapReferences.plain(storage[key] ?? .null, epoch: epoch) != value || storage[key] == nil {
                assign(key, value, in: context)
            }
        }
    }
}

/// The map references of one execution, or of every file of one chart render
/// (Helm executes them all with the same `.Values` map, so a `set` on
/// `.Values` in one file is seen by the files after it).
///
/// Create one per render, pass it to each `TemplateSet.execute` of that
/// render, and build each file's data from `share(_:)`/`scope(_:path:)`.
/// Not for parallel use: executions sharing it must run one after another.
public final class MapReferences: @unchecked Sendable {
    /// Bumped by every change through a reference; plain snapshots of older
    /// epochs are stale.
    var epoch = 0
    /// While recording: the entries changed so far, with their old values, so
    /// that an execution retried on a larger stack starts from the same data.
    private var undoLog: [(reference: MapReference, key: String, old: Value?)] = []
    private var isRecording = false
    /// Whether an execution changed a map of the shared data (a `set` on
    /// `.Values` or a map inside it), which the executions after it would see.
    public private(set) var sharedDataChanged = false
    /// The `include` results remembered so far (see `IncludeMemo`).
    let includeMemo = IncludeMemo()

    public init() {}

    /// How many `include` results executions with this context reused instead
    /// of executing the include again.
    public var includeReuses: Int { includeMemo.hits }

    /// The serial counter when a plain snapshot was last cached: a snapshot
    /// holds no map newer than this.
    private var snapshotMark = -1

    /// Called before plain snapshots may be cached.
    func noteSnapshot() { snapshotMark = includeMemo.serialCounter }

    /// After a `set`/`unset` on `target`: snapshots go stale only when
    /// `target` may be part of one (a map made after the last snapshot, such
    /// as a `dict` being filled, is in none until stored into an older map,
    /// which is itself such a change).
    func changedBySet(_ target: MapReference) {
        if target.serial <= snapshotMark { epoch += 1 }
    }

    func recordChange(of reference: MapReference, at key: String) {
        if reference.isShared { sharedDataChanged = true }
        if isRecording { undoLog.append((reference, key, reference.storage[key])) }
        includeMemo.noteChange(of: reference)
    }

    /// Starts recording changes (before an execution that may be retried).
    func beginRecording() {
        undoLog = []
        isRecording = true
    }

    /// Stops recording and forgets the changes.
    func endRecording() {
        undoLog = []
        isRecording = false
    }

    /// Puts back every entry changed since `beginRecording()`, newest first.
    func undoRecorded() {
        for entry in undoLog.reversed() {
            if let old = entry.old { entry.reference.storage[entry.key] = old } else { entry.reference.storage.removeValue(forKey: entry.key) }
            entry.reference.settled.remove(entry.key)
        }
        undoLog = []
        epoch += 1
        includeMemo.forgetAll()
    }

    /// `value` with maps made references (a list's maps too), for data that
    /// several executions share.
    public func share(_ value: Value) -> Value { MapReferences.boxed(value, shared: true) }

    /// The map at `path` below `value` (a shared value), as a reference that is
    /// part of `value` (Helm's subchart scopes are the parent's maps); nil when
    /// some step is missing or not a map.
    public static func scope(_ value: Value, path: [String]) -> Value? {
        var current = boxed(value, shared: true)
        for key in path {
            guard let reference = MapReference.of(current), let next = reference.child(key) else { return nil }
            current = next
        }
        guard MapReference.of(current) != nil else { return nil }
        return current
    }

    /// `value` with its maps as new references of this context (each with a
    /// new serial): for maps made during execution.
    func box(_ value: Value) -> Value {
        switch value {
        case .map, .list: return MapReferences.boxed(value, serial: includeMemo.nextSerial())
        default: return value
        }
    }

    /// A map as a new reference; a list with its maps as references; else
    /// unchanged. `shared`: the new references are part of shared data.
    static func boxed(_ value: Value, serial: Int = 0, shared: Bool = false) -> Value {
        switch value {
        case .map(let map):
            let reference = MapReference(map, serial: serial)
            reference.isShared = shared
            return .object(reference)
        case .list(let items):
            guard items.contains(where: needsBoxing) else { return value }
            return .list(items.map { boxed($0, serial: serial, shared: shared) })
        default:
            return value
        }
    }

    static func needsBoxing(_ value: Value) -> Bool {
        switch value {
        case .map: return true
        case .list(let items): return items.contains(where: needsBoxing)
        default: return false
        }
    }

    /// `value` as plain data, every reference replaced by its entries (nil
    /// epoch: no caching).
    static func plain(_ value: Value, epoch: Int?) -> Value {
        switch value {
        case .object(let object):
            guard let reference = MapReference.of(object) else { return value }
            return .map(reference.plainStorage(epoch: epoch))
        case .list(let items):
            guard items.contains(where: containsReference) else { return value }
            return .list(items.map { plain($0, epoch: epoch) })
        case .map(let map):
            guard map.values.contains(where: containsReference) else { return value }
            return .map(map.mapValues { plain($0, epoch: epoch) })
        default:
            return value
        }
    }

    /// Whether `value` may be or hold a reference (else it is plain as it is):
    /// a cheap test of the case alone.
    @inline(__always)
    static func mayHoldReference(_ value: Value) -> Bool {
        switch value {
        case .object, .list, .map: return true
        default: return false
        }
    }

    static func containsReference(_ value: Value) -> Bool {
        switch value {
        case .object(let object): return MapReference.of(object) != nil
        case .list(let items): return items.contains(where: containsReference)
        case .map(let map): return map.values.contains(where: containsReference)
        default: return false
        }
    }

    /// Whether `target` is reachable from `value` (storing it would make a
    /// cycle, which Go would print forever; we refuse it).
    static func reaches(_ value: Value, _ target: MapReference) -> Bool {
        var seen: Set<ObjectIdentifier> = []
        var pending: [Value] = [value]
        while let next = pending.popLast() {
            switch next {
            case .object(let object):
                guard let reference = MapReference.of(object) else { break }
                if reference === target { return true }
                if seen.insert(ObjectIdentifier(reference)).inserted { pending.append(contentsOf: reference.storage.values) }
            case .list(let items):
                pending.append(contentsOf: items)
            case .map(let map):
                pending.append(contentsOf: map.values)
            default:
                break
            }
        }
        return false
    }
}

extension MapReference {
    /// The type metadata a `MapReference` existential carries.
    private static let metadata = unsafeBitCast(MapReference.self as AnyClass, to: UInt.self)

    /// The reference `object` is, if it is one. Read from the existential
    /// container itself (Swift's stable layout: three words of value buffer,
    /// then the type metadata): a class instance sits in the buffer's first
    /// word. A dynamic cast (`as? MapReference`) or opening the existential
    /// costs hundreds of instructions (copies, metadata checks), and the
    /// executor asks at every field access.
    @inline(__always)
    static func of(_ object: any TemplateObject) -> MapReference? {
        // The layout check folds away at compile time.
        guard MemoryLayout<any TemplateObject>.size == 5 * MemoryLayout<UInt>.stride else { return opened(object) }
        // `as any TemplateObject`: the container itself, not the value opened from it.
        return withUnsafeBytes(of: object as any TemplateObject) { container -> MapReference? in
            // `MapReference` is final: equal metadata means the value is one.
            guard container.load(fromByteOffset: 3 * MemoryLayout<UInt>.stride, as: UInt.self) == metadata
            else { return nil }
            return Unmanaged<MapReference>.fromOpaque(container.load(as: UnsafeRawPointer.self)).takeUnretainedValue()
        }
    }

    /// `of(_:)` by opening the existential (for a layout this file does not know).
    private static func opened(_ object: any TemplateObject) -> MapReference? {
        func open<Object: TemplateObject>(_ object: Object) -> MapReference? {
            guard Object.self == MapReference.self else { return nil }
            return withUnsafePointer(to: object) { pointer in
                pointer.withMemoryRebound(to: MapReference.self, capacity: 1) { $0.pointee }
            }
        }
        return open(object)
    }

    /// The reference `value` holds (`.object` of a `MapReference`), or nil.
    @inline(__always)
    static func of(_ value: Value?) -> MapReference? {
        guard case .object(let object)? = value else { return nil }
        return of(object)
    }
}
