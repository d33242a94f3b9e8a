import RudderCore
import RudderRegex

/// The common ways a schema breaks its draft's metaschema (a bad `type`, a
/// number keyword that is not a number, a pattern that does not compile, a
/// subschema that is not an object), reported as jsonschema v6 reports
/// metaschema failures: 2019-09 and 2020-12 wrap each subschema level in an
/// `'allOf' failed`, earlier drafts do not. The first problem found is reported.
enum MetaschemaCheck {
    typealias Draft = JSONSchemaValidator.Draft

    static let typeNames = ["array", "boolean", "integer", "null", "number", "object", "string"]

    static func metaschemaURL(_ draft: Draft) -> String {
        switch draft {
        case .draft4: return "http://json-schema.org/draft-04/schema#"
        case .draft6: return "http://json-schema.org/draft-06/schema#"
        case .draft7: return "http://json-schema.org/draft-07/schema#"
        case .draft2019: return "https://json-schema.org/draft/2019-09/schema#"
        case .draft2020: return "https://json-schema.org/draft/2020-12/schema#"
        }
    }

    /// Helm's message when `document` (at `uri`) breaks its metaschema, or nil.
    ///
    /// A quick pass (keys in any order, no paths) runs first; only when it finds
    /// a problem does the reporting pass (sorted keys, full paths) run to word
    /// the first one as jsonschema does. Patterns compiled on the way land in
    /// `regexes`.
    static func problem(in document: Value, uri: String, draft: Draft, regexes: inout [String: GoRegex]) -> String? {
        var quick = Walk(draft: draft, reporting: false, regexes: regexes)
        let found = quick.check(document, schemaPath: []) != nil
        regexes = quick.regexes
        guard found else { return nil }
        var reporting = Walk(draft: draft, reporting: true, regexes: regexes)
        guard let violation = reporting.check(document, schemaPath: []) else { return nil }
        return goQuote(uri + "#") + " is not valid against metaschema: jsonschema validation failed with "
            + schemaQuote(metaschemaURL(draft)) + "\n" + String(violation.description.dropLast())
    }

    static func leaf(_ path: [String], _ message: String, _ causes: [SchemaViolation] = []) -> SchemaViolation {
        SchemaViolation(instanceLocation: path, kind: .keyword(message), message: message, causes: causes)
    }
}

extension MetaschemaCheck {
    /// One walk over a schema document: `reporting` sorts keys and spells
    /// paths; the quick walk does neither.
    struct Walk {
        let draft: Draft
        let reporting: Bool
        var regexes: [String: GoRegex]

        func leaf(_ path: [String], _ message: String, _ causes: [SchemaViolation] = []) -> SchemaViolation {
            MetaschemaCheck.leaf(path, message, causes)
        }

        /// Whether `pattern` compiles (Go's RE2 syntax), remembering what compiled.
        mutating func compiles(_ pattern: String) -> Bool {
            if regexes[pattern] != nil { return true }
            guard let regex = try? GoRegex(pattern) else { return false }
            regexes[pattern] = regex
            return true
        }

        /// The keys in the order they are checked: sorted when reporting (the
        /// first problem in jsonschema's order), as stored otherwise (no sort).
        func keys(_ map: [String: Value]) -> [String] {
            reporting ? map.keys.sorted() : Array(map.keys)
        }

        /// The keyword named `key`, when the check looks at it.
        static func checked(_ key: String) -> SchemaKeyword? {
            switch SchemaKeyword.named(key) {
            case nil, .const?, .dependencies?, .dependentRequired?,
                .reference?, .dynamicReference?, .recursiveReference?, .identifier?, .legacyIdentifier?, .schema?,
                .anchor?, .dynamicAnchor?, .defaultValue?:
                return nil
            case let keyword?:
                return keyword
            }
        }

        /// The first problem of the subschema at `schemaPath`, wrapped as the draft's metaschema nests it.
        mutating func check(_ schema: Value, schemaPath: [String]) -> SchemaViolation? {
            switch schema {
            case .map(let map):
                guard let problem = checkKeywords(map, schemaPath: schemaPath) else { return nil }
                if draft >= .draft2019 {
                    return SchemaViolation(instanceLocation: schemaPath, kind: .keyword("allOf"), message: "'allOf' failed", causes: [problem])
                }
                return problem
            case .bool where draft > .draft4:
                return nil
            default:
                let want = draft == .draft4 ? "object" : "boolean or object"
                return leaf(schemaPath, "got \(jsonType(schema)), want \(want)")
            }
        }

        mutating func checkKeywords(_ map: [String: Value], schemaPath: [String]) -> SchemaViolation? {
            if !reporting {
                // No order needed: the pairs as stored, no key hashed.
                for (key, value) in map {
                    guard let keyword = Self.checked(key) else { continue }
                    if let problem = check(keyword, key, value, schemaPath: schemaPath) { return problem }
                }
                return nil
            }
            for key in keys(map) {
                guard let keyword = Self.checked(key), let value = map[key] else { continue }
                if let problem = check(keyword, key, value, schemaPath: schemaPath) { return problem }
            }
            return nil
        }

