import RudderCore

/// A node as the builder hands it up: its value, how it reads as a map key,
/// and (when nodes are wanted) the node.
struct BuiltNode {
    enum Shape: UInt8 { case scalar, sequence, mapping }
    var shape: Shape
    var value: Value
    /// The key string (sigs.k8s.io/yaml's conversion), or nil for a null
    /// key. Computed only for nodes in key position (and anchored scalars).
    var key: String?
    /// A plain `<<` or one tagged `!!merge`.
    var isMergeKey: Bool
    var isAlias: Bool
    /// yaml.v2 decode operations this node costs (aliases count their target).
    var cost: Int
    /// How deeply collections nest in the value (0 for a scalar).
    var height: Int
    var mark: ParseMark
    /// Boxed, so that values-only reading moves one pointer, not a node.
    var nodeBox: NodeBox?
    var node: YAMLNode? { nodeBox?.node }
}

/// A node on the heap (see `BuiltNode.nodeBox`).
final class NodeBox {
    let node: YAMLNode
    init(_ node: YAMLNode) { self.node = node }
}

/// An error found while building, with Helm's text after the loader's prefix.
struct BuildFailure: Error {
    var position: SourcePosition?
    var problem: String
    /// sigs.k8s.io/yaml.Unmarshal's message (`error converting YAML to JSON: yaml: …`).
    var helmMessage: String
}

/// Turns the events of one document into values (and optionally nodes),
/// applying yaml.v2's rules: anchors, aliases and their expansion limit,
/// merge keys, resolution of scalars and keys.
struct DocumentBuilder {
    let file: String
    let limits: YAMLLimits
    let buildNodes: Bool
    /// Line and byte offset of the document's first byte within the file.
    var lineOffset = 0
    var byteOffset = 0

    /// An open collection. Only plain data, so that pushing and popping
    /// frames copies bytes and touches no reference counts; what only some
    /// collections need (anchor, tag, nodes) lives in `detail`.
    private struct Frame {
        var isMapping: Bool
        var flow: Bool
        /// A mapping has read a key and waits for its value. Unless the key
        /// is `<<`, its pair is already the last in `pairKeys`/`pairValues`,
        /// with a null value until the value arrives.
        var hasPendingKey = false
        var pendingIsMerge = false
        var pendingKeyIsNull = false
        var pendingMark = ParseMark(line: 0, column: 0, offset: 0)
        var mark: ParseMark
        var cost = 1
        var height = 1
        /// Where this collection's items (or pairs) start on their stack.
        var start: Int
        var detail: FrameDetail?
    }

    /// The rarer parts of an open collection.
    private final class FrameDetail {
        var anchor: String?
        var tag: String?
        var nodes: [YAMLNode] = []
        var entries: [YAMLMappingEntry] = []
        var pendingKeyNode: YAMLNode?

        init(anchor: String?, tag: String?) {
            self.anchor = anchor
            self.tag = tag
        }
    }

    /// The items of the open sequences and the pairs of the open mappings,
    /// each collection's at the end of its stack: a mapping's pairs stay in
    /// order (the last of equal keys wins) until it ends, when its dictionary
    /// is built once, at its final size, and its pairs are moved out. Only
    /// the first `itemCount` (`pairCount`) entries are live; the rest are
    /// empty placeholders, overwritten by the collections that follow, so
    /// that closing a collection neither destroys nor reallocates anything.
    private var items: [Value] = []
    private var itemCount = 0
    private var pairKeys: [String] = []
    private var pairValues: [Value] = []
    private var pairCount = 0
    private var anchors: [String: BuiltNode] = [:]
    private var anchorsInProgress: Set<String> = []
    /// The innermost open collection (valid when `depth > 0`), kept apart
    /// from `parents` so that updating it touches no array.
    private var top = Frame(isMapping: false, flow: false, mark: ParseMark(line: 0, column: 0, offset: 0), start: 0)
    /// The open collections around `top`, outermost first.
    private var parents: [Frame] = []
    /// Number of open collections.
    private var depth = 0
    private var flowDepth = 0
    private var blockDepth = 0
    private var decodeCount = 0
    private var aliasCount = 0
    /// The first JSON-stage problem (a null key, NaN): Helm reports it only
    /// once the whole document has been read without a YAML error.
    private(set) var keyProblem: BuildFailure?
    private(set) var numberProblem: BuildFailure?

