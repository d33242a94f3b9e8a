import RudderCore
import RudderYAML

/// A problem in a release-set file, with where it is.
public struct ReleaseSetError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var position: SourcePosition?

    public init(_ message: String, at position: SourcePosition? = nil) {
        self.message = message
        self.position = position
    }

    public var description: String {
        guard let position else { return message }
        return "\(position): \(message)"
    }
}

extension ReleaseSet {
    /// The most bytes a release-set file may hold.
    public static let maxFileSize = 16 * 1024 * 1024

    /// Reads a release-set file; relative chart and values paths are resolved
    /// against the file's folder.
    public static func load(path: String) throws(ReleaseSetError) -> ReleaseSet {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path, limit: maxFileSize)
        } catch {
            throw ReleaseSetError("cannot read release set: \(error.reason)", at: SourcePosition(file: path, line: 1, column: 1))
        }
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        return try parse(bytes, file: path, baseDirectory: folder.isEmpty ? "/" : folder)
    }

    // release-set := mapping { defaults: layer, environments: { name: layer }, releases: [release] }
    // release     := layer ∪ { name: string, environment: string }
    // layer       := { namespace, chart, values: [path | mapping], set, setString, setJSON,
    //                  labels: { string: string }, kubeVersion, apiVersions, includeCRDs,
    //                  skipTests, noHooks, isUpgrade, skipSchemaValidation }
    public static func parse(_ bytes: [UInt8], file: String, baseDirectory: String) throws(ReleaseSetError) -> ReleaseSet {
        let documents: [YAMLNode]
        do {
            documents = try YAMLReader.readDocuments(bytes, file: file)
        } catch {
            throw ReleaseSetError(error.problem, at: error.position)
        }
        guard documents.count == 1, let root = documents.first else {
            throw ReleaseSetError("a release set is one YAML document (found \(documents.count))", at: SourcePosition(file: file, line: 1, column: 1))
        }
        let reader = LayerReader(baseDirectory: baseDirectory)
        try reader.expectMapping(root, what: "the release set")
        var defaults = ReleaseLayer()
        var environments: [String: ReleaseLayer] = [:]
        var releaseNodes: [YAMLNode] = []
        for entry in root.mappingEntries {
            switch try reader.key(entry) {
            case "defaults":
                defaults = try reader.layer(entry.value, allowing: [])
            case "environments":
                try reader.expectMapping(entry.value, what: "environments")
                for environment in entry.value.mappingEntries {
                    environments[try reader.key(environment)] = try reader.layer(environment.value, allowing: [])
                }
            case "releases":
                guard case .sequence(let items, _, _) = entry.value.kind else {
                    throw ReleaseSetError("releases must be a list", at: entry.value.position)
                }
                releaseNodes = items
            case let other:
                throw ReleaseSetError("unknown key \"\(other)\" (expected defaults, environments, releases)", at: entry.key.position)
            }
        }
        var releases: [ReleaseSpec] = []
        var seen: [String: SourcePosition] = [:]
        for node in releaseNodes {
            let own = try reader.layer(node, allowing: ["name", "environment"])
            guard let name = try reader.string(node["name"]) else {
                throw ReleaseSetError("a release needs a name", at: node.position)
            }
            guard ReleaseName.isValid(name) else {
                throw ReleaseSetError("invalid release name \"\(name)\": \(ReleaseName.rule)", at: node["name"]?.position)
            }
            if let first = seen[name] {
                throw ReleaseSetError("release \"\(name)\" is listed twice (first at \(first))", at: node.position)
            }
            seen[name] = node.position
            let environment = try reader.string(node["environment"])
            var settings = defaults
            if let environment {
                guard let layer = environments[environment] else {
                    throw ReleaseSetError("unknown environment \"\(environment)\"", at: node["environment"]?.position)
                }
                settings = settings.applying(layer)
            }
            settings = settings.applying(own)
            guard settings.chart != nil else {
                throw ReleaseSetError("release \"\(name)\" has no chart", at: node.position)
            }
            releases.append(ReleaseSpec(name: name, environment: environment, settings: settings, position: node.position))
        }
        return ReleaseSet(file: file, releases: releases)
    }
}

