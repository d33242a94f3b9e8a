#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import RudderCore

/// Reads the files of a chart directory with Helm's rules (`loader.LoadDir`):
/// `.helmignore` plus the default `templates/.?*` rule, paths relative to the
/// chart with `/`, a UTF-8 byte order mark dropped, 5 MiB per file. Stricter
/// than Helm: only regular files are read, a symbolic link is followed only
/// when it stays inside the chart directory, and the chart's total size is limited too.
public enum DirectoryReader {
    public static func readFiles(_ directory: String, limits: LoadLimits = .default) throws(ChartError) -> [ChartFile] {
        var top = directory
        while top.count > 1 && top.hasSuffix("/") { top.removeLast() }
        guard let root = realPath(top) else {
            throw ChartError("stat \(directory): no such file or directory", file: directory)
        }
        var rules = HelmIgnore()
        let ignorePath = top + "/.helmignore"
        if FileSystem.resolvedKind(of: ignorePath) != nil {
            let data: [UInt8]
            do {
                data = try FileSystem.read(ignorePath, limit: limits.maxFileSize)
            } catch {
                throw ChartError("error reading .helmignore: \(error.reason)", file: ignorePath)
            }
            rules = try HelmIgnore(parsing: data)
        }
        rules.addDefaults()
        var walker = Walker(root: root, rules: rules, limits: limits)
        walker.visited.insert(root)
        try walker.walk(directory: top, relative: "")
        return walker.files
    }

    struct Walker {
        let root: String
        let rules: HelmIgnore
        let limits: LoadLimits
        var files: [ChartFile] = []
        var total = 0
        var visited: Set<String> = []

        mutating func walk(directory: String, relative: String) throws(ChartError) {
            let names: [String]
            do {
                names = try FileSystem.list(directory)
            } catch {
                throw ChartError("error reading \(relative.isEmpty ? "." : relative): \(error.reason)", file: directory)
            }
            for name in names {
                let path = directory + "/" + name
                let relativePath = relative.isEmpty ? name : relative + "/" + name
                try visit(path: path, relative: relativePath)
            }
        }

        mutating func visit(path: String, relative: String) throws(ChartError) {
            guard var kind = FileSystem.kind(of: path) else {
                throw ChartError("lstat \(path): no such file or directory", file: relative)
            }
            var resolvedPath = path
            if kind == .symbolicLink {
                guard let target = realPath(path), let targetKind = FileSystem.kind(of: target) else {
                    // A broken link: Helm honours .helmignore before failing.
                    if rules.ignores(relative, isDirectory: false) { return }
                    throw ChartError(
                        "error evaluating symlink \(path): lstat \(DirectoryReader.linkTarget(path)): no such file or directory",
                        file: relative, fix: "remove the broken symbolic link or list it in .helmignore")
                }
                if rules.ignores(relative, isDirectory: targetKind == .directory) { return }
                guard target == root || target.hasPrefix(root + "/") else {
                    throw ChartError(
                        "chart file \(relative) is a symbolic link to \(target), outside the chart directory; only files inside the chart are loaded",
                        file: relative, fix: "copy the file into the chart instead of linking to it")
                }
                kind = targetKind
                resolvedPath = target
            }
            switch kind {
            case .directory:
                if rules.ignores(relative, isDirectory: true) { return }
                if let real = realPath(resolvedPath) {
                    if visited.contains(real) {
                        throw ChartError(
                            "chart directory \(relative) links back to a directory already read (a symbolic link cycle)",
                            file: relative, fix: "remove the symbolic link")
                    }
                    visited.insert(real)
                }
                try walk(directory: resolvedPath, relative: relative)
            case .regular(let size):
                if rules.ignores(relative, isDirectory: false) { return }
                if size > limits.maxFileSize {
                    throw ChartError(
                        "chart file \(goQuote(baseName(relative))) is larger than the maximum file size \(limits.maxFileSize)",
                        file: relative, fix: "each file of a chart must hold at most \(limits.maxFileSize) bytes")
                }
                if total + size > limits.maxChartSize {
                    throw ChartError(
                        "chart is larger than the maximum size \(limits.maxChartSize) bytes (at \(relative))", file: relative,
                        fix: "the chart's files must add up to at most \(limits.maxChartSize) bytes; list large files in .helmignore")
                }
                var data: [UInt8]
                do {
                    data = try FileSystem.read(resolvedPath, limit: limits.maxFileSize)
                } catch {
                    throw ChartError("error reading \(relative): \(error.reason)", file: relative)
                }
                total += data.count
                stripByteOrderMark(&data)
                files.append(ChartFile(name: relative, data: data))
            case .symbolicLink, .other:
                if rules.ignores(relative, isDirectory: false) { return }
                throw ChartError(
                    "cannot load irregular file \(path) as it has file mode type bits set", file: relative,
                    fix: "a chart holds regular files only: remove it or list it in .helmignore")
            }
        }
    }

    /// Where a symbolic link points, as a path (relative targets resolved against the link's directory).
    static func linkTarget(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4097)
        let count = buffer.withUnsafeMutableBufferPointer { pointer -> Int in
            guard let base = pointer.baseAddress else { return -1 }
            return readlink(path, base, pointer.count - 1)
        }
        guard count >= 0 else { return path }
        let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return cleanPath(target) }
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        return cleanPath(directory + "/" + target)
    }

    /// The canonical absolute path (`realpath`), or nil when it does not resolve.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
