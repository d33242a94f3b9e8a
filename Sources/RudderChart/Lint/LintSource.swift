import RudderCore
import Synchronization

/// The files of the chart being linted: a directory on disk, or the entries of
/// an archive (Helm extracts those to a temporary directory; Rudder reads them
/// in memory). Rules ask it whether a path is a file or a directory, read
/// files, and load the chart as Helm's v2 loader does.
struct LintSource {
    enum Storage {
        case directory
        case archive([ChartFile])
    }

    let storage: Storage
    /// Helm's `ChartDir`: the absolute chart directory (the archive's path for archives).
    let chartDirectory: String
    /// The chart path as given (a directory) — joined with relative names for disk access.
    let root: String

    /// Helm's `lintChart` guard: a directory must hold a Chart.yaml; an archive must read.
    static func open(_ path: String) -> Result<LintSource, LintFailure> {
        if path.hasSuffix(".tgz") || path.hasSuffix(".tar.gz") {
            let data: [UInt8]
            do {
                data = try FileSystem.read(path, limit: LoadLimits.default.maxChartSize)
            } catch {
                return .failure(LintFailure("unable to open tarball: open \(path): \(lowerFirst(error.reason))"))
            }
            let files: [ChartFile]
            do {
                files = try ArchiveReader.readFiles(data)
            } catch {
                return .failure(LintFailure("unable to extract tarball: \(error.message)"))
            }
            guard files.contains(where: { $0.name == "Chart.yaml" }) else {
                return .failure(LintFailure("unable to check Chart.yaml file in chart: stat Chart.yaml: no such file or directory"))
            }
            return .success(LintSource(storage: .archive(files), chartDirectory: absolutePath(path), root: path))
        }
        let chartFile = joinPath(path, "Chart.yaml")
        guard FileSystem.resolvedKind(of: chartFile) != nil else {
            // stat fails with ENOTDIR when the path itself is a file.
            let parentIsFile = FileSystem.resolvedKind(of: path).map { $0 != .directory } ?? false
            let reason = parentIsFile ? "not a directory" : "no such file or directory"
            return .failure(LintFailure("unable to check Chart.yaml file in chart: stat \(chartFile): \(reason)"))
        }
        return .success(LintSource(storage: .directory, chartDirectory: absolutePath(path), root: path))
    }

    /// What is at `name` (relative to the chart root): nil when nothing is there.
    func kind(_ name: String) -> FileKind? {
        switch storage {
        case .directory:
            return FileSystem.resolvedKind(of: joinPath(root, name))
        case .archive(let files):
            if let file = files.first(where: { $0.name == name }) { return .regular(size: file.data.count) }
            let prefix = name.hasSuffix("/") ? name : name + "/"
            return files.contains { $0.name.hasPrefix(prefix) } ? .directory : nil
        }
    }

    /// Reads the file `name`, with Go's `read <path>: …`/`open <path>: …` messages on failure.
    func read(_ name: String) -> Result<[UInt8], LintFailure> {
        switch storage {
        case .directory:
            let path = joinPath(chartDirectory, name)
            if FileSystem.resolvedKind(of: path) == .directory {
                return .failure(LintFailure("read \(path): is a directory"))
            }
            do {
                var data = try FileSystem.read(path, limit: LoadLimits.default.maxFileSize)
                stripByteOrderMark(&data)
                return .success(data)
            } catch {
                return .failure(LintFailure("open \(path): \(lowerFirst(error.reason))"))
            }
        case .archive(let files):
            guard let file = files.first(where: { $0.name == name }) else {
                return .failure(LintFailure("open \(joinPath(chartDirectory, name)): no such file or directory"))
            }
            return .success(file.data)
        }
    }

    /// The chart as Helm's v2 `loader.Load` reads it (no apiVersion dispatch).
    func loadChart() -> Result<Chart, ChartError> {
        do throws(ChartError) {
            let files: [ChartFile]
            switch storage {
            case .directory: files = try DirectoryReader.readFiles(root)
            case .archive(let entries): files = entries
            }
            // The v2 loader reads Chart.yaml into its metadata type, which refuses a non-map.
            if let chartFile = files.first(where: { $0.name == "Chart.yaml" }),
                let document = try? YAMLBridge.readDocument(chartFile.data, file: "Chart.yaml"),
                LintContext.jsonKind(document) != "object", !document.isNull
            {
                do throws(ChartError) {
                    _ = try LintContext.decodeMetadata(document)
                } catch {
                    throw error.wrapped("cannot load Chart.yaml")
                }
            }
            var chart = try ChartLoader.loadFiles(files, limits: .default, depth: 0)
            chart.assignPaths(chart.name)
            return .success(chart)
        } catch {
            return .failure(error)
        }
    }
}

/// Lines logged while rendering in lint mode (`required` and `fail` log instead of failing).
final class LintLog: Sendable {
    private let storage = Mutex<[String]>([])

    func append(_ line: String) { storage.withLock { $0.append(line) } }

    var lines: [String] { storage.withLock { $0 } }

    /// Go's `log/slog` text handler line without a time: `level=WARN msg="…" message=…`.
    static func line(level: String, message: String, attribute: String) -> String {
        "level=\(level) msg=\(slogValue(message)) message=\(slogValue(attribute))"
    }

    /// slog quotes a value when it is empty or holds spaces, `=`, `"` or unprintable characters.
    static func slogValue(_ text: String) -> String {
        let needsQuotes = text.isEmpty || text.unicodeScalars.contains { scalar in
            scalar == " " || scalar == "=" || scalar == "\"" || scalar.value < 0x20 || scalar.value == 0x7F
                || (scalar.value >= 0x80 && (isGoSpace(scalar) || !GoQuote.isPrint(scalar)))
        }
        return needsQuotes ? goQuote(text) : text
    }
}

func lowerFirst(_ text: String) -> String {
    guard let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase == true else { return text }
    return first.lowercased() + text.dropFirst()
}
