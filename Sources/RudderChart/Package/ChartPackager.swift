#if canImport(Glibc)
import Glibc
#endif
import RudderCore

/// What to package and how (`helm package` flags).
public struct PackageOptions: Sendable, Equatable {
    /// Where the archive goes (`-d`); created when missing.
    public var destination: String = "."
    /// Replaces the chart's `version` (`--version`).
    public var version: String?
    /// Replaces the chart's `appVersion` (`--app-version`).
    public var appVersion: String?
    /// The time stamped on every archive entry, in seconds since 1970. Helm
    /// takes each file's own modification time; Rudder takes this one (the
    /// CLI reads `SOURCE_DATE_EPOCH`, else 0), so the same content always gives the same bytes.
    public var modificationTime: Int64 = 0
    /// Size limits for reading the chart.
    public var limits: LoadLimits = .default

    public init(destination: String = ".", version: String? = nil, appVersion: String? = nil, modificationTime: Int64 = 0) {
        self.destination = destination
        self.version = version
        self.appVersion = appVersion
        self.modificationTime = modificationTime
    }
}

/// A packaged chart: where it was written and its bytes.
public struct PackagedChart: Sendable, Equatable {
    /// The archive's path (absolute when the destination could be resolved).
    public var path: String
    public var archive: [UInt8]
    public var name: String
    public var version: String
}

/// Builds chart archives as `helm package` does (same entries, same order,
/// same headers, Chart.yaml re-marshalled), but reproducibly: entry times come
/// from `PackageOptions.modificationTime`, never from the files.
public enum ChartPackager {
    /// Loads the chart directory at `path`, applies the options, checks it
    /// (Chart.yaml fields, SemVer version, a plain name, the declared
    /// dependencies present in `charts/`, no file outside the chart) and writes
    /// `<destination>/<name>-<version>.tgz` atomically.
    public static func package(chartPath path: String, options: PackageOptions = PackageOptions()) throws(ChartError) -> PackagedChart {
        guard FileSystem.resolvedKind(of: path) != nil else {
            throw ChartError("stat \(path): no such file or directory", file: path, fix: "give the path of a chart directory")
        }
        // Helm loads the absolute path, so its messages name it.
        let absolute = absolutePath(path)
        guard FileSystem.isDirectory(absolute) else {
            throw ChartError(
                "unable to detect chart at \(absolute)/Chart.yaml: open \(absolute)/Chart.yaml: not a directory", file: path,
                fix: "give the chart's directory, not a file or an archive")
        }
        var chart = try ChartLoader.load(path: absolute, limits: options.limits)
        if let version = options.version {
            guard SemanticVersion.isValid(version) else {
                throw ChartError("invalid semantic version", fix: "give --version a SemVer version such as 1.2.3")
            }
            chart.metadata.version = version
        }
        if let appVersion = options.appVersion {
            chart.metadata.appVersion = appVersion
        }
        try checkDependencies(chart)
        let archive = try archive(chart, modificationTime: options.modificationTime)
        var destination = options.destination
        while destination.count > 1 && destination.hasSuffix("/") { destination.removeLast() }
        if let existing = FileSystem.resolvedKind(of: destination), existing != .directory {
            throw ChartError("is not a directory: \(destination)", file: destination)
        }
        let fileName = "\(chart.metadata.name)-\(chart.metadata.version).tgz"
        let target = absolutePath(destination == "." ? fileName : destination + "/" + fileName)
        do {
            try FileSystem.writeAtomically(target, archive)
        } catch {
            throw ChartError("cannot write \(target): \(error.reason)", file: target)
        }
        return PackagedChart(path: target, archive: archive, name: chart.metadata.name, version: chart.metadata.version)
    }

    /// Helm's `CheckDependencies`: every dependency of Chart.yaml must be in `charts/`.
    public static func checkDependencies(_ chart: Chart) throws(ChartError) {
        let present = Set(chart.dependencies.map(\.name))
        let missing = chart.metadata.dependencies.map(\.name).filter { !present.contains($0) }
        if !missing.isEmpty {
            throw ChartError(
                "found in Chart.yaml, but missing in charts/ directory: " + missing.joined(separator: ", "),
                file: "Chart.yaml", fix: "vendor the dependencies into charts/ (rudder package -u for file:// ones)")
        }
    }

    /// The gzipped tar archive of a loaded chart: `<name>/Chart.yaml`,
    /// `Chart.lock` (v2), `values.yaml`, `values.schema.json`, the templates,
    /// the other files, then each subchart the same way under `<name>/charts/`.
    public static func archive(_ chart: Chart, modificationTime: Int64 = 0) throws(ChartError) -> [UInt8] {
        var chart = chart
        try chart.metadata.validate()
        var writer = TarWriter()
        try writeContents(of: chart, prefix: "", into: &writer, time: modificationTime, depth: 0)
        guard let compressed = HelmGzip.compress(writer.finished()) else {
            throw ChartError("cannot compress the archive of \(chart.name) (zlib failed)")
        }
        return compressed
    }

    static func writeContents(of chart: Chart, prefix: String, into writer: inout TarWriter, time: Int64, depth: Int) throws(ChartError) {
        let name = chart.metadata.name
        if name.isEmpty || name == "." || name == ".." || name.contains("/") || name.contains("\\") {
            throw ChartError("\(goQuote(name)) is not a valid chart name", file: "Chart.yaml",
                             fix: "a chart name cannot contain a path separator")
        }
        guard depth <= 64 else { throw ChartError("subcharts are nested more than 64 levels deep") }
        let base = prefix + name + "/"
        var metadata = chart.metadata
        if metadata.apiVersion == ChartMetadata.apiVersionV1 {
            // v1 dependencies live in requirements.yaml, written among the files.
            metadata.dependencies = []
        }
        writer.addFile(name: base + "Chart.yaml", data: Array(metadata.marshalledYAML.utf8), modificationTime: time)
        if metadata.apiVersion == ChartMetadata.apiVersionV2, let lock = chart.lockData {
            writer.addFile(name: base + "Chart.lock", data: Array(try ChartLockFile.marshal(lock).utf8), modificationTime: time)
        }
        if let values = chart.rawFile(named: "values.yaml") {
            writer.addFile(name: base + "values.yaml", data: values.data, modificationTime: time)
        }
        if let schema = chart.schemaData {
            writer.addFile(name: base + "values.schema.json", data: schema, modificationTime: time)
        }
        for file in chart.templates + chart.files {
            writer.addFile(name: base + file.name, data: file.data, modificationTime: time)
        }
        for dependency in chart.dependencies {
            try writeContents(of: dependency, prefix: base + "charts/", into: &writer, time: time, depth: depth + 1)
        }
    }

    /// `path` made absolute against the working directory (as Helm prints it).
    static func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return cleanPath(path) }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let directory = buffer.withUnsafeBufferPointer { pointer in
            pointer.baseAddress.map { String(cString: $0) } ?? ""
        }
        return cleanPath(directory + "/" + path)
    }
}
