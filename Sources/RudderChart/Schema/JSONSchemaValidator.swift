import RudderCore
import RudderRegex

/// An offline JSON Schema validator for drafts 4, 6, 7, 2019-09 and 2020-12,
/// reporting failures as santhosh-tekuri/jsonschema v6 does (the validator
/// Helm 4.1.4 uses for `values.schema.json`), so Helm's messages come out.
///
/// `$ref` resolves within the schema itself and, through `resolveFile`, only
/// to files the caller allows (a chart's own files): no network, no file
/// outside. Reference cycles are reported, never followed forever.
public struct JSONSchemaValidator: Sendable {
    public enum Draft: Int, Sendable, Comparable {
        case draft4 = 4, draft6 = 6, draft7 = 7, draft2019 = 2019, draft2020 = 2020
        public static func < (lhs: Draft, rhs: Draft) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The draft a `$schema` URI names, or nil when unknown.
        static func named(_ uri: String) -> Draft? {
            var text = uri
            if text.hasSuffix("#") { text.removeLast() }
            if text.hasPrefix("https://") { text = "http://" + text.dropFirst("https://".count) }
            switch text {
            case "http://json-schema.org/draft-04/schema", "http://json-schema.org/schema": return .draft4
            case "http://json-schema.org/draft-06/schema": return .draft6
            case "http://json-schema.org/draft-07/schema": return .draft7
            case "http://json-schema.org/draft/2019-09/schema": return .draft2019
            case "http://json-schema.org/draft/2020-12/schema": return .draft2020
            default: return nil
            }
        }
    }

    /// A schema problem found while loading (a missing or unreadable `$ref` target).
    public struct LoadError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// A schema resource: a document or a subschema with its own `$id`.
    struct Resource: Sendable {
        var uri: String
        var document: Value
        var pointer: [String]
        var draft: Draft
    }

    var resources: [String: Resource] = [:]
    /// `uri#anchor` → (resource URI, pointer).
    var anchors: [String: (String, [String])] = [:]
    var regexes: [String: GoRegex] = [:]
    /// Where each embedded resource sits in its document (to settle a URI claimed twice).
    var resourcePointers: [String: [String]] = [:]
    /// Each loaded document's references (found while indexing it).
    var documentReferences: [String: [String]] = [:]
    let rootURI: String
    let checksMetaschema: Bool
    /// The compiled schema: every subschema validation can reach, as nodes.
    private(set) var nodes: [SchemaNode] = []
    private(set) var rootNode: Int?
    /// Whether validation tracks evaluated properties and items (some node has `unevaluated*`).
    private(set) var tracksEvaluation = false

    /// The most nested schema applications followed for one value (a guard behind cycle detection).
    static let maxDepth = 512

    /// Loads `schema` (with URI `uri`) and every document it references.
    /// `resolveFile` maps an absolute `file://` URI's path (`/other.json`) to
    /// its bytes, or nil when it is not available.
    /// `checkMetaschema: false` skips checking the documents against their
    /// draft's metaschema: only for schemas Rudder ships and tests itself.
    public init(
        schema: Value, uri: String = "file:///values.schema.json", checkMetaschema: Bool = true,
        resolveFile: (String) -> [UInt8]? = { _ in nil }
    ) throws(LoadError) {
        rootURI = uri
        checksMetaschema = checkMetaschema
        try add(document: schema, uri: uri, defaultDraft: .draft2020)
        var pending = [uri]
        var loaded: Set<String> = [uri]
        var referencesByResource: [String: [String]] = [:]
        while let next = pending.popLast() {
            guard let resource = resources[next] else { continue }
            let references = documentReferences[next] ?? Self.references(in: resource.document, base: next)
            referencesByResource[next] = references
            for reference in references {
                let target = Self.stripFragment(reference)
                if loaded.contains(target) || resources[target] != nil { continue }
                loaded.insert(target)
                guard target.hasPrefix("file://") else {
                    throw LoadError(message: "failing loading \(goQuote(target)): network access is disabled")
                }
                let path = String(target.dropFirst("file://".count))
                guard let data = resolveFile(path) else {
                    throw LoadError(message: "failing loading \(goQuote(target)): open \(path): no such file or directory")
                }
                var reader = JSONPrefixReader(scalars: Array(String(decoding: data, as: UTF8.self).unicodeScalars), position: 0)
                guard let document = reader.readValue() else {
                    throw LoadError(message: "failing loading \(goQuote(target)): invalid JSON")
                }
                try add(document: document, uri: target, defaultDraft: resources[next]?.draft ?? .draft2020)
                pending.append(target)
            }
        }
        // Every reference must point at something (jsonschema fails at compile time).
        // An embedded resource's references were found, with their bases, in its document's walk.
        for uri in referencesByResource.keys.sorted() {
            for reference in referencesByResource[uri] ?? [] where lookup(reference) == nil {
                if let hash = reference.firstIndex(of: "#"), reference[reference.index(after: hash)...].hasPrefix("/") {
                    throw LoadError(message: "json-pointer in \(goQuote(reference)) not found")
                }
                throw LoadError(message: "anchor in \(goQuote(reference)) not found in schema \(goQuote(Self.stripFragment(reference)))")
            }
        }
        var compiler = SchemaCompiler(validator: self)
        rootNode = compiler.compileRoot()
        nodes = compiler.nodes
        tracksEvaluation = compiler.tracksEvaluation
    }

