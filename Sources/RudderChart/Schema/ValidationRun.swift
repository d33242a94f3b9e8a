import RudderCore

/// The result of applying one schema to one value: the failure, if any, and
/// which properties and items it evaluated (for `unevaluated*`).
struct ValidationOutcome {
    var error: SchemaViolation?
    var evaluatedProperties: Set<String> = []
    var evaluatedItems: Set<Int> = []
    var allItemsEvaluated = false
    var allPropertiesEvaluated = false

    mutating func absorb(_ other: ValidationOutcome) {
        evaluatedProperties.formUnion(other.evaluatedProperties)
        evaluatedItems.formUnion(other.evaluatedItems)
        allItemsEvaluated = allItemsEvaluated || other.allItemsEvaluated
        allPropertiesEvaluated = allPropertiesEvaluated || other.allPropertiesEvaluated
    }
}

/// One validation: the schema applications in progress (to find `$ref` cycles).
struct ValidationRun {
    let validator: JSONSchemaValidator
    /// Schema applications in progress: where, for which value, and the
    /// reference keyword that led there, if any (the keyword path, jsonschema's
    /// `kwLoc`, is spelled out from these only for a cycle's message).
    var stack: [(location: SchemaLocation, valueID: Int, viaReference: String?)] = []
    var nextValueID = 1

    init(validator: JSONSchemaValidator) {
        self.validator = validator
    }

    // swiftlint:disable:next function_body_length cyclomatic_complexity
    mutating func validate(
        schema: Value, location: SchemaLocation, base: String, draft: JSONSchemaValidator.Draft, value: Value,
        instance: [String], valueID: Int, viaReference: String? = nil
    ) -> ValidationOutcome {
        func violation(_ message: String, _ causes: [SchemaViolation] = [], kind: SchemaViolation.Kind? = nil) -> SchemaViolation {
            SchemaViolation(instanceLocation: instance, kind: kind ?? .keyword(message), message: message, causes: causes)
        }
        switch schema {
        case .bool(let allowed):
            var outcome = ValidationOutcome()
            if allowed {
                outcome.allItemsEvaluated = true
                outcome.allPropertiesEvaluated = true
            } else {
                outcome.error = violation("false schema")
            }
            return outcome
        case .map:
            break
        default:
            return ValidationOutcome()
        }
        guard case .map(let s) = schema else { return ValidationOutcome() }

        // Cycle check: the same schema again for the same value.
        for depth in stack.indices.reversed() {
            let entry = stack[depth]
            if entry.valueID != valueID { break }
            if entry.location == location {
                let here = keywordLocation(below: stack.count, location: location, viaReference: viaReference)
                return ValidationOutcome(error: violation(
                    "both \(here) and \(keywordLocation(of: depth)) resolve to \(goQuote(location.text)) causing reference cycle"))
            }
        }
        if stack.count >= JSONSchemaValidator.maxDepth {
            return ValidationOutcome(error: violation("schema nesting is deeper than \(JSONSchemaValidator.maxDepth) levels"))
        }
        stack.append((location, valueID, viaReference))
        defer { stack.removeLast() }

        // One pass over the schema's own keys says which groups of keywords to
        // look up at all (most subschemas hold a type, a description, a default).
        let present = SchemaKeywords(s)
        var base = base
        let idKey = draft == .draft4 ? "id" : "$id"
        if present.contains(.identifier), case .string(let id)? = s[idKey], !id.isEmpty, !id.hasPrefix("#") {
            base = JSONSchemaValidator.resolve(id, against: base)
        }
        var outcome = ValidationOutcome()
        var errors: [SchemaViolation] = []

        // type
        if present.contains(.type), let typeValue = s["type"], !typeMatches(typeValue, value), let types = typeNames(typeValue) {
            let order = ["null", "boolean", "number", "integer", "string", "array", "object"]
            let wanted = order.filter { types.contains($0) }
            outcome.error = violation("got \(jsonType(value)), want \(wanted.joined(separator: " or "))")
            return outcome
        }
        // const
        if present.contains(.constant), draft >= .draft6, let constant = s["const"] {
            if !jsonEqual(value, constant) {
                switch constant {
                case .list, .map: outcome.error = violation("'const' failed")
                default: outcome.error = violation("value must be \(display(constant))")
                }
                return outcome
            }
        }
        // enum
        if present.contains(.enumeration), case .list(let options)? = s["enum"] {
            if !options.contains(where: { jsonEqual(value, $0) }) {
                let primitive = !options.contains { if case .list = $0 { return true }; if case .map = $0 { return true }; return false }
                if !primitive {
                    outcome.error = violation("'enum' failed")
                } else if options.count == 1 {
                    outcome.error = violation("value must be \(display(options[0]))")
                } else {
                    outcome.error = violation("value must be one of \(options.map(display).joined(separator: ", "))")
                }
                return outcome
            }
        }
        // format (asserted for drafts 4, 6 and 7, as Helm's validator compiles them)
        if present.contains(.format), draft <= .draft7, case .string(let format)? = s["format"], case .string(let text) = value,
            let problem = SchemaFormats.problem(format, text)
        {
            outcome.error = violation("\(display(value)) is not valid \(format): \(problem)")
            return outcome
        }
        // $ref
        if present.contains(.reference), case .string(let reference)? = s["$ref"] {
            let result = validateReference(reference, keyword: "$ref", base: base, value: value, instance: instance, valueID: valueID)
            outcome.absorb(result)
            if draft < .draft2019 {
                outcome.error = result.error
                return outcome
            }
            if let error = result.error { errors.append(error) }
        }

        switch value {
        case .map(let object):
            validateObject(s, object, location: location, base: base, draft: draft, instance: instance, valueID: valueID,
                           errors: &errors, outcome: &outcome)
        case .list(let array):
            validateArray(s, array, location: location, base: base, draft: draft, instance: instance, valueID: valueID,
                          errors: &errors, outcome: &outcome)
        case .string(let text):
            validateString(s, text, draft: draft, instance: instance, errors: &errors)
        case .int, .int64, .float:
            validateNumber(s, numericValue(value), draft: draft, instance: instance, errors: &errors)
        default:
            break
        }

        if present.contains(.dynamicReference), draft >= .draft2019 {
            for keyword in ["$dynamicRef", "$recursiveRef"] {
                if case .string(let reference)? = s[keyword] {
                    let result = validateReference(reference, keyword: keyword, base: base, value: value, instance: instance, valueID: valueID)
                    outcome.absorb(result)
                    if let error = result.error { errors.append(error) }
                }
            }
        }
        if present.contains(.conditional) {
            validateConditionals(s, location: location, base: base, draft: draft, value: value, instance: instance,
                                 valueID: valueID, errors: &errors, outcome: &outcome)
        }
        if present.contains(.unevaluated), draft >= .draft2019 {
            validateUnevaluated(s, location: location, base: base, draft: draft, value: value, instance: instance,
                                valueID: valueID, errors: &errors, outcome: &outcome)
        }

        switch errors.count {
        case 0: outcome.error = nil
        case 1: outcome.error = errors[0]
        default: outcome.error = SchemaViolation(instanceLocation: instance, kind: .group, message: "validation failed", causes: errors)
        }
        return outcome
    }

