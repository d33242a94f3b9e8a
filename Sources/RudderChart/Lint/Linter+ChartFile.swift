import RudderCore
import RudderYAML

extension LintContext {
    /// Helm's `rules.Chartfile`: Chart.yaml is a file, parses (leniently, then
    /// strictly), and its fields are valid. Later rules need a parsable file.
    mutating func lintChartFile() {
        let file = "Chart.yaml"
        check(.chartYAMLIsFile, file, source.kind(file) == .directory ? "should be a file, not a directory" : nil)

        let data: [UInt8]
        switch source.read(file) {
        case .success(let bytes): data = bytes
        case .failure(let failure):
            check(.chartYAMLParses, file, "unable to parse YAML\n\t" + failure.message)
            return
        }
        let document: Value
        let metadata: ChartMetadata
        do {
            document = try YAMLBridge.readDocument(data, file: file)
            metadata = try Self.decodeMetadata(document)
        } catch {
            check(.chartYAMLParses, file, "unable to parse YAML\n\t" + error.message, position: error.position)
            return
        }
        let root = try? YAMLReader.readDocuments(data, file: file).first
        func position(_ key: String) -> SourcePosition? { root?[key]?.position }

        if let strictError = Self.strictProblem(root) {
            check(.chartYAMLStrict, file, "failed to strictly parse chart metadata file\n\t" + strictError.message,
                  position: strictError.position)
        }
        let raw: [String: Value]
        if case .map(let map) = document { raw = map } else { raw = [:] }

        check(.chartName, file, Self.nameProblem(metadata), position: position("name"))
        check(.chartAPIVersion, file, Self.apiVersionProblem(metadata), position: position("apiVersion"))
        check(.chartVersionType, file, Self.typeProblem(raw, "version"), position: position("version"))
        check(.chartVersion, file, Self.versionProblem(metadata), position: position("version"))
        check(.chartAppVersionType, file, Self.typeProblem(raw, "appVersion"), position: position("appVersion"))
        check(.chartMaintainers, file, Self.maintainerProblem(metadata), position: position("maintainers"))
        check(.chartSources, file, Self.sourcesProblem(metadata), position: position("sources"))
        check(.chartIconPresent, file, metadata.icon.isEmpty ? "icon is recommended" : nil)
        check(.chartIconURL, file,
              !metadata.icon.isEmpty && !URLValidation.isRequestURL(metadata.icon) ? "invalid icon URL '\(metadata.icon)'" : nil,
              position: position("icon"))
        let v2 = ChartMetadata.apiVersionV2
        check(.chartType, file,
              !metadata.type.isEmpty && metadata.apiVersion != v2
                ? "chart type is not valid in apiVersion '\(metadata.apiVersion)'. It is valid in apiVersion '\(v2)'" : nil,
              position: position("type"))
        check(.chartDependenciesVersion, file,
              metadata.dependencies.count + metadata.nullDependencyCount > 0 && metadata.apiVersion != v2
                ? "dependencies are not valid in the Chart file with apiVersion '\(metadata.apiVersion)'. They are valid in apiVersion '\(v2)'"
                : nil,
              position: position("dependencies"))
        check(.chartVersionStrict, file,
              StrictSemanticVersion.isValid(metadata.version) ? nil : "version '\(metadata.version)' is not a valid SemVerV2",
              position: position("version"))
    }

    /// Chart.yaml into `chart.Metadata`, as `chartutil.LoadChartfile` reads it.
    static func decodeMetadata(_ document: Value) throws(ChartError) -> ChartMetadata {
        switch document {
        case .map, .null: return try ChartMetadata(decoding: document)
        default:
            throw ChartError(
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(jsonKind(document)) into Go value of type v2.Metadata",
                file: "Chart.yaml")
        }
    }

    static func nameProblem(_ metadata: ChartMetadata) -> String? {
        if metadata.name.isEmpty { return "name is required" }
        if goBase(metadata.name) != metadata.name { return "chart name \(goQuote(metadata.name)) is invalid" }
        return nil
    }