/// Helm's release name rule (`chartutil.ValidateReleaseName`): a DNS-1123
/// subdomain of at most 53 characters. Also what keeps a release's output
/// folder inside the output directory.
public enum ReleaseName {
    public static let rule = "lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 53 characters"

    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 53 else { return false }
        func alphanumeric(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) }
        // Each dot-separated label starts and ends with an alphanumeric.
        for label in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard let first = label.first, let last = label.last, alphanumeric(first), alphanumeric(last) else { return false }
            guard label.allSatisfy({ alphanumeric($0) || $0 == UInt8(ascii: "-") }) else { return false }
        }
        return true
    }
}

/// Reads layer mappings, checking every key and type.
struct LayerReader {
    var baseDirectory: String

    func expectMapping(_ node: YAMLNode, what: String) throws(ReleaseSetError) {
        switch node.kind {
        case .mapping: return
        case .alias(_, let target): try expectMapping(target, what: what)
        default: throw ReleaseSetError("\(what) must be a mapping", at: node.position)
        }
    }

    func key(_ entry: YAMLMappingEntry) throws(ReleaseSetError) -> String {
        guard let text = entry.key.scalarText else {
            throw ReleaseSetError("keys must be plain strings", at: entry.key.position)
        }
        return text
    }

    func string(_ node: YAMLNode?) throws(ReleaseSetError) -> String? {
        guard let node else { return nil }
        switch node.value {
        case .string(let text): return text
        case .null: return nil
        case .bool, .int, .int64, .float:
            // A scalar such as `1.31` or `true` is taken as written.
            if let text = node.scalarText { return text }
        default: break
        }
        throw ReleaseSetError("expected a string", at: node.position)
    }

    func bool(_ node: YAMLNode) throws(ReleaseSetError) -> Bool {
        guard case .bool(let flag) = node.value else { throw ReleaseSetError("expected true or false", at: node.position) }
        return flag
    }

    /// A list of strings, or one string.
    func strings(_ node: YAMLNode) throws(ReleaseSetError) -> [String] {
        if case .sequence(let items, _, _) = node.kind {
            var result: [String] = []
            for item in items {
                guard let text = try string(item) else { throw ReleaseSetError("expected a string", at: item.position) }
                result.append(text)
            }
            return result
        }
        guard let text = try string(node) else { return [] }
        return [text]
    }

    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") || baseDirectory == "." { return path }
        return baseDirectory + "/" + path
    }

    /// `set:` as `key=value` strings, or helmfile's `{name: key, value: v}` items.
    func setList(_ node: YAMLNode) throws(ReleaseSetError) -> [String] {
        guard case .sequence(let items, _, _) = node.kind else { return try strings(node) }
        var result: [String] = []
        for item in items {
            if case .mapping = item.kind {
                guard let name = try string(item["name"]) else {
                    throw ReleaseSetError("a set item needs a name", at: item.position)
                }
                result.append(name + "=" + ((try string(item["value"])) ?? ""))
            } else {
                result += try strings(item)
            }
        }
        return result
    }

    func layer(_ node: YAMLNode, allowing extra: Set<String>) throws(ReleaseSetError) -> ReleaseLayer {
        try expectMapping(node, what: "a release or layer")
        var layer = ReleaseLayer()
        for entry in node.mappingEntries {
            let value = entry.value
            switch try key(entry) {
            case let name where extra.contains(name): continue
            case "namespace": layer.namespace = try string(value)
            case "chart": layer.chart = try string(value).map(resolve)
            case "values":
                let items: [YAMLNode]
                if case .sequence(let list, _, _) = value.kind { items = list } else { items = [value] }
                for item in items {
                    if case .map(let map) = item.value {
                        layer.values.append(.inline(map, origin: item.position.description))
                    } else if let path = try string(item) {
                        layer.values.append(.file(resolve(path)))
                    }
                }
            case "set": layer.set = try setList(value)
            case "setString": layer.setString = try setList(value)
            case "setJSON": layer.setJSON = try strings(value)
            case "labels":
                try expectMapping(value, what: "labels")
                for label in value.mappingEntries {
                    layer.labels[try key(label)] = try string(label.value) ?? ""
                }
            case "kubeVersion": layer.kubeVersion = try string(value)
            case "apiVersions": layer.apiVersions = try strings(value)
            case "includeCRDs": layer.includeCRDs = try bool(value)
            case "skipTests": layer.skipTests = try bool(value)
            case "noHooks": layer.noHooks = try bool(value)
            case "isUpgrade": layer.isUpgrade = try bool(value)
            case "skipSchemaValidation": layer.skipSchemaValidation = try bool(value)
            case let other:
                throw ReleaseSetError("unknown key \"\(other)\"", at: entry.key.position)
            }
        }
        return layer
    }
}
