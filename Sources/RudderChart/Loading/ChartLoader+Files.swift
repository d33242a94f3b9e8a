import RudderCore
import RudderYAML

extension ChartLoader {
    /// Builds a chart from its files (Helm's `LoadFiles`): names are relative to
    /// the chart root. Subcharts are files under `charts/<name>/` (folders) or
    /// `charts/<name>.tgz`; names starting with `_` or `.` in `charts/` are skipped.
    /// `templatesFound`: as for `load(path:limits:templatesFound:)`.
    public static func loadFiles(
        _ files: [ChartFile], limits: LoadLimits = .default,
        templatesFound: ((_ chartName: String, _ templates: [ChartFile]) -> Void)? = nil
    ) throws(ChartError) -> Chart {
        let chartDocument = try checkAPIVersion(files)
        var chart = try loadFiles(
            files, limits: limits, depth: 0, chartDocument: chartDocument, templatesFound: templatesFound)
        chart.assignPaths(chart.name)
        return chart
    }

    /// Helm 4 reads `apiVersion` first to pick a loader: v1, v2 and none load; v3 is refused.
    /// Returns the Chart.yaml document it read (for the loader, which reads it next).
    @discardableResult
    static func checkAPIVersion(_ files: [ChartFile]) throws(ChartError) -> Value? {
        guard let chartFile = files.first(where: { $0.name == "Chart.yaml" }) else { return nil }
        let document: Value
        do {
            document = try YAMLBridge.readDocument(chartFile.data, file: "Chart.yaml")
        } catch {
            throw error.wrapped("cannot load Chart.yaml")
        }
        let kind: String
        switch document {
        case .null: return document
        case .map: kind = ""
        case .list: kind = "array"
        case .string: kind = "string"
        case .bool: kind = "bool"
        default: kind = "number"
        }
        if !kind.isEmpty {
            throw ChartError(
                "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(kind) into Go value of type loader.chartBase",
                file: "Chart.yaml", fix: "Chart.yaml must be a map of fields (apiVersion, name, version, …)")
        }
        guard case .map(let map) = document, let value = map["apiVersion"] else { return document }
        let apiVersion: String
        switch value {
        case .null: return document
        case .string(let s): apiVersion = s
        case .float(let d): apiVersion = formatYAMLFloat(d)
        case .int(let i): apiVersion = String(i)
        case .int64(let i): apiVersion = String(i)
        case .bool(let b): apiVersion = b ? "true" : "false"
        default: return document
        }
        switch apiVersion {
        case "", ChartMetadata.apiVersionV1, ChartMetadata.apiVersionV2: return document
        case "v3":
            throw ChartError(
                "invalid chart apiVersion", file: "Chart.yaml", fix: "Helm 4.1.4 renders charts of apiVersion v1 and v2 only")
        default:
            throw ChartError("unsupported chart version", file: "Chart.yaml", fix: "set 'apiVersion: v2' in Chart.yaml")
        }
    }