    /// The keyword path to the application at `depth` of the stack (jsonschema's
    /// `kwLoc`): a reference adds `/$ref`, anything else its pointer below the parent.
    func keywordLocation(of depth: Int) -> String {
        keywordLocation(below: depth, location: stack[depth].location, viaReference: stack[depth].viaReference)
    }

    /// The keyword path of an application of `location` above the first `depth` entries.
    func keywordLocation(below depth: Int, location: SchemaLocation, viaReference: String?) -> String {
        guard depth > 0 else { return "" }
        let parent = stack[depth - 1]
        let parentPath = keywordLocation(of: depth - 1)
        if let viaReference { return parentPath + "/" + viaReference }
        let suffix = location.pointer.count >= parent.location.pointer.count && location.uri == parent.location.uri
            ? Array(location.pointer.dropFirst(parent.location.pointer.count)) : location.pointer
        return parentPath + suffix.map { "/" + $0 }.joined()
    }

    /// Applies a subschema (`keywordPath` under the current schema) to the same value.
    mutating func applySelf(
        _ schema: Value, at location: SchemaLocation, base: String, draft: JSONSchemaValidator.Draft, value: Value,
        instance: [String], valueID: Int
    ) -> ValidationOutcome {
        validate(schema: schema, location: location, base: base, draft: draft, value: value, instance: instance, valueID: valueID)
    }

    /// Applies a subschema to a child value (a property or an item).
    mutating func applyChild(
        _ schema: Value, at location: SchemaLocation, base: String, draft: JSONSchemaValidator.Draft, value: Value,
        instance: [String]
    ) -> ValidationOutcome {
        let id = nextValueID
        nextValueID += 1
        return validate(schema: schema, location: location, base: base, draft: draft, value: value, instance: instance, valueID: id)
    }

    mutating func validateReference(
        _ reference: String, keyword: String, base: String, value: Value, instance: [String], valueID: Int
    ) -> ValidationOutcome {
        let target = JSONSchemaValidator.resolve(reference, against: base)
        guard let (location, schema, draft) = validator.lookup(target) else {
            return ValidationOutcome(error: SchemaViolation(
                instanceLocation: instance, kind: .keyword("ref"), message: "cannot resolve \(goQuote(target))"))
        }
        var outcome = validate(schema: schema, location: location, base: JSONSchemaValidator.stripFragment(target).isEmpty ? base : location.uri,
                               draft: draft, value: value, instance: instance, valueID: valueID, viaReference: keyword)
        if let error = outcome.error {
            let causes: [SchemaViolation]
            if case .group = error.kind { causes = error.causes } else { causes = [error] }
            outcome.error = SchemaViolation(instanceLocation: instance, kind: .reference, message: "validation failed", causes: causes)
        }
        return outcome
    }

}

