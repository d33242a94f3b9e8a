/// The keywords the schema code looks at, recognised from a key without
/// hashing it: the key's length and first byte leave one or two candidates,
/// compared in full. A schema walk classifies every key of every subschema, so
/// this is most of what the walks cost on keys they ignore (`description`, …).
enum SchemaKeyword: String, CaseIterable {
    case type, const, format, pattern, required, properties, items, contains, not, title, description
    case minimum, maximum, multipleOf, exclusiveMinimum, exclusiveMaximum
    case minLength, maxLength, minItems, maxItems, minProperties, maxProperties, minContains, maxContains
    case enumeration = "enum"
    case patternProperties, additionalProperties, additionalItems, propertyNames, unevaluatedProperties, unevaluatedItems
    case prefixItems, uniqueItems, dependencies, dependentSchemas, dependentRequired
    case allOf, anyOf, oneOf
    case conditionIf = "if", conditionThen = "then", conditionElse = "else"
    case defs = "$defs", definitions
    case reference = "$ref", dynamicReference = "$dynamicRef", recursiveReference = "$recursiveRef"
    case identifier = "$id", legacyIdentifier = "id", schema = "$schema", anchor = "$anchor", dynamicAnchor = "$dynamicAnchor"
    case examples, defaultValue = "default"
    case comment = "$comment", readOnly, writeOnly, deprecated

    /// Candidates by key length, each with its first byte.
    private static let byLength: [[(first: UInt8, keyword: SchemaKeyword)]] = {
        var table = Array(repeating: [(first: UInt8, keyword: SchemaKeyword)](), count: 22)
        for keyword in allCases {
            let utf8 = keyword.rawValue.utf8
            if let first = utf8.first { table[utf8.count].append((first, keyword)) }
        }
        return table
    }()

    /// The keyword `key` names, or nil for any other key.
    @inline(__always)
    static func named(_ key: String) -> SchemaKeyword? {
        let utf8 = key.utf8
        let count = utf8.count
        guard count > 1, count < 22, let first = utf8.first else { return nil }
        for candidate in byLength[count] where candidate.first == first {
            if key == candidate.keyword.rawValue { return candidate.keyword }
        }
        return nil
    }
}