    /// Validates `value`; nil when it conforms.
    public func validate(_ value: Value) -> SchemaViolation? {
        validate(value, skipping: nil)
    }

    /// Validates `value`, skipping the subtrees `known` holds (the same
    /// result as without them: see `KnownValidSubtrees`).
    func validate(_ value: Value, skipping known: KnownValidSubtrees?) -> SchemaViolation? {
        guard let rootNode else { return nil }
        var run = ValidationRun(nodes: nodes, tracking: tracksEvaluation, known: known)
        let outcome = run.validate(rootNode, value, valueID: 0)
        guard let error = outcome.error else { return nil }
        // The top level lists a group's causes, or the one failure.
        if case .group = error.kind {
            return SchemaViolation(instanceLocation: [], kind: .group, message: "validation failed", causes: error.causes)
        }
        return SchemaViolation(instanceLocation: [], kind: .group, message: "validation failed", causes: [error])
    }

    // MARK: - Loading

    mutating func add(document: Value, uri: String, defaultDraft: Draft) throws(LoadError) {
        var draft = defaultDraft
        if case .map(let map) = document, case .string(let name)? = map["$schema"], let named = Draft.named(name) {
            draft = named
        }
        if checksMetaschema, let problem = MetaschemaCheck.problem(in: document, uri: uri, draft: draft, regexes: &regexes) {
            throw LoadError(message: problem)
        }
        resources[uri] = Resource(uri: uri, document: document, pointer: [], draft: draft)
        var found: [String] = []
        var pointer: [String] = []
        try index(document, pointer: &pointer, base: uri, draft: draft, resourceURI: uri, referenceBase: uri, found: &found)
        documentReferences[uri] = found
    }