    init(file: String, limits: YAMLLimits, buildNodes: Bool) {
        self.file = file
        self.limits = limits
        self.buildNodes = buildNodes
    }

    func position(_ mark: ParseMark) -> SourcePosition {
        SourcePosition(file: file, line: lineOffset + mark.line + 1, column: mark.column + 1,
                       offset: byteOffset + mark.offset)
    }

    private func yamlFailure(_ message: String, at mark: ParseMark) -> BuildFailure {
        BuildFailure(position: position(mark), problem: message,
                     helmMessage: "error converting YAML to JSON: yaml: " + message)
    }

    /// Whether the next node completes a key (the top is a mapping without one).
    private var expectingKey: Bool {
        depth > 0 && top.isMapping && !top.hasPendingKey
    }

    /// Reads one document's events (after its DOCUMENT-START) up to its
    /// DOCUMENT-END and returns its root, or nil for an empty document.
    mutating func readDocument(_ reader: inout LibYAMLEventReader) throws(DocumentReadFailure) -> BuiltNode? {
        anchors = [:]
        anchorsInProgress = []
        parents.removeAll(keepingCapacity: true)
        depth = 0
        items.removeAll(keepingCapacity: true)
        itemCount = 0
        pairKeys.removeAll(keepingCapacity: true)
        pairValues.removeAll(keepingCapacity: true)
        pairCount = 0
        flowDepth = 0
        blockDepth = 0
        var root: BuiltNode?
        while true {
            let event: ParseEventKind
            do throws(LibYAMLFailure) {
                event = try reader.next()
            } catch {
                throw .libyaml(error)
            }
            let mark = reader.mark
            do throws(BuildFailure) {
                switch event {
                case .scalar:
                    let anchor = reader.anchor
                    // Most scalars: straight into their collection.
                    if anchor == nil, depth > 0, !buildNodes, !(top.hasPendingKey && top.pendingIsMerge) {
                        try valueScalar(reader.scalarBytes, tag: reader.tag, style: reader.scalarStyle, at: mark)
                        continue
                    }
                    let built = try scalar(reader.scalarBytes, anchor: anchor, tag: reader.tag,
                                           style: reader.scalarStyle, at: mark,
                                           asKey: anchor != nil || expectingKey)
                    if let anchor { anchors[anchor] = built }
                    if let done = try deliver(built) { root = done }
                case .documentEnd, .streamEnd:
                    return root
                case .streamStart, .documentStart:
                    continue
                case .alias:
                    let name = reader.anchor ?? ""
                    guard var built = anchors[name] else {
                        if anchorsInProgress.contains(name) {
                            throw yamlFailure("anchor '\(name)' value contains itself", at: mark)
                        }
                        throw yamlFailure("unknown anchor '\(name)' referenced", at: mark)
                    }
                    decodeCount += 1 + built.cost
                    aliasCount += built.cost
                    try checkAliasing(at: mark)
                    built.cost += 1
                    built.isAlias = true
                    built.isMergeKey = false
                    built.mark = mark
                    if buildNodes, let targetNode = built.node {
                        built.nodeBox = NodeBox(YAMLNode(kind: .alias(name, target: targetNode), anchor: nil,
                                                         position: position(mark), value: built.value))
                    }
                    if let done = try deliver(built) { root = done }
                case .sequenceStart, .mappingStart:
                    let flow = reader.isFlow
                    if flow { flowDepth += 1 } else { blockDepth += 1 }
                    if flowDepth > limits.maxDepth || blockDepth > limits.maxDepth {
                        throw yamlFailure("exceeded max depth of \(limits.maxDepth)", at: mark)
                    }
                    decodeCount += 1
                    let anchor = reader.anchor
                    if let anchor { anchorsInProgress.insert(anchor) }
                    let isMapping = event == .mappingStart
                    var frame = Frame(isMapping: isMapping, flow: flow, mark: mark,
                                      start: isMapping ? pairCount : itemCount)
                    if anchor != nil || buildNodes {
                        frame.detail = FrameDetail(anchor: anchor, tag: reader.tag)
                    }
                    if depth > 0 { parents.append(top) }
                    top = frame
                    depth += 1
                case .sequenceEnd, .mappingEnd:
                    guard depth > 0 else { continue }
                    if top.flow { flowDepth -= 1 } else { blockDepth -= 1 }
                    let (built, anchor) = finishTop()
                    if let anchor {
                        anchorsInProgress.remove(anchor)
                        anchors[anchor] = built
                    }
                    if let done = try deliver(built) { root = done }
                }
            } catch {
                throw .build(error)
            }
        }
    }

