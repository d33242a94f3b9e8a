import Glibc

/// The block structure of a document, as libyaml's scanner and parser see
/// it, for the subset `YAMLHeadScanner` accepts. The cursor `i` moves over
/// the bytes; after each node the scanner stands at the first content byte
/// of the next line that holds a token, whose column is `column` (-1 at the
/// end). Columns are byte counts: only spaces and `- ` come before a token
/// whose column matters.
struct HeadScanner {
    /// The document is outside the subset, or may be invalid: read it fully.
    struct Unsure: Error {}

    /// What a value means for the head.
    enum Slot { case other, apiVersion, kind, metadata, name, annotations, annotation }

    /// What a mapping holds, for the head.
    enum Role { case other, top, metadata, annotations }

    /// How a value was written, as far as the head needs to know.
    enum Found { case null, text, otherScalar, blockScalar, emptyMap, otherFlow, collection }

    static let maxDepth = 64

    /// The head fields of the top mapping and of `metadata`, in `Slot` order.
    static let topFields: [StaticString] = ["apiVersion", "kind", "metadata"]
    static let metadataFields: [StaticString] = ["name", "annotations"]

    let base: UnsafePointer<UInt8>
    let count: Int
    var i = 0
    var column = -1
    var head = YAMLDocumentHead()
    /// The text of the last scalar read for a head slot (`Found.text`).
    var text = ""
    var seenKind = false, seenMetadata = false, seenName = false, seenAnnotations = false
    var annotationKeys: Set<String> = []
    /// The annotation whose value is being read.
    var pendingAnnotation = ""

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    /// The byte at `k`, or 0 past the end (NUL never passes the character check).
    @inline(__always) func at(_ k: Int) -> UInt8 { k < count ? base[k] : 0 }

    /// Whether `k` ends a line (a line feed or the end).
    @inline(__always) func endsLine(_ k: Int) -> Bool { k >= count || base[k] == 0x0A }

    /// Whether a `-` at `k` is a block entry indicator (followed by a space or the line's end).
    func isDash(_ k: Int) -> Bool {
        at(k) == UInt8(ascii: "-") && (at(k + 1) == 0x20 || endsLine(k + 1))
    }

    mutating func document() throws(Unsure) -> YAMLDocumentHead {
        try nextContent()
        if column < 0 { return head }
        if isDash(i) { throw Unsure() }
        try blockMapping(column: column, role: .top, depth: 1)
        if column >= 0 { throw Unsure() }
        return head
    }

    // MARK: - Lines

    /// From the start of a line: skips blank and comment lines and the next
    /// line's indentation; sets `column` (-1 at the end).
    mutating func nextContent() throws(Unsure) {
        while true {
            let k = spaceRunEnd(from: i)
            if k >= count {
                i = k
                column = -1
                return
            }
            switch base[k] {
            case 0x0A:
                i = k + 1
            case UInt8(ascii: "#"):
                i = lineEnd(from: k)
                if i < count { i += 1 }
            case 0x09:
                throw Unsure()
            default:
                column = k - i
                i = k
                return
            }
        }
    }

