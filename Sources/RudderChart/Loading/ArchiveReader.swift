import RudderCore

/// Reads the files of a chart archive (`.tgz`) into memory with Helm's path
/// checks and size limits (`loader.LoadArchiveFilesWithOptions`), and more:
/// links, devices and other special entries are refused rather than read as
/// empty files, and the offending entry is always named.
public enum ArchiveReader {
    /// The files of a gzipped tar archive, named relative to the chart's top
    /// directory (the archive's first path component is dropped).
    public static func readFiles(_ data: [UInt8], limits: LoadLimits = .default) throws(ChartError) -> [ChartFile] {
        let inflater = try GzipInflater(data)
        var reader = TarReader(inflater)
        var files: [ChartFile] = []
        var remaining = limits.maxChartSize
        var entryCount = 0
        while let header = try reader.next() {
            entryCount += 1
            if entryCount > limits.maxArchiveEntries {
                throw ChartError(
                    "chart archive has more than \(limits.maxArchiveEntries) entries", file: header.name,
                    fix: "a chart archive may hold at most \(limits.maxArchiveEntries) files and directories")
            }
            switch header.kind {
            case .directory, .globalExtendedHeader:
                continue
            case .regular:
                break
            case .symbolicLink, .hardLink:
                throw ChartError(
                    "chart archive entry \(goQuote(header.name)) is a link to \(goQuote(header.linkName)); links are not allowed in charts",
                    file: header.name, fix: "package the chart with the link replaced by the file itself")
            case .characterDevice, .blockDevice, .fifo, .other:
                throw ChartError(
                    "chart archive entry \(goQuote(header.name)) is not a regular file; special files are not allowed in charts",
                    file: header.name, fix: "package the chart with regular files only")
            }
            let name = try checkedName(header.name)
            if header.size > remaining {
                throw ChartError(
                    "decompressed chart is larger than the maximum size \(limits.maxChartSize) bytes", file: header.name,
                    fix: "the chart's files must add up to at most \(limits.maxChartSize) bytes")
            }
            if header.size > limits.maxFileSize {
                throw ChartError(
                    "decompressed chart file \(goQuote(header.name)) is larger than the maximum file size \(limits.maxFileSize) bytes",
                    file: header.name, fix: "each file of a chart must hold at most \(limits.maxFileSize) bytes")
            }
            var content = try reader.readData(limit: remaining)
            remaining -= content.count
            if content.count < header.size || remaining <= 0 {
                throw ChartError(
                    "decompressed chart is larger than the maximum size \(limits.maxChartSize) bytes", file: header.name,
                    fix: "the chart's files must add up to at most \(limits.maxChartSize) bytes")
            }
            stripByteOrderMark(&content)
            files.append(ChartFile(name: name, data: content))
        }
        if files.isEmpty { throw ChartError("no files in chart archive") }
        return files
    }

    /// Helm's name rules: drop the first path component, normalise `\` to `/`,
    /// refuse absolute paths, paths that leave the chart, drive letters and a
    /// `Chart.yaml` outside a directory. The entry is named in every message.
    static func checkedName(_ entryName: String) throws(ChartError) -> String {
        let delimiter: Character = entryName.contains("\\") ? "\\" : "/"
        let parts = entryName.split(separator: delimiter, omittingEmptySubsequences: false)
        var name = parts.dropFirst().joined(separator: "/")
        if name.hasPrefix("/") {
            throw ChartError(
                "chart illegally contains absolute paths: \(goQuote(entryName))", file: entryName,
                fix: "archive entries must be relative to the chart's directory")
        }
        name = cleanPath(name)
        if name == "." {
            throw ChartError(
                "chart illegally contains content outside the base directory: \(goQuote(entryName))", file: entryName,
                fix: "every archive entry must be inside the chart's top directory")
        }
        if name.hasPrefix("..") {
            throw ChartError(
                "chart illegally references parent directory: \(goQuote(entryName))", file: entryName,
                fix: "archive entries must not contain '..'")
        }
        let bytes = Array(name.utf8)
        if bytes.count >= 3, bytes[1] == UInt8(ascii: ":"), bytes[2] == UInt8(ascii: "/"),
            (bytes[0] | 0x20) >= UInt8(ascii: "a"), (bytes[0] | 0x20) <= UInt8(ascii: "z")
        {
            throw ChartError("chart contains illegally named files: \(goQuote(entryName))", file: entryName)
        }
        if parts.first == "Chart.yaml" {
            throw ChartError(
                "chart yaml not in base directory", file: entryName,
                fix: "an archive holds one directory named after the chart, with Chart.yaml inside it")
        }
        return name
    }
}

/// Removes a leading UTF-8 byte order mark.
func stripByteOrderMark(_ data: inout [UInt8]) {
    if data.count >= 3, data[0] == 0xEF, data[1] == 0xBB, data[2] == 0xBF { data.removeFirst(3) }
}

/// Go's `path.Clean`: the shortest equivalent path (`.` for empty).
func cleanPath(_ path: String) -> String {
    if path.isEmpty { return "." }
    let rooted = path.hasPrefix("/")
    var output: [Substring] = []
    for component in path.split(separator: "/", omittingEmptySubsequences: true) {
        if component == "." { continue }
        if component == ".." {
            if let last = output.last, last != ".." {
                output.removeLast()
            } else if !rooted {
                output.append(component)
            }
            continue
        }
        output.append(component)
    }
    let joined = output.joined(separator: "/")
    if rooted { return "/" + joined }
    return joined.isEmpty ? "." : joined
}