    /// yaml.v2's "excessive aliasing" rule.
    private func checkAliasing(at mark: ParseMark) throws(BuildFailure) {
        if decodeCount > limits.maxExpandedNodes {
            throw yamlFailure("document contains excessive aliasing", at: mark)
        }
        guard limits.checkAliasRatio, aliasCount > 100, decodeCount > 1000 else { return }
        let low = 400_000.0, high = 4_000_000.0
        let count = Double(decodeCount)
        let allowed: Double
        if count <= low {
            allowed = 0.99
        } else if count >= high {
            allowed = 0.10
        } else {
            allowed = 0.99 - 0.89 * ((count - low) / (high - low))
        }
        if Double(aliasCount) / count > allowed {
            throw yamlFailure("document contains excessive aliasing", at: mark)
        }
    }

    /// yaml.v2's reading of a scalar. A String is made only when the result
    /// is text: numbers, booleans and nulls are read from the bytes in place.
    private func resolve(
        _ bytes: UnsafeBufferPointer<UInt8>, tag: String?, style: YAMLScalarStyle, at mark: ParseMark
    ) throws(BuildFailure) -> ResolvedScalar {
        if let tag {
            do throws(ResolveFailure) {
                return try ResolvedScalar.resolve(String(decoding: bytes, as: UTF8.self), tag: tag)
            } catch {
                throw yamlFailure(error.message, at: mark)
            }
        }
        if style != .plain { return .string(String(decoding: bytes, as: UTF8.self)) }
        return ResolvedScalar(ResolvedScalar.classifyPlain(bytes), text: String(decoding: bytes, as: UTF8.self))
    }

    /// The value sigs.k8s.io/yaml makes of a scalar (numbers are float64).
    private static func value(_ resolved: ResolvedScalar) -> Value {
        switch resolved {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .float(Double(i))
        case .uint(let u): return .float(Double(u))
        case .float(let d): return .float(d)
        case .string(let s), .timestamp(let s): return .string(s)
        case .merge: return .string("<<")
        }
    }

    /// yaml.v2's isMerge: a plain untagged `<<`, or one tagged !!merge.
    private static func isMergeKey(_ bytes: UnsafeBufferPointer<UInt8>, tag: String?, style: YAMLScalarStyle) -> Bool {
        bytes.count == 2 && bytes[0] == UInt8(ascii: "<") && bytes[1] == UInt8(ascii: "<")
            && ((style == .plain && tag == nil) || tag == ResolvedScalar.mergeTag)
    }

    /// An unanchored scalar inside a collection, values only: it becomes
    /// the top mapping's pending key or goes straight into its collection.
    private mutating func valueScalar(
        _ bytes: UnsafeBufferPointer<UInt8>, tag: String?, style: YAMLScalarStyle, at mark: ParseMark
    ) throws(BuildFailure) {
        decodeCount += 1
        let resolved = try resolve(bytes, tag: tag, style: style, at: mark)
        top.cost += 1
        if top.isMapping && !top.hasPendingKey {
            beginPair(key: Self.keyString(resolved), isMerge: Self.isMergeKey(bytes, tag: tag, style: style), at: mark)
        } else {
            place(Self.value(resolved), isScalar: true, at: mark)
        }
    }

