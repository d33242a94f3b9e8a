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
        guard let head = YAMLHeadScanner.scan(document) else { return nil }
        return ManifestHead(kind: head.kind, name: head.name, annotations: head.annotations)
    }

    /// The full reading: the document unmarshalled into a value, as Helm does.
    static func fullRead(_ document: String) throws -> ManifestHead {
        let value: Value
        do {
            value = try YAMLReader.unmarshal(Array(document.utf8), file: "manifest", top: .any)
        } catch {
            throw Failure(description: error.helmMessage)
        }
        func jsonKind(_ v: Value) -> String {
            switch v {
            case .string: return "string"
            case .list: return "array"
            case .bool: return "bool"
            case .int, .int64, .float: return "number"
            default: return "object"
            }
        }
        let prefix = "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
        switch value {
        case .null:
            return ManifestHead()
        case .map(let map):
            var head = ManifestHead()
            if let kind = map["kind"] {
                switch kind {
                case .string(let s): head.kind = s
                case .null: break
                default:
                    throw Failure(description: prefix + jsonKind(kind) + " into Go struct field SimpleHead.kind of type string")
                }
            }
            if let metadata = map["metadata"], case .map(let meta) = metadata {
                if case .string(let name)? = meta["name"] { head.name = name }
                if case .map(let annotations)? = meta["annotations"] {
                    for (k, v) in annotations {
                        switch v {
                        case .string(let s): head.annotations[k] = s
                        case .null: break
                        default:
                            throw Failure(
                                description: prefix + jsonKind(v)
                                    + " into Go struct field .metadata.annotations of type string")
                        }
                    }
                }
            }
            return head
        default:
            throw Failure(description: prefix + jsonKind(value) + " into Go value of type util.SimpleHead")
        }
    }
}
