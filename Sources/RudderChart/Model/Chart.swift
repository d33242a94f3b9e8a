import RudderCore

/// A file of a chart: its path relative to the chart's root, with `/`
/// separators, and its bytes (a leading UTF-8 byte order mark removed, as Helm does).
public struct ChartFile: Sendable, Equatable {
    /// The path relative to the chart root: `templates/deployment.yaml`, `files/a.txt`.
    public var name: String
    public var data: [UInt8]

    public init(name: String, data: [UInt8]) {
        self.name = name
        self.data = data
    }

    /// The data as UTF-8 text (invalid sequences replaced).
    public var text: String { String(decoding: data, as: UTF8.self) }
}

/// A loaded chart: metadata, default values, schema, templates, CRDs, other
/// files and subcharts, as Helm's `loader.Load` produces it.
///
/// Subcharts are in `dependencies` exactly as found in `charts/` (before
/// conditions, tags and aliases are applied); `ValuesCoalescer.prepare` applies
/// those and gives the tree that is rendered.
public struct Chart: Sendable {
    /// `Chart.yaml`.
    public var metadata: ChartMetadata
    /// `values.yaml`, merged document by document (an empty map when absent).
    public var values: [String: Value]
    /// `values.schema.json`, the raw bytes (nil when absent).
    public var schemaData: [UInt8]?
    /// `templates/**`, in file order (sorted paths for directories, entry order for archives).
    public var templates: [ChartFile]
    /// Files visible to `.Files`: everything but `Chart.yaml`, `values.yaml`,
    /// `values.schema.json`, `Chart.lock`, `templates/` and `charts/` (`.prov` files in `charts/` stay).
    public var files: [ChartFile]
    /// Every file as read (Helm's `Raw`), for `.Files`-independent uses such as lint and package.
    public var raw: [ChartFile]
    /// Subcharts from `charts/`, folders and `.tgz` archives, sorted by name in `charts/`.
    public var dependencies: [Chart]
    /// The chart's path in the tree as Helm names it: `mychart`, then
    /// `mychart/charts/sub` for a subchart (the alias replaces `sub` once aliases apply).
    public var path: String
    /// `Chart.lock` (or `requirements.lock` for v1), raw bytes.
    public var lockData: [UInt8]?

    public init(
        metadata: ChartMetadata, values: [String: Value] = [:], schemaData: [UInt8]? = nil,
        templates: [ChartFile] = [], files: [ChartFile] = [], raw: [ChartFile] = [],
        dependencies: [Chart] = [], path: String = "", lockData: [UInt8]? = nil
    ) {
        self.metadata = metadata
        self.values = values
        self.schemaData = schemaData
        self.templates = templates
        self.files = files
        self.raw = raw
        self.dependencies = dependencies
        self.path = path.isEmpty ? metadata.name : path
        self.lockData = lockData
    }

    /// The chart's name (`metadata.name`; the alias once aliases apply).
    public var name: String { metadata.name }

    /// `crds/**` files (Helm's `CRDObjects` source): files under `crds/` ending in `.yaml`, `.yml` or `.json`.
    public var crds: [ChartFile] {
        files.filter { file in
            file.name.hasPrefix("crds/")
                && (file.name.hasSuffix(".yaml") || file.name.hasSuffix(".yml") || file.name.hasSuffix(".json"))
        }
    }

    /// Whether this is a library chart (`type: library`): never rendered on its own.
    public var isLibrary: Bool { metadata.type == "library" }

    /// `values.yaml` as a `Value` map.
    public var valuesValue: Value { .map(values) }

    /// The file of this chart named `name` (among `raw`), if any.
    public func rawFile(named name: String) -> ChartFile? { raw.first { $0.name == name } }

    /// Sets `path` on this chart and its subcharts: `prefix/charts/<name>`.
    mutating func assignPaths(_ path: String) {
        self.path = path
        for index in dependencies.indices {
            dependencies[index].assignPaths(path + "/charts/" + dependencies[index].name)
        }
    }
}