    /// A scalar as a node to deliver (anchored, the root, or with nodes).
    private mutating func scalar(
        _ bytes: UnsafeBufferPointer<UInt8>, anchor: String?, tag: String?, style: YAMLScalarStyle,
        at mark: ParseMark, asKey: Bool
    ) throws(BuildFailure) -> BuiltNode {
        decodeCount += 1
        let resolved = try resolve(bytes, tag: tag, style: style, at: mark)
        let value = Self.value(resolved)
        var node: NodeBox?
        if buildNodes {
            node = NodeBox(YAMLNode(kind: .scalar(String(decoding: bytes, as: UTF8.self), tag: tag, style: style),
                                    anchor: anchor, position: position(mark), value: value))
        }
        return BuiltNode(shape: .scalar, value: value, key: asKey ? Self.keyString(resolved) : nil,
                         isMergeKey: Self.isMergeKey(bytes, tag: tag, style: style), isAlias: false, cost: 1,
                         height: 0, mark: mark, nodeBox: node)
    }

    /// sigs.k8s.io/yaml's conversion of a key to a string; nil for null.
    static func keyString(_ resolved: ResolvedScalar) -> String? {
        switch resolved {
        case .null: return nil
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .float(let d):
            if d.isNaN { return ".nan" }
            if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
            return GoFloatFormatting.formatG(d, bits32: true)
        case .string(let s), .timestamp(let s): return s
        case .merge: return "<<"
        }
    }

    /// Closes the innermost collection: moves its items or pairs off their
    /// stack into its value and makes its parent the top. Returns the node
    /// and its anchor.
    private mutating func finishTop() -> (node: BuiltNode, anchor: String?) {
        let frame = top
        depth -= 1
        if depth > 0, let parent = parents.popLast() { top = parent }
        let value: Value
        if frame.isMapping {
            let count = pairCount - frame.start
            var map = [String: Value](minimumCapacity: count)
            pairKeys.withUnsafeMutableBufferPointer { keys in
                pairValues.withUnsafeMutableBufferPointer { values in
                    guard let keyBase = keys.baseAddress, let valueBase = values.baseAddress else { return }
                    for index in frame.start..<frame.start + count {
                        // Moved out; the empty string and null left behind cost nothing to remove.
                        let key = (keyBase + index).move()
                        (keyBase + index).initialize(to: "")
                        map[key] = (valueBase + index).move()
                        (valueBase + index).initialize(to: .null)
                    }
                }
            }
            pairCount = frame.start
            value = .map(map)
        } else {
            let count = itemCount - frame.start
            let list = items.withUnsafeMutableBufferPointer { source in
                [Value](unsafeUninitializedCapacity: count) { target, initialized in
                    initialized = 0
                    guard let from = source.baseAddress, let to = target.baseAddress else { return }
                    to.moveInitialize(from: from + frame.start, count: count)
                    (from + frame.start).initialize(repeating: .null, count: count)
                    initialized = count
                }
            }
            itemCount = frame.start
            value = .list(list)
        }
        var node: NodeBox?
        if buildNodes, let detail = frame.detail {
            let kind: YAMLNode.Kind = frame.isMapping
                ? .mapping(detail.entries, tag: detail.tag, flow: frame.flow)
                : .sequence(detail.nodes, tag: detail.tag, flow: frame.flow)
            node = NodeBox(YAMLNode(kind: kind, anchor: detail.anchor, position: position(frame.mark), value: value))
        }
        let built = BuiltNode(shape: frame.isMapping ? .mapping : .sequence, value: value, key: nil,
                              isMergeKey: false, isAlias: false, cost: frame.cost, height: frame.height,
                              mark: frame.mark, nodeBox: node)
        return (built, frame.detail?.anchor)
    }

