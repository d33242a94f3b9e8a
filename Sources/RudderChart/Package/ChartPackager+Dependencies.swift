import RudderFunctions
import RudderCore
import RudderYAML

extension ChartPackager {
    /// `--dependency-update` without a network: each dependency of Chart.yaml
    /// whose repository is `file://PATH` is loaded from PATH (relative to the
    /// chart), checked against the declared version range and written as
    /// `charts/<name>-<version>.tgz`. A dependency from any other repository
    /// must already be in `charts/`. Returns the archives written.
    public static func vendorFileDependencies(chartPath path: String, modificationTime: Int64 = 0,
                                              limits: LoadLimits = .default) throws(ChartError) -> [String] {
        let chart = try ChartLoader.load(path: path, limits: limits)
        var top = path
        while top.count > 1 && top.hasSuffix("/") { top.removeLast() }
        var written: [String] = []
        var locked: [ChartDependency] = []
        let present = Set(chart.dependencies.map(\.name))
        for dependency in chart.metadata.dependencies {
            guard dependency.repository.hasPrefix("file://") else {
                if let vendored = chart.dependencies.first(where: { $0.name == dependency.name }) {
                    locked.append(ChartDependency(name: dependency.name, version: vendored.metadata.version, repository: dependency.repository))
                }
                if present.contains(dependency.name) { continue }
                throw ChartError(
                    "dependency \(goQuote(dependency.name)) comes from \(goQuote(dependency.repository)), which cannot be reached; only file:// dependencies are updated",
                    file: "Chart.yaml", fix: "vendor the chart into charts/ or use a file:// repository")
            }
            var location = String(dependency.repository.dropFirst("file://".count))
            if !location.hasPrefix("/") { location = top + "/" + location }
            let source: Chart
            do {
                source = try ChartLoader.load(path: location, limits: limits)
            } catch {
                throw error.wrapped("dependency \(goQuote(dependency.name)) from \(dependency.repository)")
            }
            if source.metadata.name != dependency.name {
                throw ChartError(
                    "dependency \(goQuote(dependency.name)) from \(dependency.repository) is a chart named \(goQuote(source.metadata.name))",
                    file: "Chart.yaml")
            }
            if !dependency.version.isEmpty,
               !SemanticVersionConstraint.isCompatible(dependency.version, source.metadata.version) {
                throw ChartError(
                    "can't get a valid version for dependency \(dependency.name): \(source.metadata.version) does not satisfy \(goQuote(dependency.version))",
                    file: "Chart.yaml", fix: "change the version range or the dependency's version")
            }
            let archive = try archive(source, modificationTime: modificationTime)
            let target = top + "/charts/\(source.metadata.name)-\(source.metadata.version).tgz"
            do {
                try FileSystem.writeAtomically(target, archive)
            } catch {
                throw ChartError("cannot write \(target): \(error.reason)", file: target)
            }
            written.append(target)
            locked.append(ChartDependency(name: dependency.name, version: source.metadata.version, repository: dependency.repository))
        }
        if chart.metadata.apiVersion == ChartMetadata.apiVersionV2 && !chart.metadata.dependencies.isEmpty {
            let lock = lockFile(requested: chart.metadata.dependencies, locked: locked, generated: Timestamp(seconds: modificationTime))
            do {
                try FileSystem.writeAtomically(top + "/Chart.lock", Array(lock.utf8))
            } catch {
                throw ChartError("cannot write \(top)/Chart.lock: \(error.reason)", file: top + "/Chart.lock")
            }
        }
        return written
    }

    /// Chart.lock as `helm dependency update` writes it, with `generated` set to
    /// the given time instead of the wall clock, and Helm's digest: sha256 of
    /// the JSON of `[requested, locked]` (fields in struct order, HTML-escaped).
    static func lockFile(requested: [ChartDependency], locked: [ChartDependency], generated: Timestamp) -> String {
        func json(_ dependencies: [ChartDependency]) -> String {
            "[" + dependencies.map(\.goJSON).joined(separator: ",") + "]"
        }
        let digest = "sha256:" + Digest.sha256Hex(Array(("[" + json(requested) + "," + json(locked) + "]").utf8))
        let lock: Value = .map([
            "generated": .string(generated.rfc3339Nano), "digest": .string(digest),
            "dependencies": .list(locked.map(\.marshalledValue)),
        ])
        return YAMLWriter.marshal(lock)
    }
}
