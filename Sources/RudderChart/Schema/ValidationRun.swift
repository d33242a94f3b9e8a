import RudderCore

/// The result of applying one schema to one value: the failure, if any, and
/// which properties and items it evaluated (for `unevaluated*`; tracked only
/// when the schema has such a keyword).
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

/// What the applications of one validation share.
final class ValidationContext {
    /// Whether applications record what they evaluated (`unevaluated*` reads it).
    let tracking: Bool
    /// Subtrees of the chart's defaults known valid (see `KnownValidSubtrees`).
    let known: KnownValidSubtrees?
    /// What a recording run found valid.
    var recorded: Set<KnownValidSubtrees.Entry>?
    /// Whether `known` or `recorded` is in use.
    let remembers: Bool

    init(tracking: Bool, known: KnownValidSubtrees?, recording: Bool) {
        self.tracking = tracking
        self.known = known
        recorded = recording ? [] : nil
        remembers = known != nil || recording
    }
}

/// One validation over a compiled schema: the schema applications in
/// progress (to find `$ref` cycles) and the path to the value at hand.
///
/// A value that conforms costs no allocation beyond these two stacks: the
/// path is spelled out, and a map's failures sorted by key, only for a report.
struct ValidationRun {
    typealias Draft = JSONSchemaValidator.Draft

    /// One step of the path to the value being validated.
    enum PathToken {
        case key(String)
        case index(Int)

        var text: String {
            switch self {
            case .key(let key): return key
            case .index(let index): return String(index)
            }
        }
    }

    let nodes: [SchemaNode]
    /// What every application of the run shares, by reference: the run stays
    /// as small as it was (debug builds copy it in many frames of the recursion).
    let context: ValidationContext
    /// Whether applications record what they evaluated (`unevaluated*` reads it).
    var tracking: Bool { context.tracking }
    /// Schema applications in progress: the node, the value it applies to, and
    /// the reference keyword that led there, if any (the keyword path,
    /// jsonschema's `kwLoc`, is spelled out from these only for a cycle's message).
    var stack: [(node: Int, valueID: Int, viaReference: String?)] = []
    var path: [PathToken] = []
    var nextValueID = 1

    /// `known`: subtrees of the chart's defaults known valid, skipped when met
    /// again. `recording`: record every map and list a subschema
    /// finds valid (for `JSONSchemaValidator.knownValidSubtrees(of:)`).
    init(nodes: [SchemaNode], tracking: Bool, known: KnownValidSubtrees? = nil, recording: Bool = false) {
        self.nodes = nodes
        context = ValidationContext(tracking: tracking, known: known, recording: recording)
    }

    /// The JSON pointer tokens of the value at hand.
    var instance: [String] { path.map(\.text) }

    func violation(_ message: String, _ causes: [SchemaViolation] = [], kind: SchemaViolation.Kind? = nil) -> SchemaViolation {
        SchemaViolation(instanceLocation: instance, kind: kind ?? .keyword(message), message: message, causes: causes)
    }

    static let typeOrder: [(name: String, bit: UInt8)] = [
        ("null", TypeBits.null), ("boolean", TypeBits.boolean), ("number", TypeBits.number), ("integer", TypeBits.integer),
        ("string", TypeBits.string), ("array", TypeBits.array), ("object", TypeBits.object),
    ]