// MARK: - Value helpers

/// Which groups of keywords a schema object holds: read once per application,
/// so the keywords it lacks cost no dictionary lookups.
struct SchemaKeywords: OptionSet {
    let rawValue: UInt16
    static let type = SchemaKeywords(rawValue: 1 << 0)
    static let constant = SchemaKeywords(rawValue: 1 << 1)
    static let enumeration = SchemaKeywords(rawValue: 1 << 2)
    static let format = SchemaKeywords(rawValue: 1 << 3)
    static let reference = SchemaKeywords(rawValue: 1 << 4)
    static let dynamicReference = SchemaKeywords(rawValue: 1 << 5)
    static let conditional = SchemaKeywords(rawValue: 1 << 6)
    static let unevaluated = SchemaKeywords(rawValue: 1 << 7)
    static let identifier = SchemaKeywords(rawValue: 1 << 8)

    init(rawValue: UInt16) { self.rawValue = rawValue }

    init(_ schema: [String: Value]) {
        var present: SchemaKeywords = []
        for key in schema.keys {
            if let group = Self.groups[key] { present.formUnion(group) }
        }
        self = present
    }

    static let groups: [String: SchemaKeywords] = [
        "type": .type, "const": .constant, "enum": .enumeration, "format": .format, "$ref": .reference,
        "$dynamicRef": .dynamicReference, "$recursiveRef": .dynamicReference,
        "not": .conditional, "allOf": .conditional, "anyOf": .conditional, "oneOf": .conditional,
        "if": .conditional, "then": .conditional, "else": .conditional,
        "unevaluatedProperties": .unevaluated, "unevaluatedItems": .unevaluated,
        "$id": .identifier, "id": .identifier,
    ]
}

/// Whether `value` has one of the types `type` names (a name or a list of
/// names); true when `type` is neither. Allocation-free: it runs on every node.
func typeMatches(_ type: Value, _ value: Value) -> Bool {
    func matches(_ name: String) -> Bool {
        let actual = jsonType(value)
        return name == actual || (name == "integer" && actual == "number" && isInteger(value))
    }
    switch type {
    case .string(let name): return matches(name)
    case .list(let names):
        return names.contains { if case .string(let name) = $0 { return matches(name) }; return false }
    default: return true
    }
}

func typeNames(_ value: Value?) -> Set<String>? {
    switch value {
    case .string(let name)?: return [name]
    case .list(let names)?: return Set(names.compactMap(\.stringValue))
    default: return nil
    }
}

func jsonType(_ value: Value) -> String {
    switch value {
    case .null: return "null"
    case .bool: return "boolean"
    case .int, .int64, .float: return "number"
    case .string, .bytes: return "string"
    case .list: return "array"
    case .map, .object: return "object"
    }
}

func numericValue(_ value: Value) -> Double {
    switch value {
    case .int(let i): return Double(i)
    case .int64(let i): return Double(i)
    case .float(let d): return d
    default: return .nan
    }
}

func isInteger(_ value: Value) -> Bool {
    switch value {
    case .int, .int64: return true
    case .float(let d): return d.isFinite && d == d.rounded()
    default: return false
    }
}

/// JSON equality: numbers by value, maps and lists structurally.
func jsonEqual(_ lhs: Value, _ rhs: Value) -> Bool {
    switch (lhs, rhs) {
    case (.int, _), (.int64, _), (.float, _):
        switch rhs {
        case .int, .int64, .float:
            if case .int64(let a) = lhs, case .int64(let b) = rhs { return a == b }
            return numericValue(lhs) == numericValue(rhs)
        default: return false
        }
    case (.list(let a), .list(let b)):
        return a.count == b.count && zip(a, b).allSatisfy { jsonEqual($0, $1) }
    case (.map(let a), .map(let b)):
        return a.count == b.count && a.allSatisfy { key, value in b[key].map { jsonEqual(value, $0) } ?? false }
    default:
        return lhs == rhs
    }
}

/// jsonschema's `display`: strings quoted, collections as `value`, other scalars with `%v`.
func display(_ value: Value) -> String {
    switch value {
    case .string(let s): return schemaQuote(s)
    case .list, .map: return "value"
    case .null: return "<nil>"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .int64(let i): return String(i)
    case .float(let d): return GoFloatFormat.v(d)
    default: return "value"
    }
}