        /// The first problem of one keyword's value.
        mutating func check(_ name: SchemaKeyword, _ keyword: String, _ value: Value, schemaPath: [String]) -> SchemaViolation? {
            let reporting = self.reporting
            func at(_ token: String) -> [String] { reporting ? schemaPath + [token] : schemaPath }
            func at(_ token: String, _ second: String) -> [String] { reporting ? schemaPath + [token, second] : schemaPath }
            func want(_ value: Value, _ type: String, _ keyword: String) -> SchemaViolation? {
                leaf(at(keyword), "got \(jsonType(value)), want \(type)")
            }
            switch name {
            case .type:
                // Built only when a problem is reported (it is costly and most schemas are fine).
                var enumMessage: String { "value must be one of " + typeNames.map(schemaQuote).joined(separator: ", ") }
                switch value {
                case .string(let name) where typeNames.contains(name):
                    return nil
                case .string:
                    return leaf(at("type"), "'anyOf' failed", [leaf(at("type"), enumMessage), leaf(at("type"), "got string, want array")])
                case .list(let items):
                    for (index, item) in items.enumerated() {
                        if case .string(let name) = item, typeNames.contains(name) { continue }
                        let itemProblem = item.stringValue != nil
                            ? leaf(at("type", String(index)), enumMessage)
                            : leaf(at("type", String(index)), "got \(jsonType(item)), want string")
                        return leaf(at("type"), "'anyOf' failed", [leaf(at("type"), enumMessage), itemProblem])
                    }
                    return nil
                default:
                    return leaf(at("type"), "'anyOf' failed", [leaf(at("type"), enumMessage), leaf(at("type"), "got \(jsonType(value)), want array")])
                }
            case .title, .description, .format:
                if value.stringValue == nil { return want(value, "string", keyword) }
            case .comment where draft >= .draft7:
                if value.stringValue == nil { return want(value, "string", keyword) }
            case .uniqueItems:
                if case .bool = value { return nil }
                return want(value, "boolean", keyword)
            case .readOnly where draft >= .draft7, .writeOnly where draft >= .draft7, .deprecated where draft >= .draft2019:
                if case .bool = value { return nil }
                return want(value, "boolean", keyword)
            case .examples where draft >= .draft6:
                if value.listValue == nil { return want(value, "array", keyword) }
            case .multipleOf:
                guard let divisor = numberOf(value) else { return want(value, "number", keyword) }
                if divisor <= 0 && draft >= .draft6 {
                    return leaf(at(keyword), "exclusiveMinimum: got \(schemaNumber(divisor)), want 0")
                }
            case .minimum, .maximum:
                if numberOf(value) == nil { return want(value, "number", keyword) }
            case .exclusiveMinimum, .exclusiveMaximum:
                if draft == .draft4 {
                    if case .bool = value { return nil }
                    return want(value, "boolean", keyword)
                }
                if numberOf(value) == nil { return want(value, "number", keyword) }
            case .minLength, .maxLength, .minItems, .maxItems, .minProperties, .maxProperties, .minContains, .maxContains:
                var problem: SchemaViolation?
                if numberOf(value) == nil || !isInteger(value) {
                    problem = want(value, "integer", keyword)
                } else if numericValue(value) < 0 {
                    problem = leaf(at(keyword), "minimum: got \(schemaNumber(numericValue(value))), want 0")
                }
                guard let problem else { return nil }
                // Drafts 4-7 define the `min*` counts as an allOf (a count with a default of 0).
                if draft <= .draft7 && keyword.hasPrefix("min") && keyword != "minContains" {
                    return leaf(at(keyword), "'allOf' failed", [problem])
                }
                return problem
            case .required:
                guard case .list(let names) = value else { return want(value, "array", keyword) }
                for (index, name) in names.enumerated() where name.stringValue == nil {
                    return leaf(at("required", String(index)), "got \(jsonType(name)), want string")
                }
            case .pattern:
                guard case .string(let pattern) = value else { return want(value, "string", keyword) }
                if !compiles(pattern) {
                    do {
                        _ = try GoRegex(pattern)
                    } catch {
                        return leaf(at("pattern"), "\(schemaQuote(pattern)) is not valid regex: \(error.description)")
                    }
                }
            case .enumeration:
                if value.listValue == nil { return want(value, "array", keyword) }
            case .properties, .patternProperties, .defs, .definitions, .dependentSchemas:
                guard case .map(let children) = value else { return want(value, "object", keyword) }
                if !reporting {
                    for (name, child) in children {
                        if keyword == "patternProperties", !compiles(name) { return leaf(schemaPath, "not valid regex") }
                        if let problem = check(child, schemaPath: schemaPath) { return problem }
                    }
                    return nil
                }
                for name in keys(children) {
                    if keyword == "patternProperties", !compiles(name) {
                        return leaf(at(keyword), "\(schemaQuote(name)) is not valid regex")
                    }
                    if let child = children[name], let problem = check(child, schemaPath: at(keyword, name)) {
                        return problem
                    }
                }
            case .allOf, .anyOf, .oneOf, .prefixItems:
                guard case .list(let children) = value else { return want(value, "array", keyword) }
                if children.isEmpty { return leaf(at(keyword), "minItems: got 0, want 1") }
                for (index, child) in children.enumerated() {
                    if let problem = check(child, schemaPath: reporting ? at(keyword, String(index)) : schemaPath) { return problem }
                }
            case .items where draft < .draft2020:
                if case .list(let children) = value {
                    for (index, child) in children.enumerated() {
                        if let problem = check(child, schemaPath: reporting ? at(keyword, String(index)) : schemaPath) { return problem }
                    }
                } else if let problem = check(value, schemaPath: at(keyword)) {
                    return problem
                }
            case .additionalProperties where draft == .draft4, .additionalItems where draft == .draft4:
                // Draft 4 allows a boolean here, though not as a schema elsewhere.
                if case .bool = value { return nil }
                if let problem = check(value, schemaPath: at(keyword)) { return problem }
            case .items, .additionalProperties, .additionalItems, .contains, .not, .conditionIf, .conditionThen, .conditionElse,
                .propertyNames, .unevaluatedProperties, .unevaluatedItems:
                if let problem = check(value, schemaPath: at(keyword)) { return problem }
            default:
                return nil
            }
            return nil
        }
    }
}
