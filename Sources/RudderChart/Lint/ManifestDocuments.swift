import RudderCore
import RudderYAML

/// The head of a rendered Kubernetes object, as Helm's lint reads it
/// (`k8sYamlStruct`: apiVersion, kind, metadata.name, metadata.namespace).
struct KubernetesHead: Sendable, Equatable {
    var apiVersion = ""
    var kind = ""
    var name = ""
    var namespace = ""
}

/// Kubernetes' `YAMLOrJSONDecoder` over a rendered file, decoding each document
/// into Helm's `k8sYamlStruct` with sigs.k8s.io/yaml's conversions (numbers
/// and booleans become strings in string fields; field names match
/// case-insensitively) and encoding/json's error texts.
enum ManifestDocuments {
    static let errorPrefix = "error unmarshaling JSON: while decoding JSON: json: "

    /// Each document in order: nil for an empty one, the head, or the error
    /// that ends decoding (nothing follows a failure).
    static func decode(_ content: String) -> [Result<KubernetesHead?, LintFailure>] {
        let trimmed = content.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        if trimmed.hasPrefix("{") { return decodeJSONStream(Array(content.utf8)) }
        var results: [Result<KubernetesHead?, LintFailure>] = []
        switch chunks(content) {
        case .failure(let failure):
            // The documents before the bad separator are still decoded.
            for chunk in failure.chunks {
                let result = decodeChunk(chunk)
                results.append(result)
                if case .failure = result { return results }
            }
            results.append(.failure(LintFailure(failure.message)))
        case .success(let all):
            for chunk in all {
                let result = decodeChunk(chunk)
                results.append(result)
                if case .failure = result { return results }
            }
        }
        return results
    }

