import RudderCore
import RudderRegex

/// Compiles a loaded schema into `SchemaNode`s, from the root through every
/// subschema a keyword applies and every `$ref` target (each target once per
/// location, base and draft, so reference cycles compile to cycles of
/// indexes). Iterative: a deep schema costs heap, not stack.
///
/// Each node keeps what the interpreter it replaces looked up per
/// application: the same keywords, gated by the same drafts.
struct SchemaCompiler {
    typealias Draft = JSONSchemaValidator.Draft

    private struct TargetKey: Hashable {
        var location: SchemaLocation
        var base: String
        var draft: Draft
    }

    private struct Pending {
        var node: SchemaNode
        var schema: [String: Value]
        var base: String
    }

    let validator: JSONSchemaValidator
    private(set) var nodes: [SchemaNode] = []
    private var targets: [TargetKey: Int] = [:]
    private var pending: [Pending] = []
    /// Whether some node has `unevaluatedProperties` or `unevaluatedItems`
    /// (only then does validation track what each application evaluated).
    private(set) var tracksEvaluation = false

    init(validator: JSONSchemaValidator) {
        self.validator = validator
    }

    /// Compiles the root resource; returns the root node's index (nil when there is no root).
    mutating func compileRoot() -> Int? {
        guard let root = validator.resources[validator.rootURI] else { return nil }
        let index = add(root.document, location: SchemaLocation(uri: validator.rootURI, pointer: []),
                        base: validator.rootURI, draft: root.draft)
        while let next = pending.popLast() { fill(next) }
        // Without references each node has a location of its own; with them, a
        // target's location may also be reached in place: nodes at the same
        // location share the first one's identity (what cycle detection compares).
        if !targets.isEmpty {
            var first: [SchemaLocation: Int] = [:]
            for node in nodes {
                if let known = first[node.location] {
                    node.locationID = known
                } else {
                    first[node.location] = node.locationID
                }
            }
        }
        return index
    }

    /// A new node for `schema` at `location`; its keywords are filled later.
    private mutating func add(_ schema: Value, location: SchemaLocation, base: String, draft: Draft) -> Int {
        let kind: SchemaNode.Kind
        switch schema {
        case .map: kind = .keywords
        case .bool(let allowed): kind = allowed ? .accept : .reject
        default: kind = .ignored
        }
        // Each node its own location for now: `compileRoot` merges equal ones when references exist.
        let node = SchemaNode(kind: kind, location: location, locationID: nodes.count, draft: draft)
        nodes.append(node)
        if case .map(let map) = schema { pending.append(Pending(node: node, schema: map, base: base)) }
        return nodes.count - 1
    }

    /// A subschema applied in place (under `tokens` below its parent).
    private mutating func child(_ schema: Value, of parent: Pending, _ tokens: String...) -> Int {
        var location = parent.node.location
        location.pointer += tokens
        return add(schema, location: location, base: parent.base, draft: parent.node.draft)
    }

    /// The node a reference resolves to, as the interpreter resolved it when applied.
    private mutating func reference(_ text: String, base: String) -> SchemaNode.Reference {
        let target = JSONSchemaValidator.resolve(text, against: base)
        guard let (location, schema, draft) = validator.lookup(target) else { return .unresolved(target) }
        let targetBase = JSONSchemaValidator.stripFragment(target).isEmpty ? base : location.uri
        let key = TargetKey(location: location, base: targetBase, draft: draft)
        if let known = targets[key] { return .node(known) }
        let index = add(schema, location: location, base: targetBase, draft: draft)
        targets[key] = index
        return .node(index)
    }