    static func apiVersionProblem(_ metadata: ChartMetadata) -> String? {
        if metadata.apiVersion.isEmpty { return "apiVersion is required. The value must be either \"v1\" or \"v2\"" }
        if metadata.apiVersion != ChartMetadata.apiVersionV1 && metadata.apiVersion != ChartMetadata.apiVersionV2 {
            return "apiVersion '\(metadata.apiVersion)' is not valid. The value must be either \"v1\" or \"v2\""
        }
        return nil
    }

    /// `version`/`appVersion` must be YAML strings (Go's `%T` of the decoded value otherwise).
    static func typeProblem(_ raw: [String: Value], _ key: String) -> String? {
        guard let value = raw[key] else { return nil }
        let goType: String
        switch value {
        case .string: return nil
        case .null: goType = "<nil>"
        case .bool: goType = "bool"
        case .list: goType = "[]interface {}"
        case .map: goType = "map[string]interface {}"
        default: goType = "float64"
        }
        return "\(key) should be of type string but it's of type \(goType)"
    }

    static func versionProblem(_ metadata: ChartMetadata) -> String? {
        if metadata.version.isEmpty { return "version is required" }
        if !SemanticVersion.isValid(metadata.version) { return "version '\(metadata.version)' is not a valid SemVer" }
        // The constraint `>0.0.0-0` refuses only 0.0.0-0 itself (with any build metadata).
        var core = Substring(metadata.version)
        if core.hasPrefix("v") { core = core.dropFirst() }
        var build = ""
        if let plus = core.firstIndex(of: "+") {
            build = String(core[plus...])
            core = core[..<plus]
        }
        if let dash = core.firstIndex(of: "-"), core[core.index(after: dash)...] == "0",
            core[..<dash].split(separator: ".").allSatisfy({ UInt64($0) == 0 })
        {
            return "version 0.0.0-0\(build) is less than or equal to 0.0.0-0"
        }
        return nil
    }

    static func maintainerProblem(_ metadata: ChartMetadata) -> String? {
        for maintainer in metadata.maintainers {
            guard let maintainer else { return "a maintainer entry is empty" }
            if maintainer.name.isEmpty { return "each maintainer requires a name" }
            if !maintainer.email.isEmpty && !URLValidation.isEmail(maintainer.email) {
                return "invalid email '\(maintainer.email)' for maintainer '\(maintainer.name)'"
            }
            if !maintainer.url.isEmpty && !URLValidation.isURL(maintainer.url) {
                return "invalid url '\(maintainer.url)' for maintainer '\(maintainer.name)'"
            }
        }
        return nil
    }

    static func sourcesProblem(_ metadata: ChartMetadata) -> String? {
        for source in metadata.sources where source.isEmpty || !URLValidation.isRequestURL(source) {
            return "invalid source URL '\(source)'"
        }
        return nil
    }

    /// `chartutil.StrictLoadChartfile`: duplicate keys anywhere (yaml.v2's strict
    /// mode), then the first unknown field (encoding/json with
    /// `DisallowUnknownFields`, keys in sorted order as sigs.k8s.io/yaml writes them).
    static func strictProblem(_ root: YAMLNode?) -> ChartError? {
        guard let root else { return nil }
        var duplicates: [String] = []
        var firstDuplicate: SourcePosition?
        func walk(_ node: YAMLNode, depth: Int) {
            guard depth < 10_000 else { return }
            switch node.kind {
            case .mapping(let entries, _, _):
                var seen: Set<String> = []
                for entry in entries {
                    if case .scalar = entry.key.kind {
                        let key = keyText(entry.key.value)
                        if seen.contains(key) {
                            duplicates.append("  line \(entry.key.position.line): key \(goSharpV(entry.key.value)) already set in map")
                            if firstDuplicate == nil { firstDuplicate = entry.key.position }
                        }
                        seen.insert(key)
                    }
                    walk(entry.value, depth: depth + 1)
                }
            case .sequence(let items, _, _):
                for item in items { walk(item, depth: depth + 1) }
            default:
                break
            }
        }
        walk(root, depth: 0)
        if !duplicates.isEmpty {
            return ChartError(
                "error converting YAML to JSON: yaml: unmarshal errors:\n" + duplicates.joined(separator: "\n"),
                position: firstDuplicate)
        }
        guard case .map(let map) = root.value else { return nil }
        if let unknown = firstUnknownField(map, known: metadataFields) {
            return ChartError("error unmarshaling JSON: while decoding JSON: json: unknown field \(goQuote(unknown))",
                              position: root[unknown]?.position)
        }
        return nil
    }