    /// Applies node `index` to `value` (`valueID` tells values apart for cycle detection).
    mutating func validate(_ index: Int, _ value: Value, valueID: Int, viaReference: String? = nil) -> ValidationOutcome {
        let node = nodes[index]
        switch node.kind {
        case .ignored:
            return ValidationOutcome()
        case .accept:
            var outcome = ValidationOutcome()
            outcome.allItemsEvaluated = true
            outcome.allPropertiesEvaluated = true
            return outcome
        case .reject:
            return ValidationOutcome(error: violation("false schema"))
        case .keywords:
            break
        }

        // Cycle check: the same schema again for the same value.
        for depth in stack.indices.reversed() {
            let entry = stack[depth]
            if entry.valueID != valueID { break }
            if nodes[entry.node].locationID == node.locationID {
                let here = keywordLocation(below: stack.count, location: node.location, viaReference: viaReference)
                return ValidationOutcome(error: violation(
                    "both \(here) and \(keywordLocation(of: depth)) resolve to \(goQuote(node.location.text)) causing reference cycle"))
            }
        }
        if stack.count >= JSONSchemaValidator.maxDepth {
            return ValidationOutcome(error: violation("schema nesting is deeper than \(JSONSchemaValidator.maxDepth) levels"))
        }
        stack.append((index, valueID, viaReference))
        defer { stack.removeLast() }

        var outcome = ValidationOutcome()
        var errors: [SchemaViolation] = []
        let draft = node.draft

        if let types = node.types, !TypeBits.matches(types, value) {
            let wanted = Self.typeOrder.filter { types & $0.bit != 0 }.map(\.name)
            outcome.error = violation("got \(jsonType(value)), want \(wanted.joined(separator: " or "))")
            return outcome
        }
        if let constant = node.constant, !jsonEqual(value, constant) {
            switch constant {
            case .list, .map: outcome.error = violation("'const' failed")
            default: outcome.error = violation("value must be \(display(constant))")
            }
            return outcome
        }
        if let options = node.enumeration, !options.contains(where: { jsonEqual(value, $0) }) {
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
        if let format = node.format, case .string(let text) = value, let problem = SchemaFormats.problem(format, text) {
            outcome.error = violation("\(display(value)) is not valid \(format): \(problem)")
            return outcome
        }
        if let reference = node.reference {
            let result = validateReference(reference, keyword: "$ref", value: value, valueID: valueID)
            if tracking { outcome.absorb(result) }
            if draft < .draft2019 {
                outcome.error = result.error
                return outcome
            }
            if let error = result.error { errors.append(error) }
        }

        switch value {
        case .map(let object):
            if let keywords = node.object {
                validateObject(node, keywords, object, valueID: valueID, errors: &errors, outcome: &outcome)
            }
        case .list(let array):
            if let keywords = node.array {
                validateArray(node, keywords, array, errors: &errors, outcome: &outcome)
            }
        case .string(let text):
            if let keywords = node.string { validateString(keywords, text, errors: &errors) }
        case .int, .int64, .float:
            if let keywords = node.number { validateNumber(keywords, numericValue(value), errors: &errors) }
        default:
            break
        }

        for (keyword, reference) in node.dynamicReferences {
            let result = validateReference(reference, keyword: keyword, value: value, valueID: valueID)
            if tracking { outcome.absorb(result) }
            if let error = result.error { errors.append(error) }
        }
        if let applicators = node.applicators {
            validateApplicators(applicators, draft: draft, value: value, valueID: valueID, errors: &errors, outcome: &outcome)
        }
        if node.unevaluatedProperties != nil || node.unevaluatedItems != nil {
            validateUnevaluated(node, value: value, errors: &errors, outcome: &outcome)
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
        keywordLocation(below: depth, location: nodes[stack[depth].node].location, viaReference: stack[depth].viaReference)
    }

    /// The keyword path of an application of `location` above the first `depth` entries.
    func keywordLocation(below depth: Int, location: SchemaLocation, viaReference: String?) -> String {
        guard depth > 0 else { return "" }
        let parent = nodes[stack[depth - 1].node].location
        let parentPath = keywordLocation(of: depth - 1)
        if let viaReference { return parentPath + "/" + viaReference }
        let suffix = location.pointer.count >= parent.pointer.count && location.uri == parent.uri
            ? Array(location.pointer.dropFirst(parent.pointer.count)) : location.pointer
        return parentPath + suffix.map { "/" + $0 }.joined()
    }

    /// Applies a subschema to a child value (a property or an item) at `token` below the current path.
    /// Callers read only the result's error (see `KnownValidSubtrees`).
    mutating func applyChild(_ index: Int, _ value: Value, at token: PathToken) -> ValidationOutcome {
        if context.remembers { return applyChildRemembering(index, value, at: token) }
        let id = nextValueID
        nextValueID += 1
        path.append(token)
        defer { path.removeLast() }
        return validate(index, value, valueID: id)
    }

    /// `applyChild` skipping what `known` holds, or recording what it finds
    /// valid. Kept apart so that `applyChild`'s frame, on the path of deep
    /// recursion, stays as small as it was.
    @inline(never)
    mutating func applyChildRemembering(_ index: Int, _ value: Value, at token: PathToken) -> ValidationOutcome {
        if let known = context.known, known.contains(node: index, depth: stack.count, value: value) {
            return ValidationOutcome()
        }
        let id = nextValueID
        nextValueID += 1
        path.append(token)
        defer { path.removeLast() }
        let outcome = validate(index, value, valueID: id)
        if context.recorded != nil, outcome.error == nil, let identity = KnownValidSubtrees.identity(of: value) {
            context.recorded?.insert(KnownValidSubtrees.Entry(node: index, depth: stack.count, identity: identity))
        }
        return outcome
    }

    mutating func validateReference(
        _ reference: SchemaNode.Reference, keyword: String, value: Value, valueID: Int
    ) -> ValidationOutcome {
        switch reference {
        case .unresolved(let target):
            return ValidationOutcome(error: SchemaViolation(
                instanceLocation: instance, kind: .keyword("ref"), message: "cannot resolve \(goQuote(target))"))
        case .node(let target):
            var outcome = validate(target, value, valueID: valueID, viaReference: keyword)
            if let error = outcome.error {
                let causes: [SchemaViolation]
                if case .group = error.kind { causes = error.causes } else { causes = [error] }
                outcome.error = SchemaViolation(instanceLocation: instance, kind: .reference, message: "validation failed", causes: causes)
            }
            return outcome
        }
    }
}
