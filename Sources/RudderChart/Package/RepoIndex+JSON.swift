import RudderCore
import RudderYAML

/// JSON with keys in a chosen order, written as Go's `json.MarshalIndent(v, "", "  ")`.
indirect enum OrderedJSON {
    case string(String)
    case bool(Bool)
    case list([OrderedJSON])
    case object([(String, OrderedJSON)])
    /// A value written by `JSONWriter` (maps sorted by key, as Go writes maps).
    case value(Value)

    func write(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .string(let text): return JSONWriter.encode(.string(text))
        case .bool(let flag): return flag ? "true" : "false"
        case .value(let value): return JSONWriter.encode(value)
        case .list(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.write(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.map { inner + JSONWriter.encode(.string($0.0)) + ": " + $0.1.write(indent: inner) }
                .joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    /// A plain value: maps with sorted keys (Go's order for maps).
    static func from(_ value: Value) -> OrderedJSON {
        switch value {
        case .map(let map):
            return .object(map.keys.sorted().map { ($0, from(map[$0] ?? .null)) })
        case .list(let items):
            return .list(items.map(from))
        case .string(let text):
            return .string(text)
        case .bool(let flag):
            return .bool(flag)
        default:
            return .value(value)
        }
    }
}

extension ChartMetadata {
    /// The metadata's JSON fields in Helm's struct order, empty ones left out.
    var orderedJSONFields: [(String, OrderedJSON)] {
        var fields: [(String, OrderedJSON)] = []
        func string(_ key: String, _ text: String) { if !text.isEmpty { fields.append((key, .string(text))) } }
        func strings(_ key: String, _ list: [String]) { if !list.isEmpty { fields.append((key, .list(list.map(OrderedJSON.string)))) } }
        string("name", name)
        string("home", home)
        strings("sources", sources)
        string("version", version)
        string("description", description)
        strings("keywords", keywords)
        if !maintainers.isEmpty {
            fields.append(("maintainers", .list(maintainers.map { maintainer in
                guard let maintainer else { return .value(.null) }
                var entry: [(String, OrderedJSON)] = []
                if !maintainer.name.isEmpty { entry.append(("name", .string(maintainer.name))) }
                if !maintainer.email.isEmpty { entry.append(("email", .string(maintainer.email))) }
                if !maintainer.url.isEmpty { entry.append(("url", .string(maintainer.url))) }
                return .object(entry)
            })))
        }
        string("icon", icon)
        string("apiVersion", apiVersion)
        string("condition", condition)
        string("tags", tags)
        string("appVersion", appVersion)
        if deprecated { fields.append(("deprecated", .bool(true))) }
        if !annotations.isEmpty { fields.append(("annotations", .from(.map(annotations.mapValues(Value.string))))) }
        string("kubeVersion", kubeVersion)
        if !dependencies.isEmpty {
            fields.append(("dependencies", .list(dependencies.map { dependency in
                var entry: [(String, OrderedJSON)] = [("name", .string(dependency.name))]
                if !dependency.version.isEmpty { entry.append(("version", .string(dependency.version))) }
                entry.append(("repository", .string(dependency.repository)))
                if !dependency.condition.isEmpty { entry.append(("condition", .string(dependency.condition))) }
                if !dependency.tags.isEmpty { entry.append(("tags", .list(dependency.tags.map(OrderedJSON.string)))) }
                if dependency.enabled { entry.append(("enabled", .bool(true))) }
                if case .list(let imports)? = dependency.marshalledValue.mapValue?["import-values"] {
                    entry.append(("import-values", .from(.list(imports))))
                }
                if !dependency.alias.isEmpty { entry.append(("alias", .string(dependency.alias))) }
                return .object(entry)
            })))
        }
        string("type", type)
        return fields
    }
}

extension IndexEntry {
    var orderedJSON: OrderedJSON {
        var fields = metadata.orderedJSONFields
        fields.append(("urls", .list(urls.map(OrderedJSON.string))))
        fields.append(("created", .string(created)))
        if removed { fields.append(("removed", .bool(true))) }
        if !digest.isEmpty { fields.append(("digest", .string(digest))) }
        return .object(fields)
    }
}