    static let metadataFields = [
        "name", "home", "sources", "version", "description", "keywords", "maintainers", "icon", "apiversion",
        "condition", "tags", "appversion", "deprecated", "annotations", "kubeversion", "dependencies", "type",
    ]
    static let maintainerFields = ["name", "email", "url"]
    static let dependencyFields = ["name", "version", "repository", "condition", "tags", "enabled", "import-values", "alias"]

    /// The first key (sorted, depth first) that no field of the struct takes
    /// (matched case-insensitively, as encoding/json does).
    static func firstUnknownField(_ map: [String: Value], known: [String]) -> String? {
        for key in map.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let folded = key.lowercased()
            guard known.contains(folded) else { return key }
            let nested: [String]
            switch folded {
            case "maintainers": nested = maintainerFields
            case "dependencies": nested = dependencyFields
            default: continue
            }
            guard case .list(let items)? = map[key] else { continue }
            for case .map(let item) in items {
                if let unknown = firstUnknownField(item, known: nested) { return unknown }
            }
        }
        return nil
    }

    static func keyText(_ value: Value) -> String {
        if case .string(let s) = value { return s }
        return goSharpV(value)
    }

    /// Go's `%#v` of a decoded scalar key: strings quoted, numbers and bools bare.
    static func goSharpV(_ value: Value) -> String {
        switch value {
        case .string(let s): return goQuote(s)
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .int64(let i): return String(i)
        case .float(let d): return formatYAMLFloat(d)
        case .null: return "interface {}(nil)"
        default: return "\(value)"
        }
    }

    /// encoding/json's name for the kind of a JSON value.
    static func jsonKind(_ value: Value) -> String {
        switch value {
        case .string: return "string"
        case .list: return "array"
        case .bool: return "bool"
        case .map: return "object"
        case .null: return "null"
        default: return "number"
        }
    }
}

/// Go's `filepath.Base`.
func goBase(_ path: String) -> String {
    if path.isEmpty { return "." }
    var trimmed = Substring(path)
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    if trimmed == "/" { return "/" }
    if let slash = trimmed.lastIndex(of: "/") { return String(trimmed[trimmed.index(after: slash)...]) }
    return String(trimmed)
}

/// Masterminds/semver's `StrictNewVersion`: exactly `MAJOR.MINOR.PATCH`, no `v`,
/// no leading zeros, with optional pre-release and build identifiers.
enum StrictSemanticVersion {
    static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        var core = Substring(text)
        var build: Substring?
        var prerelease: Substring?
        if let plus = core.firstIndex(of: "+") {
            build = core[core.index(after: plus)...]
            core = core[..<plus]
        }
        if let dash = core.firstIndex(of: "-") {
            prerelease = core[core.index(after: dash)...]
            core = core[..<dash]
        }
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3 else { return false }
        for number in numbers {
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }), UInt64(number) != nil else { return false }
            if number.count > 1 && number.hasPrefix("0") { return false }
        }
        if let prerelease {
            for identifier in prerelease.split(separator: ".", omittingEmptySubsequences: false) {
                guard SemanticVersion.isIdentifier(identifier) else { return false }
                if identifier.allSatisfy({ $0.isASCII && $0.isNumber }) && identifier.count > 1 && identifier.hasPrefix("0") {
                    return false
                }
            }
        }
        if let build {
            for identifier in build.split(separator: ".", omittingEmptySubsequences: false)
            where !SemanticVersion.isIdentifier(identifier) {
                return false
            }
        }
        return true
    }
}