    /// A JSON stream (encoding/json's `Decoder`): values one after another. Syntax
    /// errors carry Kubernetes' `json: offset N:` prefix (N counts from the start
    /// of the stream); type errors have no YAML prefix.
    static func decodeJSONStream(_ bytes: [UInt8]) -> [Result<KubernetesHead?, LintFailure>] {
        var results: [Result<KubernetesHead?, LintFailure>] = []
        var base = 0
        var rest = bytes[...]
        func jsonHead(_ value: Value) -> Result<KubernetesHead?, LintFailure> {
            switch head(value) {
            case .failure(let failure): return .failure(LintFailure(failure.message.replacingAll(errorPrefix, with: "json: ")))
            case .success(let decoded): return .success(decoded)
            }
        }
        while true {
            let space = rest.prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }.count
            rest = rest.dropFirst(space)
            base += space
            guard !rest.isEmpty else { return results }
            do {
                results.append(jsonHead(try JSONReader.parse(Array(rest), file: "manifest")))
                return results
            } catch {
                // More values may follow the first: read one and go on.
                var reader = JSONPrefixReader(scalars: Array(String(decoding: rest, as: UTF8.self).unicodeScalars), position: 0)
                if let value = reader.readValue() {
                    let consumed = reader.scalars[0..<reader.position].reduce(0) { $0 + String($1).utf8.count }
                    let result = jsonHead(value)
                    results.append(result)
                    if case .failure = result { return results }
                    rest = rest.dropFirst(consumed)
                    base += consumed
                    continue
                }
                let offset = base + (error.position?.offset ?? 0) + 1
                results.append(.failure(LintFailure("json: offset \(offset): " + error.helmMessage)))
                return results
            }
        }
    }

    static func decodeChunk(_ chunk: String) -> Result<KubernetesHead?, LintFailure> {
        do {
            return head(try YAMLReader.unmarshal(Array(chunk.utf8), file: "manifest", top: .any))
        } catch {
            return .failure(LintFailure(error.helmMessage))
        }
    }

    /// The first YAML document of `content` (yaml.Unmarshal reads no further).
    static func firstDocument(_ content: String) -> Result<Value, LintFailure> {
        do {
            return .success(try YAMLReader.unmarshal(Array(content.utf8), file: "manifest", top: .any))
        } catch {
            return .failure(LintFailure(error.helmMessage))
        }
    }

    struct SeparatorFailure: Error {
        var chunks: [String]
        var message: String
    }

    /// Kubernetes' `YAMLReader`: documents end at lines starting `---` followed
    /// only by spaces or a comment; other text after `---` is an error.
    static func chunks(_ content: String) -> Result<[String], SeparatorFailure> {
        var result: [String] = []
        var buffer = ""
        // Lines split on bytes, each with its "\n" ("\r\n" is one Character in Swift).
        var lines: [String] = []
        var start = content.utf8.startIndex
        for index in content.utf8.indices where content.utf8[index] == UInt8(ascii: "\n") {
            let end = content.utf8.index(after: index)
            lines.append(String(decoding: content.utf8[start..<end], as: UTF8.self))
            start = end
        }
        if start < content.utf8.endIndex { lines.append(String(decoding: content.utf8[start...], as: UTF8.self)) }
        for line in lines {
            if line.hasPrefix("---") {
                let rest = ManifestSorter.trimSpace(Substring(line.dropFirst(3)))
                if let first = rest.first, first != "#" {
                    return .failure(SeparatorFailure(chunks: result, message: "invalid Yaml document separator: \(rest)"))
                }
                if !buffer.isEmpty {
                    result.append(buffer)
                    buffer = ""
                }
                continue
            }
            buffer += line
        }
        if !buffer.isEmpty { result.append(buffer) }
        return .success(result)
    }

    /// A decoded document into `k8sYamlStruct`.
    static func head(_ value: Value) -> Result<KubernetesHead?, LintFailure> {
        switch value {
        case .null:
            return .success(nil)
        case .map(let map):
            var head = KubernetesHead()
            for (key, field) in orderedFields(map, names: ["apiVersion", "Kind", "Metadata"]) {
                switch key {
                case "apiVersion":
                    switch stringField(field, "k8sYamlStruct.apiVersion") {
                    case .success(let text): head.apiVersion = text
                    case .failure(let failure): return .failure(failure)
                    }
                case "Kind":
                    switch stringField(field, "k8sYamlStruct.Kind") {
                    case .success(let text): head.kind = text
                    case .failure(let failure): return .failure(failure)
                    }
                default:
                    switch field {
                    case .null: continue
                    case .map(let metadata):
                        for (metadataKey, metadataField) in orderedFields(metadata, names: ["Namespace", "Name"]) {
                            switch stringField(metadataField, "k8sYamlMetadata.Metadata." + metadataKey) {
                            case .success(let text):
                                if metadataKey == "Name" { head.name = text } else { head.namespace = text }
                            case .failure(let failure):
                                return .failure(failure)
                            }
                        }
                    default:
                        return .failure(LintFailure(
                            errorPrefix + "cannot unmarshal \(LintContext.jsonKind(field)) into Go struct field k8sYamlStruct.Metadata of type rules.k8sYamlMetadata"))
                    }
                }
            }
            return .success(head)
        default:
            return .failure(LintFailure(errorPrefix + "cannot unmarshal \(LintContext.jsonKind(value)) into Go value of type rules.k8sYamlStruct"))
        }
    }

    /// The entries of `map` that set a field of `names` (case-insensitively, as
    /// encoding/json matches), in sorted key order: later entries win.
    static func orderedFields(_ map: [String: Value], names: [String]) -> [(String, Value)] {
        var result: [(String, Value)] = []
        for key in map.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let folded = key.lowercased()
            if let name = names.first(where: { $0.lowercased() == folded }), let value = map[key] {
                result.append((name, value))
            }
        }
        return result
    }

    /// The value of the field `name` of a decoded map, matched as encoding/json does.
    static func field(_ map: [String: Value], _ name: String) -> Value? {
        if let exact = map[name] { return exact }
        return orderedFields(map, names: [name]).last?.1
    }

    /// A string field: sigs.k8s.io/yaml turns scalars into strings for it.
    static func stringField(_ value: Value, _ goField: String) -> Result<String, LintFailure> {
        switch value {
        case .null: return .success("")
        case .string(let text): return .success(text)
        case .bool(let flag): return .success(flag ? "true" : "false")
        case .int(let number): return .success(String(number))
        case .int64(let number): return .success(String(number))
        case .float(let number): return .success(formatYAMLFloat(number))
        default:
            return .failure(LintFailure(
                errorPrefix + "cannot unmarshal \(LintContext.jsonKind(value)) into Go struct field \(goField) of type string"))
        }
    }
}
