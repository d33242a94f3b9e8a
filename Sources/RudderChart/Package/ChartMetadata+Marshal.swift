import RudderCore
import RudderYAML

/// Chart.yaml as Helm writes it into archives and prints it in `helm show
/// chart`: `yaml.Marshal(chart.Metadata)` from sigs.k8s.io/yaml, so fields go
/// through encoding/json with their tags (empty fields left out, except a
/// dependency's `name` and `repository`), keys sorted, comments gone.
extension ChartMetadata {
    /// The metadata as the map encoding/json would make of it.
    public var marshalledValue: Value {
        var map: [String: Value] = [:]
        func string(_ key: String, _ text: String) { if !text.isEmpty { map[key] = .string(text) } }
        func strings(_ key: String, _ list: [String]) { if !list.isEmpty { map[key] = .list(list.map(Value.string)) } }
        string("name", name)
        string("home", home)
        strings("sources", sources)
        string("version", version)
        string("description", description)
        strings("keywords", keywords)
        if !maintainers.isEmpty {
            map["maintainers"] = .list(maintainers.map { maintainer in
                guard let maintainer else { return .null }
                var entry: [String: Value] = [:]
                if !maintainer.name.isEmpty { entry["name"] = .string(maintainer.name) }
                if !maintainer.email.isEmpty { entry["email"] = .string(maintainer.email) }
                if !maintainer.url.isEmpty { entry["url"] = .string(maintainer.url) }
                return .map(entry)
            })
        }
        string("icon", icon)
        string("apiVersion", apiVersion)
        string("condition", condition)
        string("tags", tags)
        string("appVersion", appVersion)
        if deprecated { map["deprecated"] = .bool(true) }
        if !annotations.isEmpty { map["annotations"] = .map(annotations.mapValues(Value.string)) }
        string("kubeVersion", kubeVersion)
        if !dependencies.isEmpty { map["dependencies"] = .list(dependencies.map(\.marshalledValue)) }
        string("type", type)
        return .map(map)
    }

    /// `yaml.Marshal(metadata)`: the bytes of `<chart>/Chart.yaml` in an archive.
    public var marshalledYAML: String {
        YAMLWriter.marshal(marshalledValue)
    }
}

extension ChartDependency {
    /// A dependency as encoding/json writes it: `name` and `repository` always.
    public var marshalledValue: Value {
        var entry: [String: Value] = ["name": .string(name), "repository": .string(repository)]
        if !version.isEmpty { entry["version"] = .string(version) }
        if !condition.isEmpty { entry["condition"] = .string(condition) }
        if !tags.isEmpty { entry["tags"] = .list(tags.map(Value.string)) }
        if enabled { entry["enabled"] = .bool(true) }
        if !alias.isEmpty { entry["alias"] = .string(alias) }
        let imports: [Value] = importValues.compactMap { item in
            switch item {
            case .exports(let name): return .string(name)
            case .mapping(let child, let parent): return .map(["child": .string(child), "parent": .string(parent)])
            case .ignored: return nil
            }
        }
        if !imports.isEmpty { entry["import-values"] = .list(imports) }
        return .map(entry)
    }

    /// encoding/json of Helm's `Dependency` struct: fields in declaration order, empty ones left out.
    var goJSON: String {
        func quoted(_ text: String) -> String { JSONWriter.encode(.string(text)) }
        var fields = ["\"name\":" + quoted(name)]
        if !version.isEmpty { fields.append("\"version\":" + quoted(version)) }
        fields.append("\"repository\":" + quoted(repository))
        if !condition.isEmpty { fields.append("\"condition\":" + quoted(condition)) }
        if !tags.isEmpty { fields.append("\"tags\":[" + tags.map(quoted).joined(separator: ",") + "]") }
        if enabled { fields.append("\"enabled\":true") }
        if case .list(let imports)? = marshalledValue.mapValue?["import-values"] {
            fields.append("\"import-values\":" + JSONWriter.encode(.list(imports)))
        }
        if !alias.isEmpty { fields.append("\"alias\":" + quoted(alias)) }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