    /// Records embedded resources (`$id`), anchors and patterns, and appends
    /// the document's references (as `references(in:base:)` finds them, with
    /// their bases in `referenceBase`) to `found`.
    ///
    /// One pass over each map's pairs classifies its keys (no key hashed, no
    /// array allocated): subschemas are visited in the map's own order. Two
    /// subschemas claiming the same `$id` or anchor (which jsonschema rejects)
    /// resolve by their pointers, so the outcome never depends on that order.
    mutating func index(
        _ value: Value, pointer: inout [String], base: String, draft: Draft, resourceURI: String,
        referenceBase: String, found: inout [String]
    ) throws(LoadError) {
        switch value {
        case .map(let map):
            var schemaName: String?
            var identifier: Value?
            var legacyIdentifier: Value?
            var anchor: String?
            var dynamicAnchor: String?
            var pattern: String?
            var patternProperties: [String: Value]?
            var reference: String?
            var dynamicReference: String?
            var recursiveReference: String?
            var requiredChild: Value?
            var hasChildren = false
            for (key, child) in map {
                switch SchemaKeyword.named(key) {
                case .schema?:
                    if case .string(let name) = child { schemaName = name }
                case .identifier?:
                    identifier = child
                case .legacyIdentifier?:
                    legacyIdentifier = child
                case .anchor?:
                    if case .string(let name) = child { anchor = name }
                case .dynamicAnchor?:
                    if case .string(let name) = child { dynamicAnchor = name }
                case .pattern?:
                    if case .string(let text) = child { pattern = text }
                case .reference?:
                    if case .string(let text) = child { reference = text }
                case .dynamicReference?:
                    if case .string(let text) = child { dynamicReference = text }
                case .recursiveReference?:
                    if case .string(let text) = child { recursiveReference = text }
                case .patternProperties?:
                    if case .map(let patterns) = child { patternProperties = patterns }
                case .required?:
                    // Data, not schemas, but the reference walk looks inside.
                    if child.isCollection { requiredChild = child }
                    continue
                case .enumeration?, .const?, .examples?, .defaultValue?:
                    continue // data, not schemas
                default:
                    break
                }
                if child.isCollection { hasChildren = true }
            }
            var base = base
            var resourceURI = resourceURI
            var draft = draft
            var resourcePointer: [String]?
            if let schemaName, let named = Draft.named(schemaName) { draft = named }
            if case .string(let id)? = draft == .draft4 ? legacyIdentifier : identifier, !id.isEmpty {
                if id.hasPrefix("#") && draft < .draft2019 {
                    addAnchor(Self.stripFragment(base) + id, resourceURI: resourceURI, pointer: pointer)
                } else {
                    let resolved = Self.stripFragment(Self.resolve(id, against: base))
                    addResource(resolved, document: value, draft: draft, at: pointer)
                    resourceURI = resolved
                    resourcePointer = pointer
                    base = resolved
                }
            }
            // Inside an embedded resource, pointers start again from it.
            var inner: [String] = []
            if let anchor {
                addAnchor(Self.stripFragment(base) + "#" + anchor, resourceURI: resourceURI, pointer: resourcePointer == nil ? pointer : inner)
            }
            if let dynamicAnchor {
                addAnchor(Self.stripFragment(base) + "#" + dynamicAnchor, resourceURI: resourceURI, pointer: resourcePointer == nil ? pointer : inner)
            }
            if let pattern { try compile(pattern) }
            if let patternProperties {
                for key in patternProperties.keys { try compile(key) }
            }
            // `references(in:base:)`'s rule: any `$id`, else `id`, not starting with `#`.
            var referenceBase = referenceBase
            if case .string(let id)? = identifier ?? legacyIdentifier, !id.hasPrefix("#") {
                referenceBase = Self.resolve(id, against: referenceBase)
            }
            for text in [reference, dynamicReference, recursiveReference] {
                if let text { found.append(Self.resolve(text, against: referenceBase)) }
            }
            if let requiredChild { found += Self.references(in: requiredChild, base: referenceBase) }
            guard hasChildren else { return }
            for (key, child) in map where child.isCollection {
                switch SchemaKeyword.named(key) {
                case .required?, .enumeration?, .const?, .examples?, .defaultValue?:
                    continue
                default:
                    if resourcePointer == nil {
                        pointer.append(key)
                        try index(child, pointer: &pointer, base: base, draft: draft, resourceURI: resourceURI,
                                  referenceBase: referenceBase, found: &found)
                        pointer.removeLast()
                    } else {
                        inner.append(key)
                        try index(child, pointer: &inner, base: base, draft: draft, resourceURI: resourceURI,
                                  referenceBase: referenceBase, found: &found)
                        inner.removeLast()
                    }
                }
            }
        case .list(let items):
            for (offset, item) in items.enumerated() where item.isCollection {
                pointer.append(String(offset))
                try index(item, pointer: &pointer, base: base, draft: draft, resourceURI: resourceURI,
                          referenceBase: referenceBase, found: &found)
                pointer.removeLast()
            }
        default:
            break
        }
    }

    /// Whether `lhs` comes before `rhs` in a walk that visits keys in sorted order.
    static func precedes(_ lhs: [String], _ rhs: [String]) -> Bool {
        for (a, b) in zip(lhs, rhs) where a != b {
            if let x = Int(a), let y = Int(b) { return x < y }
            return a < b
        }
        return lhs.count < rhs.count
    }

    /// An embedded resource: the first in walk order keeps a URI claimed twice.
    mutating func addResource(_ uri: String, document: Value, draft: Draft, at pointer: [String]) {
        if let known = resourcePointers[uri] {
            guard Self.precedes(pointer, known) else { return }
        } else if resources[uri] != nil {
            return
        }
        resources[uri] = Resource(uri: uri, document: document, pointer: [], draft: draft)
        resourcePointers[uri] = pointer
    }

    /// An anchor: the last in walk order keeps a name claimed twice.
    mutating func addAnchor(_ name: String, resourceURI: String, pointer: [String]) {
        if let (knownResource, knownPointer) = anchors[name], knownResource == resourceURI,
            Self.precedes(pointer, knownPointer)
        {
            return
        }
        anchors[name] = (resourceURI, pointer)
    }

    mutating func compile(_ pattern: String) throws(LoadError) {
        if regexes[pattern] != nil { return }
        do {
            regexes[pattern] = try GoRegex(pattern)
        } catch {
            throw LoadError(message: "invalid regex \(schemaQuote(pattern)): \(error)")
        }
    }