    /// The index of the line feed that ends the line holding `k`, or `count`.
    func lineEnd(from k: Int) -> Int {
        guard k < count, let found = memchr(base + k, 0x0A, count - k) else { return count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// After a token: spaces, an optional comment (after a space), the end of
    /// the line; then moves to the next content line.
    mutating func finishLine() throws(Unsure) {
        let start = i
        while at(i) == 0x20 { i += 1 }
        if at(i) == UInt8(ascii: "#") {
            if i == start { throw Unsure() }
            i = lineEnd(from: i)
        }
        guard endsLine(i) else { throw Unsure() }
        if i < count { i += 1 }
        try nextContent()
    }

    // MARK: - Collections

    /// A block node that starts on its own line at `column`: a sequence or a mapping.
    mutating func nestedNode(role: Role, depth: Int) throws(Unsure) {
        if isDash(i) {
            // A list where Helm wants a map is an error: the full reader words it.
            if role == .metadata || role == .annotations { throw Unsure() }
            try blockSequence(column: column, indentless: false, depth: depth + 1)
        } else {
            try blockMapping(column: column, role: role, depth: depth + 1)
        }
    }

    /// A block mapping whose keys stand at column `n`; the cursor is at its first key.
    /// `first` is its first key when the caller has read it already.
    mutating func blockMapping(column n: Int, role: Role, depth: Int, first: ScannedKey? = nil) throws(Unsure) {
        if depth > Self.maxDepth { throw Unsure() }
        var first = first
        while true {
            var read = first
            if read == nil { read = try key() }
            first = nil
            guard let key = read else { throw Unsure() }
            // Most mappings hold nothing of the head: no slot to look up or fill.
            let slot = role == .other ? .other : try slot(of: key, in: role)
            let found = try mappingValue(keyColumn: n, slot: slot, depth: depth)
            if slot != .other { try record(found, in: slot) }
            if column == n { continue }
            if column < n { return }
            throw Unsure()
        }
    }

    /// A block sequence whose `-` stand at column `c`; the cursor is at the first `-`.
    /// An indentless sequence (a mapping's value at the mapping's column)
    /// ends at a line of its column without `-`.
    mutating func blockSequence(column c: Int, indentless: Bool, depth: Int) throws(Unsure) {
        if depth > Self.maxDepth { throw Unsure() }
        while true {
            i += 1
            let afterDash = i
            while at(i) == 0x20 { i += 1 }
            if endsLine(i) || at(i) == UInt8(ascii: "#") {
                if at(i) == UInt8(ascii: "#") && i == afterDash { throw Unsure() }
                try finishLine()
                if column > c { try nestedNode(role: .other, depth: depth) }
            } else if isDash(i) {
                throw Unsure()
            } else if let key = try key() {
                // A compact mapping, `- key: value`, whose keys stand where this one does.
                try blockMapping(column: c + 1 + (key.start - afterDash), role: .other, depth: depth + 1, first: key)
            } else {
                _ = try inlineNode(parentIndent: c, slot: .other, depth: depth)
            }
            if column == c {
                if isDash(i) { continue }
                if indentless { return }
                throw Unsure()
            }
            if column < c { return }
            throw Unsure()
        }
    }

    /// The value after a mapping key's `:` (the cursor just after it).
    mutating func mappingValue(keyColumn n: Int, slot: Slot, depth: Int) throws(Unsure) -> Found {
        while at(i) == 0x20 { i += 1 }
        if endsLine(i) || at(i) == UInt8(ascii: "#") {
            try finishLine()
            if column > n {
                switch slot {
                case .apiVersion, .kind, .annotation: throw Unsure()
                case .metadata: try nestedNode(role: .metadata, depth: depth)
                case .annotations: try nestedNode(role: .annotations, depth: depth)
                case .other, .name: try nestedNode(role: .other, depth: depth)
                }
                return .collection
            }
            if column == n && isDash(i) {
                if slot != .other { throw Unsure() }
                try blockSequence(column: n, indentless: true, depth: depth + 1)
                return .collection
            }
            return .null
        }
        return try inlineNode(parentIndent: n, slot: slot, depth: depth)
    }

    /// A node that starts on the current line after an indicator: a scalar,
    /// a block scalar or a flow collection. `parentIndent` is the column of
    /// the collection it belongs to (libyaml's indent): the next line with a
    /// token may not stand further right (that would continue the scalar).
    mutating func inlineNode(parentIndent p: Int, slot: Slot, depth: Int) throws(Unsure) -> Found {
        let found: Found
        switch at(i) {
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            try blockScalar(parentIndent: p)
            if column > p { throw Unsure() }
            return .blockScalar
        case UInt8(ascii: "\""):
            let quoted = try doubleQuoted()
            if slot != .other { text = decodeDoubleQuoted(quoted) }
            found = .text
        case UInt8(ascii: "'"):
            let quoted = try singleQuoted()
            if slot != .other { text = decodeSingleQuoted(quoted) }
            found = .text
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let shape = try flow(depth: depth + 1)
            found = shape.isMap && shape.isEmpty ? .emptyMap : .otherFlow
        default:
            guard isPlainStart(i) else { throw Unsure() }
            let range = try plainValue()
            found = try resolvePlain(range, wantText: slot != .other)
        }
        try finishLine()
        if column > p { throw Unsure() }
        return found
    }

    // MARK: - The head

    /// What a key's value means for the head, in a mapping of `role`.
    mutating func slot(of key: ScannedKey, in role: Role) throws(Unsure) -> Slot {
        switch role {
        case .other:
            return .other
        case .top:
            // Helm matches head fields as Go's JSON decoder does, ignoring case:
            // `Kind:` is `kind`. Only exact, ASCII spellings are answered here.
            switch try key.field(among: Self.topFields, in: self) {
            case 0:
                return .apiVersion
            case 1:
                if seenKind { throw Unsure() }
                seenKind = true
                return .kind
            case 2:
                if seenMetadata { throw Unsure() }
                seenMetadata = true
                return .metadata
            default:
                return .other
            }
        case .metadata:
            switch try key.field(among: Self.metadataFields, in: self) {
            case 0:
                if seenName { throw Unsure() }
                seenName = true
                return .name
            case 1:
                if seenAnnotations { throw Unsure() }
                seenAnnotations = true
                return .annotations
            default:
                return .other
            }
        case .annotations:
            guard key.isString(in: self) else { throw Unsure() }
            let name = key.string(in: self)
            guard annotationKeys.insert(name).inserted else { throw Unsure() }
            text = ""
            pendingAnnotation = name
            return .annotation
        }
    }

    /// Keeps a head field's value, or gives up when the full reader would
    /// fail on it (`kind: 5`) or when this reader cannot say what it is.
    mutating func record(_ found: Found, in slot: Slot) throws(Unsure) {
        switch slot {
        case .other:
            return
        case .apiVersion:
            // Any scalar is fine (Helm turns it into text); a collection is Helm's error.
            switch found {
            case .null, .text, .otherScalar: return
            default: throw Unsure()
            }
        case .kind:
            switch found {
            case .text: head.kind = text
            case .null: head.kind = ""
            default: throw Unsure()
            }
        case .name:
            switch found {
            case .text: head.name = text
            case .null: head.name = ""
            default: throw Unsure()
            }
        case .annotation:
            switch found {
            case .text: head.annotations[pendingAnnotation] = text
            default: throw Unsure()
            }
        case .metadata, .annotations:
            // Only a map (or nothing) is answered; anything else is Helm's error.
            switch found {
            case .null, .emptyMap, .collection: return
            default: throw Unsure()
            }
        }
    }
}
