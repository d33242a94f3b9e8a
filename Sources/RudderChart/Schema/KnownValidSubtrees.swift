import RudderCore

/// The subtrees of a chart's default values already found valid against
/// subschemas of a compiled schema, so that validating a release's values
/// skips them when they are the very same storage (a batch shares the
/// chart's defaults with every release that leaves them unchanged).
///
/// Why skipping is exact: applying a subschema to a property or item
/// (`ValidationRun.applyChild`) gives a result that depends only on the
/// schema node, the value and the depth of the application stack (cycle
/// detection only compares applications to the same value, which gets a
/// fresh identity there; the depth limit reads the stack's size; `$ref`,
/// `$dynamicRef` and `$recursiveRef` are resolved when compiling; the
/// parent reads nothing but the error from it, not even what
/// `unevaluated*` tracking evaluated). A valid result has no message, so
/// its place in the instance does not matter either. So "valid" recorded
/// for (node, storage, depth) holds wherever the same triple comes again.
///
/// Identity: a map or list whose storage is the same object holds the same
/// value (copy-on-write never changes shared storage, and this table keeps
/// every storage it names alive, so no address is reused). Scalars are
/// not remembered: checking them costs about what looking them up would.
final class KnownValidSubtrees: Sendable {
    struct Entry: Hashable {
        var node: Int
        var depth: Int
        var identity: Identity
    }

    /// What tells a value apart: its kind and its words.
    struct Identity: Hashable {
        var kind: UInt8
        var first: UInt
        var second: UInt
    }

    /// Keeps every recorded storage alive (and so its address unique).
    private let retained: Value
    /// The entries in an open-addressing table (a power of two in size,
    /// at most half full; empty slots have node -1), probed linearly from
    /// a multiplicative hash: cheaper than `Set`'s SipHash for a lookup
    /// made at every map and list of every release.
    private let slots: [Entry]
    private let mask: Int
    let count: Int

    static let emptySlot = Entry(node: -1, depth: 0, identity: Identity(kind: 0, first: 0, second: 0))

    init(retaining values: Value, entries: Set<Entry>) {
        retained = values
        count = entries.count
        var capacity = 8
        while capacity < 2 * entries.count { capacity *= 2 }
        mask = capacity - 1
        var table = [Entry](repeating: Self.emptySlot, count: capacity)
        for entry in entries {
            var slot = Self.slot(entry, mask: capacity - 1)
            while table[slot].node >= 0 { slot = (slot + 1) & (capacity - 1) }
            table[slot] = entry
        }
        slots = table
    }

    @inline(__always)
    static func slot(_ entry: Entry, mask: Int) -> Int {
        var mixed = entry.identity.first ^ UInt(bitPattern: entry.node &* 0x1F1F_1F1F) ^ UInt(bitPattern: entry.depth << 48)
        mixed ^= UInt(entry.identity.kind) << 56 ^ entry.identity.second
        mixed = mixed &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 32) & mask
    }

    /// Whether node `node` applied at stack depth `depth` is known valid for `value`.
    @inline(__always)
    func contains(node: Int, depth: Int, value: Value) -> Bool {
        guard count > 0, let identity = Self.identity(of: value) else { return false }
        let wanted = Entry(node: node, depth: depth, identity: identity)
        var slot = Self.slot(wanted, mask: mask)
        while true {
            let found = slots[slot]
            if found.node < 0 { return false }
            if found == wanted { return true }
            slot = (slot + 1) & mask
        }
    }

    /// Whether identity can be read here: a map and a list are each one
    /// reference to their storage (true of Swift's native collections).
    static let identityAvailable =
        MemoryLayout<[String: Value]>.size == MemoryLayout<UInt>.size
        && MemoryLayout<[Value]>.size == MemoryLayout<UInt>.size

    /// The identity of a map or list (its storage's address); nil for other values.
    @inline(__always)
    static func identity(of value: Value) -> Identity? {
        guard identityAvailable else { return nil }
        switch value {
        case .map(let map):
            return Identity(kind: 1, first: withUnsafeBytes(of: map) { $0.load(as: UInt.self) }, second: 0)
        case .list(let list):
            return Identity(kind: 2, first: withUnsafeBytes(of: list) { $0.load(as: UInt.self) }, second: 0)
        default:
            return nil
        }
    }
}

extension JSONSchemaValidator {
    /// Validates `defaults` once, recording every map and list below the
    /// top that a subschema found valid, for `validate(_:skipping:)`.
    func knownValidSubtrees(of defaults: Value) -> KnownValidSubtrees {
        guard let rootNode, KnownValidSubtrees.identityAvailable else {
            return KnownValidSubtrees(retaining: .null, entries: [])
        }
        var run = ValidationRun(nodes: nodes, tracking: tracksEvaluation, recording: true)
        _ = run.validate(rootNode, defaults, valueID: 0)
        return KnownValidSubtrees(retaining: defaults, entries: run.context.recorded ?? [])
    }
}