    /// Every `$ref`-like reference in a document, resolved against the bases in force.
    static func references(in value: Value, base: String) -> [String] {
        var found: [String] = []
        func walk(_ value: Value, base: String) {
            switch value {
            case .map(let map):
                var base = base
                if case .string(let id)? = map["$id"] ?? map["id"], !id.hasPrefix("#") {
                    base = resolve(id, against: base)
                }
                for key in ["$ref", "$dynamicRef", "$recursiveRef"] {
                    if case .string(let reference)? = map[key] { found.append(resolve(reference, against: base)) }
                }
                for (key, child) in map {
                    switch key {
                    case "enum", "const", "examples", "default":
                        continue // data, not schemas
                    default:
                        walk(child, base: base)
                    }
                }
            case .list(let items):
                for item in items { walk(item, base: base) }
            default:
                break
            }
        }
        walk(value, base: base)
        return found
    }

    static func stripFragment(_ uri: String) -> String {
        guard let hash = uri.firstIndex(of: "#") else { return uri }
        return String(uri[..<hash])
    }

    /// RFC 3986 reference resolution (the common cases).
    static func resolve(_ reference: String, against base: String) -> String {
        if reference.isEmpty { return base }
        if reference.hasPrefix("#") { return stripFragment(base) + reference }
        if let colon = reference.firstIndex(of: ":"), reference[..<colon].allSatisfy({ $0.isLetter || $0 == "+" || $0 == "-" || $0 == "." }) {
            return reference
        }
        let baseWithoutFragment = stripFragment(base)
        guard let schemeEnd = baseWithoutFragment.firstRange(of: "://") else { return reference }
        let afterScheme = baseWithoutFragment[schemeEnd.upperBound...]
        let pathStart = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        let origin = String(baseWithoutFragment[..<pathStart])
        let basePath = String(afterScheme[pathStart...])
        var referencePath = reference
        var fragment = ""
        if let hash = referencePath.firstIndex(of: "#") {
            fragment = String(referencePath[hash...])
            referencePath = String(referencePath[..<hash])
        }
        let merged: String
        if referencePath.hasPrefix("/") {
            merged = referencePath
        } else {
            let directory = basePath.lastIndex(of: "/").map { String(basePath[...$0]) } ?? "/"
            merged = directory + referencePath
        }
        return origin + cleanPath(merged) + fragment
    }

    /// The schema at `uri` (with a fragment: a JSON pointer or an anchor).
    func lookup(_ uri: String) -> (SchemaLocation, Value, Draft)? {
        let documentURI = Self.stripFragment(uri)
        let fragment = uri.firstIndex(of: "#").map { String(uri[uri.index(after: $0)...]) } ?? ""
        if !fragment.isEmpty && !fragment.hasPrefix("/") {
            guard let (resourceURI, pointer) = anchors[documentURI + "#" + fragment],
                let resource = resources[resourceURI], let value = Self.walk(resource.document, pointer)
            else { return nil }
            return (SchemaLocation(uri: resourceURI, pointer: pointer), value, resource.draft)
        }
        guard let resource = resources[documentURI] else { return nil }
        let pointer = fragment.isEmpty ? [] : fragment.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            percentDecode(String($0)).replacingAll("~1", "/").replacingAll("~0", "~")
        }
        guard let value = Self.walk(resource.document, pointer) else { return nil }
        return (SchemaLocation(uri: documentURI, pointer: pointer), value, resource.draft)
    }

    static func walk(_ value: Value, _ pointer: [String]) -> Value? {
        var current = value
        for token in pointer {
            switch current {
            case .map(let map):
                guard let next = map[token] else { return nil }
                current = next
            case .list(let items):
                guard let index = Int(token), index >= 0, index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }
}

extension Value {
    /// A map or a list: the only values a schema walk descends into.
    var isCollection: Bool {
        switch self {
        case .map, .list: return true
        default: return false
        }
    }
}

/// Where a schema is: its resource and the JSON pointer inside it.
struct SchemaLocation: Hashable, Sendable {
    var uri: String
    var pointer: [String]
    var text: String { uri + "#" + pointer.map { "/" + $0 }.joined() }
    func appending(_ tokens: String...) -> SchemaLocation { SchemaLocation(uri: uri, pointer: pointer + tokens) }
}

func percentDecode(_ text: String) -> String {
    guard text.contains("%") else { return text }
    var bytes: [UInt8] = []
    var utf8 = Array(text.utf8)[...]
    while let byte = utf8.first {
        utf8 = utf8.dropFirst()
        if byte == UInt8(ascii: "%"), utf8.count >= 2,
            let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
        {
            bytes.append(value)
            utf8 = utf8.dropFirst(2)
        } else {
            bytes.append(byte)
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}
