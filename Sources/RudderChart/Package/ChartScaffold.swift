import RudderCore

/// `helm create NAME`: the starter chart of Helm 4.1.4 (Chart.yaml,
/// values.yaml, .helmignore, the templates for a Deployment with Service,
/// ServiceAccount, Ingress, HTTPRoute, HPA, NOTES.txt, helpers and a test),
/// byte for byte, with an empty `charts/` directory.
public enum ChartScaffold {
    /// What `create` did.
    public struct Outcome: Sendable, Equatable {
        /// The chart's directory.
        public var directory: String
        /// Files that existed and were overwritten (Helm warns about each).
        public var overwritten: [String]
    }

    /// The starter chart's files for a chart called `name`.
    public static func files(chartName name: String) -> [(path: String, content: String)] {
        (files + templateFiles).map { ($0.path, $0.content.replacingAll("<CHARTNAME>", with: name)) }
    }

    /// Writes the starter chart into `path` (its last component is the chart
    /// name), as Helm does: directories made as needed, existing files overwritten.
    public static func create(at path: String) throws(ChartError) -> Outcome {
        var directory = path
        while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
        let name = directory.split(separator: "/").last.map(String.init) ?? directory
        if name.isEmpty || name == "." || name == ".." {
            throw ChartError("chart name \(goQuote(name)) is not valid", file: path, fix: "give a name such as mychart")
        }
        if let kind = FileSystem.resolvedKind(of: directory), kind != .directory {
            throw ChartError("file \(directory) already exists and is not a directory", file: directory)
        }
        var overwritten: [String] = []
        let absolute = ChartPackager.absolutePath(directory)
        do {
            try FileSystem.createDirectory(directory)
            for file in files(chartName: name) {
                let target = directory + "/" + file.path
                if FileSystem.exists(target) { overwritten.append(absolute + "/" + file.path) }
                try FileSystem.writeAtomically(target, Array(file.content.utf8))
            }
            try FileSystem.createDirectory(directory + "/charts")
        } catch {
            throw ChartError("\(error.path): \(error.reason)", file: error.path)
        }
        return Outcome(directory: directory, overwritten: overwritten)
    }
}
