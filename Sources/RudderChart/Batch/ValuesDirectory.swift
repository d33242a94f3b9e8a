import RudderCore

/// `rudder template CHART --values-dir DIR`: one release per values file.
public enum ValuesDirectory {
    /// One release for each `*.yaml`/`*.yml` file in `directory` (sorted by
    /// name): `base` with the release name and namespace taken from the file
    /// name (`engineering.yaml` → `engineering`), and the file added after
    /// `base`'s own `-f` files. A file name that is no valid release name
    /// becomes that release's failure; the others still render.
    public static func releases(directory: String, base: TemplateRequest) throws(TemplateFailure) -> [BatchRelease] {
        let names: [String]
        do {
            names = try FileSystem.list(directory)
        } catch {
            throw TemplateFailure("cannot read values directory \(directory): \(error.reason)")
        }
        var releases: [BatchRelease] = []
        for file in names {
            let stem: Substring
            if file.hasSuffix(".yaml") {
                stem = file.dropLast(5)
            } else if file.hasSuffix(".yml") {
                stem = file.dropLast(4)
            } else {
                continue
            }
            if stem.isEmpty || stem.hasPrefix(".") { continue }
            let path = directory.hasSuffix("/") ? directory + file : directory + "/" + file
            if FileSystem.isDirectory(path) { continue }
            var request = base
            request.releaseName = String(stem)
            request.namespace = String(stem)
            request.values.valueFiles.append(path)
            var release = BatchRelease(request: request)
            if !ReleaseName.isValid(request.releaseName) {
                release.setupFailure = TemplateFailure(
                    "invalid release name \"\(stem)\" (from \(path)): \(ReleaseName.rule)")
            }
            releases.append(release)
        }
        if releases.isEmpty {
            throw TemplateFailure("no values files (*.yaml, *.yml) in \(directory)")
        }
        return releases
    }
}