    /// Hands a finished node to its parent; returns it when it is the root.
    private mutating func deliver(_ built: BuiltNode) throws(BuildFailure) -> BuiltNode? {
        guard depth > 0 else {
            noteNumberProblem(built.value, isScalar: built.shape == .scalar, at: built.mark)
            return built
        }
        top.cost += built.cost
        if built.height + 1 > top.height { top.height = built.height + 1 }
        if !top.isMapping {
            if buildNodes, let node = built.node { top.detail?.nodes.append(node) }
            place(built.value, isScalar: built.shape == .scalar, at: built.mark)
            return nil
        }
        guard top.hasPendingKey else {
            if built.shape != .scalar {
                throw yamlFailure("invalid map key: \(GoSyntax.describe(built.value))", at: built.mark)
            }
            beginPair(key: built.key, isMerge: built.isMergeKey, at: built.mark)
            if buildNodes { top.detail?.pendingKeyNode = built.node }
            return nil
        }
        if buildNodes, let detail = top.detail {
            if let keyNode = detail.pendingKeyNode, let valueNode = built.node {
                detail.entries.append(YAMLMappingEntry(key: keyNode, value: valueNode))
            }
            detail.pendingKeyNode = nil
        }
        if top.pendingIsMerge {
            top.hasPendingKey = false
            try merge(built)
            return nil
        }
        place(built.value, isScalar: built.shape == .scalar, at: built.mark)
        return nil
    }

    /// A key read in the top mapping: its pair goes on the stack (a merge
    /// key's pairs come with its value).
    private mutating func beginPair(key: String?, isMerge: Bool, at mark: ParseMark) {
        top.hasPendingKey = true
        top.pendingIsMerge = isMerge
        top.pendingKeyIsNull = key == nil
        top.pendingMark = mark
        if !isMerge { pushPair(key ?? "null", .null) }
    }

    /// A value for the top collection: the next item of a sequence, or the
    /// value of the mapping's pending (non-merge) key.
    private mutating func place(_ value: Value, isScalar: Bool, at mark: ParseMark) {
        if isScalar { noteNumberProblem(value, isScalar: true, at: mark) }
        guard top.isMapping else {
            if itemCount < items.count { items[itemCount] = value } else { items.append(value) }
            itemCount += 1
            return
        }
        top.hasPendingKey = false
        if top.pendingKeyIsNull && keyProblem == nil {
            keyProblem = BuildFailure(
                position: position(top.pendingMark),
                problem: "a map key may not be null",
                helmMessage: "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: \(GoSyntax.describe(value))")
        }
        pairValues[pairCount - 1] = value
    }

    /// Puts a pair on the pairs stack.
    private mutating func pushPair(_ key: String, _ value: Value) {
        if pairCount < pairKeys.count {
            pairKeys[pairCount] = key
            pairValues[pairCount] = value
        } else {
            pairKeys.append(key)
            pairValues.append(value)
        }
        pairCount += 1
    }

    /// `<<: value`: a mapping, an alias of one, or a sequence of those
    /// (earlier ones win). yaml.v2 applies it in place, so later keys
    /// override merged ones and merged ones override earlier keys. The top
    /// mapping's pairs are the last ones on the stack.
    private mutating func merge(_ built: BuiltNode) throws(BuildFailure) {
        switch (built.shape, built.value) {
        case (.mapping, .map(let m)):
            for (k, v) in m { pushPair(k, v) }
        case (.sequence, .list(let items)) where !built.isAlias:
            for item in items.reversed() {
                guard case .map(let m) = item else {
                    throw yamlFailure("map merge requires map or sequence of maps as the value", at: built.mark)
                }
                for (k, v) in m { pushPair(k, v) }
            }
        default:
            throw yamlFailure("map merge requires map or sequence of maps as the value", at: built.mark)
        }
    }

    private mutating func noteNumberProblem(_ value: Value, isScalar: Bool, at mark: ParseMark) {
        guard numberProblem == nil, isScalar, case .float(let d) = value, !d.isFinite else { return }
        let text = d.isNaN ? "NaN" : (d < 0 ? "-Inf" : "+Inf")
        numberProblem = BuildFailure(
            position: position(mark),
            problem: "\(text) is not allowed in a values document (JSON has no such number)",
            helmMessage: "error converting YAML to JSON: json: unsupported value: \(text)")
    }
}

enum DocumentReadFailure: Error {
    case libyaml(LibYAMLFailure)
    case build(BuildFailure)
}