    // swiftlint:disable:next function_body_length cyclomatic_complexity
    private mutating func fill(_ entry: Pending) {
        let node = entry.node
        let s = entry.schema
        let draft = node.draft
        var entry = entry
        // An embedded resource reached through its own URI already has its `$id` resolved.
        let isEmbeddedRoot = node.location.pointer.isEmpty && validator.resourcePointers[node.location.uri] != nil
        if !isEmbeddedRoot, case .string(let id)? = s[draft == .draft4 ? "id" : "$id"], !id.isEmpty, !id.hasPrefix("#") {
            entry.base = JSONSchemaValidator.resolve(id, against: entry.base)
        }
        let object = SchemaNode.ObjectKeywords()
        let array = SchemaNode.ArrayKeywords()
        let string = SchemaNode.StringKeywords()
        var number = SchemaNode.NumberKeywords()
        let applicators = SchemaNode.Applicators()
        var hasObject = false, hasArray = false, hasString = false, hasNumber = false, hasApplicators = false
        var dynamicReference: SchemaNode.Reference?
        var recursiveReference: SchemaNode.Reference?
        for (key, value) in s {
            guard let keyword = SchemaKeyword.named(key) else { continue }
            switch keyword {
            case .type:
                switch value {
                case .string(let name): node.types = TypeBits.named(name)
                case .list(let names):
                    node.types = names.reduce(0) { bits, name in bits | (name.stringValue.map(TypeBits.named) ?? 0) }
                default: break
                }
            case .const where draft >= .draft6:
                node.constant = value
            case .enumeration:
                if case .list(let options) = value { node.enumeration = options }
            case .format where draft <= .draft7:
                if case .string(let format) = value, SchemaFormats.isAsserted(format) {
                    node.format = format
                }
            case .reference:
                if case .string(let text) = value { node.reference = reference(text, base: entry.base) }
            case .dynamicReference where draft >= .draft2019:
                if case .string(let text) = value { dynamicReference = reference(text, base: entry.base) }
            case .recursiveReference where draft >= .draft2019:
                if case .string(let text) = value { recursiveReference = reference(text, base: entry.base) }
            // object
            case .minProperties:
                object.minProperties = value.integerCount
                hasObject = hasObject || object.minProperties != nil
            case .maxProperties:
                object.maxProperties = value.integerCount
                hasObject = hasObject || object.maxProperties != nil
            case .required:
                if case .list(let names) = value {
                    object.required = names.compactMap(\.stringValue)
                    hasObject = true
                }
            case .dependencies where draft < .draft2019:
                guard case .map(let dependencies) = value else { continue }
                for name in dependencies.keys.sorted() {
                    guard let dependency = dependencies[name] else { continue }
                    if case .list(let names) = dependency {
                        object.dependencies.append((name, .names(names.compactMap(\.stringValue))))
                    } else {
                        object.dependencies.append((name, .schema(child(dependency, of: entry, "dependencies", name))))
                    }
                }
                hasObject = hasObject || !object.dependencies.isEmpty
            case .properties:
                guard case .map(let properties) = value else { continue }
                object.properties.reserveCapacity(properties.count)
                for (name, schema) in properties { object.properties[name] = child(schema, of: entry, "properties", name) }
                hasObject = hasObject || !properties.isEmpty
            case .patternProperties:
                guard case .map(let patterns) = value else { continue }
                for pattern in patterns.keys.sorted() {
                    guard let regex = validator.regexes[pattern], let schema = patterns[pattern] else { continue }
                    object.patternProperties.append((pattern, regex, child(schema, of: entry, "patternProperties", pattern)))
                }
                hasObject = hasObject || !object.patternProperties.isEmpty
            case .additionalProperties:
                if case .bool(let allowed) = value {
                    object.additionalProperties = .allowed(allowed)
                } else {
                    object.additionalProperties = .schema(child(value, of: entry, "additionalProperties"))
                }
                hasObject = true
            case .propertyNames where draft != .draft4:
                object.propertyNames = child(value, of: entry, "propertyNames")
                hasObject = true
            case .dependentSchemas where draft >= .draft2019:
                guard case .map(let schemas) = value else { continue }
                for name in schemas.keys.sorted() {
                    guard let schema = schemas[name] else { continue }
                    object.dependentSchemas.append((name, child(schema, of: entry, "dependentSchemas", name)))
                }
                hasObject = hasObject || !schemas.isEmpty
            case .dependentRequired where draft >= .draft2019:
                guard case .map(let entries) = value else { continue }
                for name in entries.keys.sorted() {
                    object.dependentRequired.append((name, (entries[name]?.listValue ?? []).compactMap(\.stringValue)))
                }
                hasObject = hasObject || !entries.isEmpty
            // array
            case .minItems:
                array.minItems = value.integerCount
                hasArray = hasArray || array.minItems != nil
            case .maxItems:
                array.maxItems = value.integerCount
                hasArray = hasArray || array.maxItems != nil
            case .uniqueItems:
                if case .bool(true) = value {
                    array.uniqueItems = true
                    hasArray = true
                }
            case .items:
                if draft < .draft2020, case .list(let schemas) = value {
                    array.itemList = schemas.indices.map { child(schemas[$0], of: entry, "items", String($0)) }
                } else {
                    array.items = child(value, of: entry, "items")
                }
                hasArray = true
            case .prefixItems where draft >= .draft2020:
                guard case .list(let schemas) = value else { continue }
                array.prefixItems = schemas.indices.map { child(schemas[$0], of: entry, "prefixItems", String($0)) }
                hasArray = true
            case .contains where draft >= .draft6:
                array.contains = child(value, of: entry, "contains")
                hasArray = true
            // string
            case .minLength:
                string.minLength = value.integerCount
                hasString = hasString || string.minLength != nil
            case .maxLength:
                string.maxLength = value.integerCount
                hasString = hasString || string.maxLength != nil
            case .pattern:
                if case .string(let pattern) = value, let regex = validator.regexes[pattern] {
                    string.pattern = (pattern, regex)
                    hasString = true
                }
            // number
            case .minimum:
                number.minimum = numberOf(value)
                hasNumber = hasNumber || number.minimum != nil
            case .maximum:
                number.maximum = numberOf(value)
                hasNumber = hasNumber || number.maximum != nil
            case .exclusiveMinimum where draft != .draft4:
                number.exclusiveMinimum = numberOf(value)
                hasNumber = hasNumber || number.exclusiveMinimum != nil
            case .exclusiveMaximum where draft != .draft4:
                number.exclusiveMaximum = numberOf(value)
                hasNumber = hasNumber || number.exclusiveMaximum != nil
            case .multipleOf:
                number.multipleOf = numberOf(value)
                hasNumber = hasNumber || number.multipleOf != nil
            // applicators
            case .not:
                applicators.not = child(value, of: entry, "not")
                hasApplicators = true
            case .allOf, .anyOf, .oneOf:
                guard case .list(let schemas) = value, !schemas.isEmpty else { continue }
                let indexes = schemas.indices.map { child(schemas[$0], of: entry, key, String($0)) }
                switch keyword {
                case .allOf: applicators.allOf = indexes
                case .anyOf: applicators.anyOf = indexes
                default: applicators.oneOf = indexes
                }
                hasApplicators = true
            case .conditionIf where draft >= .draft7:
                applicators.conditionIf = child(value, of: entry, "if")
                hasApplicators = true
            case .conditionThen where draft >= .draft7:
                applicators.conditionThen = child(value, of: entry, "then")
            case .conditionElse where draft >= .draft7:
                applicators.conditionElse = child(value, of: entry, "else")
            case .unevaluatedProperties where draft >= .draft2019:
                node.unevaluatedProperties = child(value, of: entry, "unevaluatedProperties")
                tracksEvaluation = true
            case .unevaluatedItems where draft >= .draft2019:
                node.unevaluatedItems = child(value, of: entry, "unevaluatedItems")
                tracksEvaluation = true
            default:
                continue
            }
        }
        // Draft 4's boolean exclusive bounds turn the plain bounds exclusive.
        if draft == .draft4 {
            if case .bool(true)? = s["exclusiveMinimum"] {
                number.exclusiveMinimum = number.minimum
                number.minimum = nil
            }
            if case .bool(true)? = s["exclusiveMaximum"] {
                number.exclusiveMaximum = number.maximum
                number.maximum = nil
            }
        }
        if draft < .draft2020, array.itemList != nil, let additional = s["additionalItems"] {
            if case .bool(let allowed) = additional {
                array.additionalItems = .allowed(allowed)
            } else {
                array.additionalItems = .schema(child(additional, of: entry, "additionalItems"))
            }
        }
        if array.contains != nil, draft >= .draft2019 {
            array.minContains = s["minContains"]?.integerCount
            array.maxContains = s["maxContains"]?.integerCount
        }
        // Before 2019-09 a `$ref` stands alone: jsonschema ignores its siblings.
        if draft < .draft2019, node.reference != nil {
            node.types = nil
            node.constant = nil
            node.enumeration = nil
            node.format = nil
            return
        }
        if let dynamicReference { node.dynamicReferences.append(("$dynamicRef", dynamicReference)) }
        if let recursiveReference { node.dynamicReferences.append(("$recursiveRef", recursiveReference)) }
        if hasObject { node.object = object }
        if hasArray { node.array = array }
        if hasString { node.string = string }
        if hasNumber { node.number = number }
        if hasApplicators || applicators.conditionThen != nil || applicators.conditionElse != nil { node.applicators = applicators }
    }
}
