import RudderCore

/// Loads charts from directories and `.tgz` archives, as Helm's `loader.Load`:
/// files are read safely (`DirectoryReader`, `ArchiveReader`), sorted into
/// Chart.yaml, values.yaml, values.schema.json, templates/, charts/ and other
/// files, the metadata is validated, and subcharts in `charts/` (folders and
/// archives) are loaded recursively.
public enum ChartLoader {
    /// Loads the chart at `path`: a directory or a gzipped archive.
    public static func load(path: String, limits: LoadLimits = .default) throws(ChartError) -> Chart {
        try load(path: path, limits: limits, templatesFound: nil)
    }

    /// `load`, telling `templatesFound` the top chart's name and template files
    /// as soon as its Chart.yaml is read (before values.yaml and the subcharts),
    /// so that parsing the templates can start while the rest loads. Not called
    /// when the chart fails to load before that point.
    public static func load(
        path: String, limits: LoadLimits = .default,
        templatesFound: ((_ chartName: String, _ templates: [ChartFile]) -> Void)?
    ) throws(ChartError) -> Chart {
        guard let kind = FileSystem.resolvedKind(of: path) else {
            throw ChartError("path \(goQuote(path)) not found", file: path, fix: "give the path of a chart directory or a .tgz archive")
        }
        if kind == .directory {
            let chartFile = path.hasSuffix("/") ? path + "Chart.yaml" : path + "/Chart.yaml"
            guard FileSystem.resolvedKind(of: chartFile) != nil else {
                throw ChartError(
                    "unable to detect chart at \(chartFile): open \(chartFile): no such file or directory",
                    file: chartFile, fix: "a chart directory must contain a Chart.yaml")
            }
            let files = try DirectoryReader.readFiles(path, limits: limits)
            return try loadFiles(files, limits: limits, templatesFound: templatesFound)
        }
        guard case .regular(let size) = kind else {
            throw ChartError("\(path) is neither a chart directory nor a chart archive", file: path)
        }
        // An archive is compressed, so it can be no larger than the chart it holds.
        guard size <= limits.maxChartSize else {
            throw ChartError(
                "chart archive \(path) is larger than the maximum size \(limits.maxChartSize) bytes", file: path)
        }
        let data: [UInt8]
        do {
            data = try FileSystem.read(path, limit: limits.maxChartSize)
        } catch {
            throw ChartError("\(error)", file: path)
        }
        try ensureArchive(name: path, data: data)
        let files: [ChartFile]
        do {
            files = try ArchiveReader.readFiles(data, limits: limits)
        } catch {
            if error.message == "gzip: invalid header" {
                throw ChartError(
                    "file '\(path)' does not appear to be a valid chart file (details: \(error.message))", file: path)
            }
            // Helm 4 prints only "unable to load chart archive"; the cause follows here.
            throw error.wrapped("unable to load chart archive")
        }
        guard files.contains(where: { $0.name == "Chart.yaml" }) else {
            throw ChartError(
                "unable to detect chart version, no Chart.yaml found", file: path,
                fix: "a chart archive holds one directory with a Chart.yaml in it")
        }
        return try loadFiles(files, limits: limits, templatesFound: templatesFound)
    }

    /// Loads a chart from the bytes of a gzipped tar archive.
    public static func loadArchive(_ data: [UInt8], limits: LoadLimits = .default) throws(ChartError) -> Chart {
        try loadFiles(ArchiveReader.readFiles(data, limits: limits), limits: limits)
    }

    /// Helm's `ensureArchive`: a friendlier error when the file is not gzip data.
    static func ensureArchive(name: String, data: [UInt8]) throws(ChartError) {
        if data.count >= 3 && data[0] == 0x1F && data[1] == 0x8B && data[2] == 0x08 { return }
        if name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
            throw ChartError(
                "file '\(name)' seems to be a YAML file, but expected a gzipped archive", file: name,
                fix: "give a chart directory or a .tgz; values files go after -f")
        }
        throw ChartError(
            "file '\(name)' does not appear to be a gzipped archive; got '\(sniffContentType(data))'", file: name)
    }

    /// A rough `http.DetectContentType` of the first 512 bytes, zero-padded as
    /// Helm reads them (so a short text file sniffs as binary, as in Helm).
    static func sniffContentType(_ data: [UInt8]) -> String {
        var head = Array(data.prefix(512))
        if head.count < 512 { head += [UInt8](repeating: 0, count: 512 - head.count) }
        if head.starts(with: Array("PK\u{03}\u{04}".utf8)) { return "application/zip" }
        let binary = head.contains { byte in
            byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0C && byte != 0x0D && byte != 0x1B
        }
        if binary { return "application/octet-stream" }
        return "text/plain; charset=utf-8"
    }
}
