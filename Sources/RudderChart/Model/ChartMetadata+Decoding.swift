import RudderCore

/// Decoding of Chart.yaml from parsed YAML, with the semantics of Helm's
/// `yaml.Unmarshal` into `chart.Metadata` (sigs.k8s.io/yaml, then encoding/json):
/// field names match case-insensitively, scalars become strings for string
/// fields, nulls leave a field empty, unknown fields are ignored, and a field of
/// the wrong shape gives Go's `json: cannot unmarshal …` error.
extension ChartMetadata {
    /// Builds metadata from a parsed Chart.yaml document. A document that is not
    /// a map gives empty metadata, as in Helm (validation then fails on the name).
    public init(decoding value: Value) throws(ChartError) {
        self.init()
        var decoder = MetadataDecoder(structName: "Metadata")
        // Not a map (empty, a scalar, a list): empty metadata, which validation then rejects, as in Helm.
        guard case .map(let map) = value else { return }
        for (key, field) in decoder.orderedFields(map, known: Self.fieldNames) {
            switch key {
            case "name": name = try decoder.string(field, "name")
            case "home": home = try decoder.string(field, "home")
            case "sources": sources = try decoder.strings(field, "sources")
            case "version": version = try decoder.string(field, "version")
            case "description": description = try decoder.string(field, "description")
            case "keywords": keywords = try decoder.strings(field, "keywords")
            case "icon": icon = try decoder.string(field, "icon")
            case "apiversion": apiVersion = try decoder.string(field, "apiVersion")
            case "condition": condition = try decoder.string(field, "condition")
            case "tags": tags = try decoder.string(field, "tags")
            case "appversion": appVersion = try decoder.string(field, "appVersion")
            case "deprecated": deprecated = try decoder.bool(field, "deprecated")
            case "kubeversion": kubeVersion = try decoder.string(field, "kubeVersion")
            case "type": type = try decoder.string(field, "type")
            case "annotations": annotations = try decoder.stringMap(field, "annotations")
            case "maintainers":
                maintainers = []
                for item in try decoder.list(field, "maintainers", elementType: "*v2.Maintainer") {
                    if case .null = item {
                        maintainers.append(nil)
                    } else {
                        maintainers.append(try decoder.maintainer(item))
                    }
                }
            case "dependencies":
                dependencies = []
                nullDependencyCount = 0
                for item in try decoder.list(field, "dependencies", elementType: "*v2.Dependency") {
                    if case .null = item {
                        nullDependencyCount += 1
                    } else {
                        dependencies.append(try decoder.dependency(item))
                    }
                }
            default: break
            }
        }
    }

    static let fieldNames = [
        "name", "home", "sources", "version", "description", "keywords", "maintainers", "icon",
        "apiversion", "condition", "tags", "appversion", "deprecated", "annotations", "kubeversion",
        "dependencies", "type",
    ]
}

/// Go encoding/json's decoding rules, as far as Chart.yaml needs them.
struct MetadataDecoder {
    var structName: String

    /// The fields of `map` that match a known (lower-cased) field name. Go's
    /// decoder matches names case-insensitively and sigs.k8s.io/yaml hands it
    /// the keys sorted, so of `Name` and `name` the last in byte order wins.
    func orderedFields(_ map: [String: Value], known: [String]) -> [(String, Value)] {
        var result: [(String, Value)] = []
        for field in known {
            let candidates = map.keys.filter { $0.lowercased() == field }
                .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            guard let key = candidates.last, let value = map[key] else { continue }
            result.append((field, value))
        }
        return result
    }

    func mismatch(_ value: Value, _ field: String, _ goType: String) -> ChartError {
        ChartError(
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(jsonKind(value)) into Go struct field \(structName).\(field) of type \(goType)"
        )
    }