    static func loadFiles(
        _ files: [ChartFile], limits: LoadLimits, depth: Int, chartDocument: Value? = nil,
        templatesFound: ((_ chartName: String, _ templates: [ChartFile]) -> Void)? = nil
    ) throws(ChartError) -> Chart {
        guard depth <= limits.maxSubchartDepth else {
            throw ChartError("subcharts are nested more than \(limits.maxSubchartDepth) levels deep")
        }
        var metadata: ChartMetadata?
        // The first Chart.yaml, read already by `checkAPIVersion` for the top chart.
        var readAlready = chartDocument
        for file in files where file.name == "Chart.yaml" {
            let document: Value
            if let ready = readAlready {
                document = ready
                readAlready = nil
            } else {
                do {
                    document = try YAMLBridge.readDocument(file.data, file: "Chart.yaml")
                } catch {
                    throw error.wrapped("cannot load Chart.yaml")
                }
            }
            do {
                var decoded = metadata ?? ChartMetadata()
                let fresh = try ChartMetadata(decoding: document)
                decoded = fresh
                if decoded.apiVersion.isEmpty { decoded.apiVersion = ChartMetadata.apiVersionV1 }
                metadata = decoded
            } catch {
                var wrapped = error.wrapped("cannot load Chart.yaml")
                wrapped.file = "Chart.yaml"
                throw wrapped
            }
        }
        if let templatesFound, let name = metadata?.name {
            templatesFound(name, files.filter { $0.name.hasPrefix("templates/") })
        }
        var values: [String: Value] = [:]
        var schema: [UInt8]?
        var lock: [UInt8]?
        var templates: [ChartFile] = []
        var otherFiles: [ChartFile] = []
        var subchartFiles: [String: [ChartFile]] = [:]
        for file in files {
            switch file.name {
            case "Chart.yaml":
                continue
            case "Chart.lock":
                lock = file.data
            case "values.yaml":
                do {
                    values = try readValuesMap(file.data, file: "values.yaml")
                } catch {
                    throw error.wrapped("cannot load values.yaml")
                }
            case "values.schema.json":
                schema = file.data
            case "requirements.yaml":
                // Deprecated v1 dependencies: merged into the metadata.
                var current = metadata ?? ChartMetadata()
                let document: Value
                do {
                    document = try YAMLBridge.readDocument(file.data, file: "requirements.yaml")
                } catch {
                    throw error.wrapped("cannot load requirements.yaml")
                }
                var requirements: ChartMetadata
                do {
                    requirements = try ChartMetadata(decoding: document)
                } catch {
                    throw error.wrapped("cannot load requirements.yaml")
                }
                current.dependencies = requirements.dependencies
                current.nullDependencyCount = requirements.nullDependencyCount
                metadata = current
                if current.apiVersion == ChartMetadata.apiVersionV1 { otherFiles.append(file) }
            case "requirements.lock":
                lock = file.data
                if metadata?.apiVersion == ChartMetadata.apiVersionV1 { otherFiles.append(file) }
            default:
                if file.name.hasPrefix("templates/") {
                    templates.append(file)
                } else if file.name.hasPrefix("charts/") {
                    if file.name.hasSuffix(".prov") {
                        otherFiles.append(file)
                        continue
                    }
                    let inside = file.name.dropFirst("charts/".count)
                    let subchartName = String(inside.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                    subchartFiles[subchartName, default: []].append(ChartFile(name: String(inside), data: file.data))
                } else {
                    otherFiles.append(file)
                }
            }
        }
        guard var metadata else {
            throw ChartError("Chart.yaml file is missing", fix: "a chart needs a Chart.yaml at its top level")
        }
        try metadata.validate()

        var subcharts: [Chart] = []
        for name in subchartFiles.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            guard let entries = subchartFiles[name] else { continue }
            if name.hasPrefix("_") || name.hasPrefix(".") { continue }
            do throws(ChartError) {
                if name.hasSuffix(".tgz") {
                    guard let archive = entries.first, archive.name == name else {
                        throw ChartError(
                            "error unpacking subchart tar in \(metadata.name): expected \(name), got \(entries.first?.name ?? "")")
                    }
                    let inner = try ArchiveReader.readFiles(archive.data, limits: limits)
                    subcharts.append(try loadFiles(inner, limits: limits, depth: depth + 1))
                } else {
                    var inner: [ChartFile] = []
                    for entry in entries {
                        guard let slash = entry.name.firstIndex(of: "/") else { continue }
                        inner.append(ChartFile(name: String(entry.name[entry.name.index(after: slash)...]), data: entry.data))
                    }
                    subcharts.append(try loadFiles(inner, limits: limits, depth: depth + 1))
                }
            } catch {
                var wrapped = error.wrapped("error unpacking subchart \(name) in \(metadata.name)")
                if let file = wrapped.file { wrapped.file = "charts/" + name + "/" + file }
                throw wrapped
            }
        }
        return Chart(
            metadata: metadata, values: values, schemaData: schema, templates: templates, files: otherFiles,
            raw: files, dependencies: subcharts, path: metadata.name, lockData: lock)
    }

    /// Reads a values file (one or more YAML documents) into a map, as Helm's
    /// `LoadValues`: documents are merged in order; each must be a map.
    public static func readValuesMap(_ data: [UInt8], file: String) throws(ChartError) -> [String: Value] {
        // The usual plain file, read straight from its bytes (anything else, and every error, by libyaml).
        if let plain = ValuesFastReader.read(data) { return plain }
        switch try YAMLBridge.readValues(data, file: file) {
        case .map(let map): return map
        default: return [:]
        }
    }
}
