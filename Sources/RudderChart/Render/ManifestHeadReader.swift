import RudderCore
import RudderYAML

/// Reads the head of a rendered document (kind, name, annotations) the way Helm's
/// `yaml.Unmarshal(doc, &SimpleHead{})` does, with its error texts.
enum ManifestHeadReader {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The head of a rendered document: from the quick scanner when it is
    /// sure of the answer, otherwise (and for every error) from the full reader.
    static func read(_ document: String) throws -> ManifestHead {
        if let head = quickRead(document) { return head }
        return try fullRead(document)
    }

    /// The quick scanner's answer, or nil when it is unsure.
    static func quickRead(_ document: String) -> ManifestHead? {
        YAMLHeadScanner.scan(document)
    }

    /// The full reading, as Helm's `yaml.Unmarshal(doc, &SimpleHead{})` does it:
    /// sigs.k8s.io/yaml turns the YAML into JSON guided by the target struct
    /// (a number or bool where a string field stands becomes its text), then
    /// Go's JSON decoder fills the struct: keys in sorted order, matched to
    /// fields ignoring case (the last match wins), a null leaving a string
    /// alone, and the first type error reported once the whole document is read.
    static func fullRead(_ document: String) throws -> ManifestHead {
        let value: Value
        do {
            value = try YAMLReader.unmarshal(Array(document.utf8), file: "manifest", top: .any)
        } catch {
            throw Failure(description: error.helmMessage)
        }
        let prefix = "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
        switch value {
        case .null:
            return ManifestHead()
        case .map(let map):
            var decoder = HeadDecoder()
            decoder.decodeTop(map)
            if let error = decoder.firstError { throw Failure(description: prefix + error) }
            return decoder.head
        default:
            throw Failure(description: prefix + HeadDecoder.jsonKind(value) + " into Go value of type util.SimpleHead")
        }
    }
}

/// Go's JSON decoding of `SimpleHead` (apiVersion, kind, metadata.name,
/// metadata.annotations) from an unmarshalled document.
struct HeadDecoder {
    var head = ManifestHead()
    var firstError: String?

    static let metadataType =
        #"struct { Name string "json:\"name\""; Annotations map[string]string "json:\"annotations\"" }"#

    static func jsonKind(_ v: Value) -> String {
        switch v {
        case .string: return "string"
        case .list: return "array"
        case .bool: return "bool"
        case .int, .int64, .float: return "number"
        default: return "object"
        }
    }

    mutating func fail(_ text: String) {
        if firstError == nil { firstError = text }
    }

    /// Keys in the order Go's `json.Marshal` writes a map: sorted by bytes.
    static func sortedKeys(_ map: [String: Value]) -> [String] {
        map.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// The field `key` fills, as Go's decoder picks it: an exact match, else one equal ignoring case.
    static func field(_ key: String, _ fields: [String]) -> String? {
        if fields.contains(key) { return key }
        return fields.first { goEqualFold($0, key) }
    }

    /// Go's `strings.EqualFold`: equal under simple Unicode case folding (ASCII,
    /// plus the Kelvin sign for k and the long s for s, the only non-ASCII
    /// runes that fold to the ASCII letters of the head's field names).
    static func goEqualFold(_ field: String, _ key: String) -> Bool {
        let a = Array(field.unicodeScalars)
        let b = Array(key.unicodeScalars)
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            if x == y { continue }
            let lower = Character(x).lowercased()
            switch y.value {
            case 0x212A: if lower != "k" { return false }
            case 0x17F: if lower != "s" { return false }
            default: if Character(y).lowercased() != lower || y.value >= 0x80 { return false }
            }
        }
        return true
    }

    /// A string field: text kept, a scalar turned into its text, null ignored.
    mutating func string(_ value: Value, field: String) -> String? {
        switch value {
        case .string(let s): return s
        case .null: return nil
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .int64(let i): return String(i)
        case .float(let f): return GoFloatFormat.g(f)
        default:
            fail(Self.jsonKind(value) + " into Go struct field " + field + " of type string")
            return nil
        }
    }

    mutating func decodeTop(_ map: [String: Value]) {
        for key in Self.sortedKeys(map) {
            guard let value = map[key] else { continue }
            switch Self.field(key, ["apiVersion", "kind", "metadata"]) {
            case "apiVersion":
                _ = string(value, field: "SimpleHead.apiVersion")
            case "kind":
                if let kind = string(value, field: "SimpleHead.kind") { head.kind = kind }
            case "metadata":
                decodeMetadata(value)
            default:
                continue
            }
        }
    }

    mutating func decodeMetadata(_ value: Value) {
        switch value {
        case .null:
            // `Metadata` is a pointer in Go: a null resets it.
            head.name = ""
            head.annotations = [:]
        case .map(let metadata):
            for key in Self.sortedKeys(metadata) {
                guard let item = metadata[key] else { continue }
                switch Self.field(key, ["name", "annotations"]) {
                case "name":
                    if let name = string(item, field: ".metadata.name") { head.name = name }
                case "annotations":
                    decodeAnnotations(item)
                default:
                    continue
                }
            }
        default:
            fail(Self.jsonKind(value) + " into Go struct field SimpleHead.metadata of type " + Self.metadataType)
        }
    }

    mutating func decodeAnnotations(_ value: Value) {
        switch value {
        case .null:
            head.annotations = [:]
        case .map(let annotations):
            for key in Self.sortedKeys(annotations) {
                guard let item = annotations[key] else { continue }
                // A null element is stored as "" (Go sets the map entry to the zero value).
                head.annotations[key] = string(item, field: ".metadata.annotations") ?? ""
            }
        default:
            fail(Self.jsonKind(value) + " into Go struct field .metadata.annotations of type map[string]string")
        }
    }
}
