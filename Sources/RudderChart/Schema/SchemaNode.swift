import RudderCore
import RudderRegex

/// One subschema compiled for validation: the keywords it holds as typed
/// fields (absent keywords are nil and cost nothing), its subschemas and
/// `$ref` targets as indexes into the validator's node table, its patterns
/// compiled. Built once by `SchemaCompiler`, never changed afterwards.
final class SchemaNode: @unchecked Sendable {
    enum Kind {
        /// Not a schema (a number where a schema belongs): everything passes.
        case ignored
        /// `true`: everything passes, and counts as evaluated.
        case accept
        /// `false`: nothing passes.
        case reject
        /// An object: its keywords apply.
        case keywords
    }

    /// A `$ref` (or `$dynamicRef`, `$recursiveRef`): its compiled target, or
    /// the URI that resolved to nothing (reported when applied, as jsonschema does).
    enum Reference {
        case node(Int)
        case unresolved(String)
    }

    // The keyword groups are classes: validation reads them through one
    // reference instead of copying (and retaining) every field at each node.

    /// `additionalProperties` or `additionalItems`: a boolean, or a schema.
    enum Additional {
        case allowed(Bool)
        case schema(Int)
    }

    /// A `dependencies` entry (drafts before 2019-09): names, or a schema.
    enum Dependency {
        case names([String])
        case schema(Int)
    }

    final class ObjectKeywords {
        var minProperties: Int?
        var maxProperties: Int?
        var required: [String]?
        /// Sorted by name.
        var dependencies: [(name: String, dependency: Dependency)] = []
        var properties: [String: Int] = [:]
        /// Sorted by pattern.
        var patternProperties: [(pattern: String, regex: GoRegex, node: Int)] = []
        var additionalProperties: Additional?
        var propertyNames: Int?
        /// Sorted by name.
        var dependentSchemas: [(name: String, node: Int)] = []
        /// Sorted by name.
        var dependentRequired: [(name: String, names: [String])] = []
        /// Whether any keyword walks the properties one by one.
        var visitsProperties: Bool { !properties.isEmpty || !patternProperties.isEmpty || additionalProperties != nil }
    }

    final class ArrayKeywords {
        var minItems: Int?
        var maxItems: Int?
        var uniqueItems = false
        /// Drafts before 2020-12: `items` as a list.
        var itemList: [Int]?
        /// `items` as one schema (any draft).
        var items: Int?
        /// Drafts before 2020-12, with `items` a list.
        var additionalItems: Additional?
        /// 2020-12.
        var prefixItems: [Int] = []
        var contains: Int?
        var minContains: Int?
        var maxContains: Int?
    }

    final class StringKeywords {
        var minLength: Int?
        var maxLength: Int?
        var pattern: (text: String, regex: GoRegex)?
    }

    struct NumberKeywords {
        var minimum: Double?
        var maximum: Double?
        var exclusiveMinimum: Double?
        var exclusiveMaximum: Double?
        var multipleOf: Double?
    }

    final class Applicators {
        var not: Int?
        var allOf: [Int] = []
        var anyOf: [Int] = []
        var oneOf: [Int] = []
        var conditionIf: Int?
        var conditionThen: Int?
        var conditionElse: Int?
    }

    let kind: Kind
    let location: SchemaLocation
    /// Equal for nodes at the same location (a `$ref` target compiled apart
    /// from the same subschema reached in place): what cycle detection compares.
    var locationID: Int
    let draft: JSONSchemaValidator.Draft

    /// Bit set of `TypeBits`; nil without `type` (or with a `type` that is neither a name nor a list).
    var types: UInt8?
    var constant: Value?
    var enumeration: [Value]?
    /// A format jsonschema asserts (drafts 4 to 7), when the node has one.
    var format: String?
    var reference: Reference?
    var dynamicReferences: [(keyword: String, reference: Reference)] = []
    var object: ObjectKeywords?
    var array: ArrayKeywords?
    var string: StringKeywords?
    var number: NumberKeywords?
    var applicators: Applicators?
    var unevaluatedProperties: Int?
    var unevaluatedItems: Int?

    init(kind: Kind, location: SchemaLocation, locationID: Int, draft: JSONSchemaValidator.Draft) {
        self.kind = kind
        self.location = location
        self.locationID = locationID
        self.draft = draft
    }
}

/// The JSON types as bits, for a `type` check without string comparisons.
enum TypeBits {
    static let null: UInt8 = 1 << 0
    static let boolean: UInt8 = 1 << 1
    static let number: UInt8 = 1 << 2
    static let integer: UInt8 = 1 << 3
    static let string: UInt8 = 1 << 4
    static let array: UInt8 = 1 << 5
    static let object: UInt8 = 1 << 6

    static func named(_ name: String) -> UInt8 {
        switch name {
        case "null": return null
        case "boolean": return boolean
        case "number": return number
        case "integer": return integer
        case "string": return string
        case "array": return array
        case "object": return object
        default: return 0
        }
    }

    /// Whether `value` is of one of the types in `bits` (an integral float is an integer).
    @inline(__always)
    static func matches(_ bits: UInt8, _ value: Value) -> Bool {
        switch value {
        case .null: return bits & null != 0
        case .bool: return bits & boolean != 0
        case .int, .int64: return bits & (number | integer) != 0
        case .float(let d): return bits & number != 0 || (bits & integer != 0 && d.isFinite && d == d.rounded())
        case .string, .bytes: return bits & string != 0
        case .list: return bits & array != 0
        case .map, .object: return bits & object != 0
        }
    }
}
