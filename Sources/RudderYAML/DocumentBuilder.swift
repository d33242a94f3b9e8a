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

    /// A key waiting for its value.
    private struct PendingKey {
        var key: String?
        var isMerge: Bool
        var mark: ParseMark
        var node: NodeBox?
    }

    /// An open collection.
    private struct Frame {
        var isMapping: Bool
        var flow: Bool
        var anchor: String?
        var tag: String?
        var mark: ParseMark
        var cost = 1
        var height = 1
        /// Where this collection's items (or key-value pairs) start in the
        /// shared `items` (or `pairs`) stack.
        var start: Int
        var nodes: [YAMLNode] = []
        var entries: [YAMLMappingEntry] = []
        var pendingKey: PendingKey?
        /// Whether `pendingKey` is set (cheaper to test than the optional).
        var hasPendingKey = false
    }

    /// The items of the open sequences and the pairs of the open mappings,
    /// each collection's at the end of its stack: a mapping's entries stay in
    /// order (the last of equal keys wins) until it ends, when its dictionary
    /// is built once, at its final size, and its pairs are dropped; the
    /// stacks keep their capacity for the collections that follow.
    private var items: [Value] = []
    private var pairs: [(String, Value)] = []
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
        pairs.removeAll(keepingCapacity: true)
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
                    let frame = Frame(isMapping: isMapping, flow: flow, anchor: anchor, tag: reader.tag, mark: mark,
                                      start: isMapping ? pairs.count : items.count)
                    if depth > 0 { parents.append(top) }
                    top = frame
                    depth += 1
                case .sequenceEnd, .mappingEnd:
                    guard depth > 0 else { continue }
                    if top.flow { flowDepth -= 1 } else { blockDepth -= 1 }
                    let built = finishTop()
                    if let anchor = built.anchor {
                        anchorsInProgress.remove(anchor)
                        anchors[anchor] = built.node
                    }
                    if let done = try deliver(built.node) { root = done }
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

    /// A scalar read from libyaml's bytes. A String is made only when the
    /// value or key is text (or nodes are wanted): numbers, booleans and
    /// nulls are resolved from the bytes in place.
    private mutating func scalar(
        _ bytes: UnsafeBufferPointer<UInt8>, anchor: String?, tag: String?, style: YAMLScalarStyle,
        at mark: ParseMark, asKey: Bool
    ) throws(BuildFailure) -> BuiltNode {
        decodeCount += 1
        let resolved: ResolvedScalar
        if let tag {
            do throws(ResolveFailure) {
                resolved = try ResolvedScalar.resolve(String(decoding: bytes, as: UTF8.self), tag: tag)
            } catch {
                throw yamlFailure(error.message, at: mark)
            }
        } else if style != .plain {
            resolved = .string(String(decoding: bytes, as: UTF8.self))
        } else {
            resolved = ResolvedScalar(ResolvedScalar.classifyPlain(bytes), text: String(decoding: bytes, as: UTF8.self))
        }
        let value: Value
        switch resolved {
        case .null: value = .null
        case .bool(let b): value = .bool(b)
        case .int(let i): value = .float(Double(i))
        case .uint(let u): value = .float(Double(u))
        case .float(let d): value = .float(d)
        case .string(let s), .timestamp(let s): value = .string(s)
        case .merge: value = .string("<<")
        }
        // yaml.v2's isMerge: a plain untagged `<<`, or one tagged !!merge.
        let isMerge = bytes.count == 2 && bytes[0] == UInt8(ascii: "<") && bytes[1] == UInt8(ascii: "<")
            && ((style == .plain && tag == nil) || tag == ResolvedScalar.mergeTag)
        var node: NodeBox?
        if buildNodes {
            node = NodeBox(YAMLNode(kind: .scalar(String(decoding: bytes, as: UTF8.self), tag: tag, style: style),
                                    anchor: anchor, position: position(mark), value: value))
        }
        return BuiltNode(shape: .scalar, value: value, key: asKey ? Self.keyString(resolved) : nil,
                         isMergeKey: isMerge, isAlias: false, cost: 1, height: 0, mark: mark, nodeBox: node)
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

    /// Closes the innermost collection: builds its value from its items or
    /// pairs and makes its parent the top. Returns the node and its anchor.
    private mutating func finishTop() -> (node: BuiltNode, anchor: String?) {
        let frame = top
        depth -= 1
        if depth > 0, let parent = parents.popLast() { top = parent }
        let value: Value
        if frame.isMapping {
            let end = pairs.count
            var map = [String: Value](minimumCapacity: end - frame.start)
            for index in frame.start..<end {
                let (key, item) = pairs[index]
                map[key] = item
            }
            pairs.removeLast(end - frame.start)
            value = .map(map)
        } else {
            value = .list(Array(items[frame.start...]))
            items.removeLast(items.count - frame.start)
        }
        var node: NodeBox?
        if buildNodes {
            let kind: YAMLNode.Kind = frame.isMapping
                ? .mapping(frame.entries, tag: frame.tag, flow: frame.flow)
                : .sequence(frame.nodes, tag: frame.tag, flow: frame.flow)
            node = NodeBox(YAMLNode(kind: kind, anchor: frame.anchor, position: position(frame.mark), value: value))
        }
        let built = BuiltNode(shape: frame.isMapping ? .mapping : .sequence, value: value, key: nil,
                              isMergeKey: false, isAlias: false, cost: frame.cost, height: frame.height,
                              mark: frame.mark, nodeBox: node)
        return (built, frame.anchor)
    }

    /// Hands a finished node to its parent; returns it when it is the root.
    private mutating func deliver(_ built: BuiltNode) throws(BuildFailure) -> BuiltNode? {
        guard depth > 0 else {
            noteNumberProblem(built)
            return built
        }
        top.cost += built.cost
        if built.height + 1 > top.height { top.height = built.height + 1 }
        if !top.isMapping {
            noteNumberProblem(built)
            items.append(built.value)
            if buildNodes, let node = built.node { top.nodes.append(node) }
            return nil
        }
        guard top.hasPendingKey, let key = top.pendingKey else {
            if built.shape != .scalar {
                throw yamlFailure("invalid map key: \(GoSyntax.describe(built.value))", at: built.mark)
            }
            top.pendingKey = PendingKey(key: built.key, isMerge: built.isMergeKey, mark: built.mark,
                                        node: built.nodeBox)
            top.hasPendingKey = true
            return nil
        }
        top.pendingKey = nil
        top.hasPendingKey = false
        if buildNodes, let keyNode = key.node?.node, let valueNode = built.node {
            top.entries.append(YAMLMappingEntry(key: keyNode, value: valueNode))
        }
        if key.isMerge {
            try merge(built)
            return nil
        }
        noteNumberProblem(built)
        if key.key == nil && keyProblem == nil {
            keyProblem = BuildFailure(
                position: position(key.mark),
                problem: "a map key may not be null",
                helmMessage: "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: \(GoSyntax.describe(built.value))")
        }
        pairs.append((key.key ?? "null", built.value))
        return nil
    }

    /// `<<: value`: a mapping, an alias of one, or a sequence of those
    /// (earlier ones win). yaml.v2 applies it in place, so later keys
    /// override merged ones and merged ones override earlier keys. The top
    /// mapping's pairs are the last ones on the stack.
    private mutating func merge(_ built: BuiltNode) throws(BuildFailure) {
        let failure = yamlFailure("map merge requires map or sequence of maps as the value", at: built.mark)
        switch (built.shape, built.value) {
        case (.mapping, .map(let m)):
            for (k, v) in m { pairs.append((k, v)) }
        case (.sequence, .list(let items)) where !built.isAlias:
            for item in items.reversed() {
                guard case .map(let m) = item else { throw failure }
                for (k, v) in m { pairs.append((k, v)) }
            }
        default:
            throw failure
        }
    }

    private mutating func noteNumberProblem(_ built: BuiltNode) {
        guard numberProblem == nil, built.shape == .scalar, case .float(let d) = built.value, !d.isFinite else { return }
        let text = d.isNaN ? "NaN" : (d < 0 ? "-Inf" : "+Inf")
        numberProblem = BuildFailure(
            position: position(built.mark),
            problem: "\(text) is not allowed in a values document (JSON has no such number)",
            helmMessage: "error converting YAML to JSON: json: unsupported value: \(text)")
    }
}

