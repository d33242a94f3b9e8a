#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import RudderCore

extension ChartLoader {
    /// What `--dependency-update` does for `file://` dependencies, without
    /// writing anything: every dependency declared with a `file://` repository
    /// and missing from `charts/` is loaded from its directory (relative to
    /// `chartDirectory`) and added, after checking its version against the
    /// declared constraint. Other repositories are left alone (no network here).
    public static func resolveFileDependencies(
        _ chart: Chart, chartDirectory: String, limits: LoadLimits = .default
    ) throws(ChartError) -> Chart {
        var result = chart
        let present = Set(chart.dependencies.map(\.name))
        var seen: Set<String> = []
        var invalid: [String] = []
        for dependency in chart.metadata.dependencies where dependency.repository.hasPrefix("file://") {
            if present.contains(dependency.name) || seen.contains(dependency.name) { continue }
            seen.insert(dependency.name)
            let relative = String(dependency.repository.dropFirst("file://".count))
            let directory = absolutePath(relative.hasPrefix("/") ? relative : chartDirectory + "/" + relative)
            guard FileSystem.isDirectory(directory) else {
                throw ChartError(
                    "directory \(directory) not found", file: "Chart.yaml",
                    fix: "fix the file:// path of dependency \(goQuote(dependency.name))")
            }
            var loaded = try load(path: directory, limits: limits)
            if !SemanticVersionConstraint.isCompatible(dependency.version, loaded.metadata.version) {
                invalid.append(
                    "\(goQuote(dependency.name)) (repository \(goQuote(dependency.repository)), version \(goQuote(dependency.version)))")
                continue
            }
            loaded.assignPaths(chart.path + "/charts/" + loaded.name)
            result.dependencies.append(loaded)
        }
        if !invalid.isEmpty {
            throw ChartError(
                "can't get a valid version for \(invalid.count) subchart(s): \(invalid.joined(separator: ", ")). Make sure a matching chart version exists in the repo, or change the version constraint in Chart.yaml",
                file: "Chart.yaml")
        }
        result.dependencies.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        return result
    }

    /// An absolute, cleaned path (relative paths start at the working directory).
    static func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return cleanPath(path) }
        var buffer = [CChar](repeating: 0, count: 4096)
        let base = buffer.withUnsafeMutableBufferPointer { pointer -> String in
            guard let address = pointer.baseAddress, getcwd(address, pointer.count) != nil else { return "/" }
            return String(cString: address)
        }
        return cleanPath(base + "/" + path)
    }
}