    func jsonKind(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .int64, .float: return "number"
        case .string, .bytes: return "string"
        case .list: return "array"
        case .map, .object: return "object"
        }
    }

    func string(_ value: Value, _ field: String) throws(ChartError) -> String {
        switch value {
        case .null: return ""
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .int64(let i): return String(i)
        case .float(let d): return formatYAMLFloat(d)
        default: throw mismatch(value, field, "string")
        }
    }

    func bool(_ value: Value, _ field: String) throws(ChartError) -> Bool {
        switch value {
        case .null: return false
        case .bool(let b): return b
        default: throw mismatch(value, field, "bool")
        }
    }

    func list(_ value: Value, _ field: String, elementType: String) throws(ChartError) -> [Value] {
        switch value {
        case .null: return []
        case .list(let items): return items
        default: throw mismatch(value, field, "[]" + elementType)
        }
    }

    func strings(_ value: Value, _ field: String) throws(ChartError) -> [String] {
        var result: [String] = []
        for item in try list(value, field, elementType: "string") {
            if case .list = item { throw mismatch(item, field, "string") }
            if case .map = item { throw mismatch(item, field, "string") }
            result.append(try string(item, field))
        }
        return result
    }

    func stringMap(_ value: Value, _ field: String) throws(ChartError) -> [String: String] {
        switch value {
        case .null: return [:]
        case .map(let map):
            var result: [String: String] = [:]
            for (key, item) in map { result[key] = try string(item, field) }
            return result
        default: throw mismatch(value, field, "map[string]string")
        }
    }

    func maintainer(_ value: Value) throws(ChartError) -> ChartMaintainer {
        guard case .map(let map) = value else { throw mismatch(value, "maintainers", "v2.Maintainer") }
        var result = ChartMaintainer()
        // Go names the innermost struct in its error: `Maintainer.maintainers.name`.
        let inner = MetadataDecoder(structName: "Maintainer")
        for (key, field) in orderedFields(map, known: ["name", "email", "url"]) {
            let text = try inner.string(field, "maintainers." + key)
            switch key {
            case "name": result.name = text
            case "email": result.email = text
            default: result.url = text
            }
        }
        return result
    }

    func dependency(_ value: Value) throws(ChartError) -> ChartDependency {
        guard case .map(let map) = value else { throw mismatch(value, "dependencies", "v2.Dependency") }
        var result = ChartDependency()
        let known = ["name", "version", "repository", "condition", "tags", "enabled", "import-values", "alias", "depends-on"]
        // Go names the innermost struct in its error: `Dependency.dependencies.tags`.
        let inner = MetadataDecoder(structName: "Dependency")
        for (key, field) in orderedFields(map, known: known) {
            let path = "dependencies." + key
            switch key {
            case "name": result.name = try inner.string(field, path)
            case "version": result.version = try inner.string(field, path)
            case "repository": result.repository = try inner.string(field, path)
            case "condition": result.condition = try inner.string(field, path)
            case "tags": result.tags = try inner.strings(field, path)
            case "enabled": result.enabled = try inner.bool(field, path)
            case "alias": result.alias = try inner.string(field, path)
            case "depends-on": result.dependsOn = try inner.strings(field, path)
            default:
                result.importValues = try inner.list(field, path, elementType: "interface {}").map(Self.importValue)
            }
        }
        return result
    }

    /// An `import-values` entry: a string, or a map whose `child` and `parent`
    /// are printed with Go's `%v`; anything else is ignored, as in Helm.
    static func importValue(_ value: Value) -> ImportValue {
        switch value {
        case .string(let s): return .exports(s)
        case .map(let map):
            return .mapping(child: goPrint(map["child"]), parent: goPrint(map["parent"]))
        default: return .ignored
        }
    }

    /// Go's `%v` of a decoded JSON scalar (a missing key prints `<nil>`).
    static func goPrint(_ value: Value?) -> String {
        guard let value else { return "<nil>" }
        switch value {
        case .null: return "<nil>"
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .int64(let i): return String(i)
        case .float(let d): return formatGoFloat(d)
        default: return "\(value)"
        }
    }
}

/// A float as sigs.k8s.io/yaml turns it into a string field (`strconv.FormatFloat(f, 'g', -1, 64)`).
func formatYAMLFloat(_ value: Double) -> String { GoFloatFormat.g(value) }

/// Go's `%v` of a float64.
func formatGoFloat(_ value: Double) -> String { GoFloatFormat.v(value) }