enum DocumentReadFailure: Error {
    case libyaml(LibYAMLFailure)
    case build(BuildFailure)
}

/// Go's `%#v` for the few values yaml.v2 puts in its error messages.
enum GoSyntax {
    static func describe(_ value: Value) -> String {
        switch value {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .int64(let i): return String(i)
        case .float(let d): return GoFloatFormatting.formatG(d)
        case .string(let s): return GoQuote.quote(s)
        case .bytes(let b): return "[]byte{" + b.map { String($0) }.joined(separator: ", ") + "}"
        case .list(let items): return "[]interface {}{" + items.map(describe).joined(separator: ", ") + "}"
        case .map(let m):
            let parts = m.keys.sorted().map { "\(GoQuote.quote($0)):\(describe(m[$0] ?? .null))" }
            return "map[interface {}]interface {}{" + parts.joined(separator: ", ") + "}"
        case .object(let o): return o.printed
        }
    }
}

/// Go's `strconv.Quote`.
enum GoQuote {
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{0B}": out += "\\v"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                            || scalar.properties.generalCategory == .unassigned {
                    out += scalar.value > 0xFFFF ? "\\U" + hex(scalar.value, width: 8) : "\\u" + hex(scalar.value, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        var s = String(v, radix: 16)
        while s.count < width { s = "0" + s }
        return s
    }
}
