import RudderCore

/// One release of a batch: what `rudder template` would be asked alone.
public struct BatchRelease: Sendable {
    /// The release's request. `outputDir` is ignored: the batch decides where output goes.
    public var request: TemplateRequest
    /// Values "files" that are not on disk: path → bytes (inline layers of a release set).
    public var inlineValues: [String: [UInt8]]
    /// A problem found before rendering (an invalid release name from a file name):
    /// reported as this release's failure, the others still render.
    public var setupFailure: TemplateFailure?

    public init(request: TemplateRequest, inlineValues: [String: [UInt8]] = [:], setupFailure: TemplateFailure? = nil) {
        self.request = request
        self.inlineValues = inlineValues
        self.setupFailure = setupFailure
    }

    public var name: String { request.releaseName }
}

/// Where a batch's output goes.
public enum BatchOutputLayout: String, Sendable, CaseIterable {
    /// `<dir>/<release>/manifest.yaml`: what `rudder template` prints.
    case perRelease = "per-release"
    /// `<dir>/<release>/<chart>/templates/…`: what `rudder template --output-dir` writes.
    case perTemplate = "per-template"
}

public struct BatchOptions: Sendable {
    /// nil: each release's output is handed back (for stdout), in order.
    public var outputDirectory: String?
    public var layout: BatchOutputLayout = .perTemplate
    /// Releases rendering or waiting to be delivered at once; 0 for twice the number of cores.
    public var maxInFlight: Int = 0
    /// Flush the new output to disk (one `syncfs`) before it replaces the old,
    /// so that it survives a power loss too. Off by default: `syncfs` flushes
    /// every dirty page of the file system (other programs' too) and can take
    /// far longer than the render. Without it a reader still never sees a
    /// partial folder (the swap is one rename).
    public var durable = false

    public init(outputDirectory: String? = nil, layout: BatchOutputLayout = .perTemplate) {
        self.outputDirectory = outputDirectory
        self.layout = layout
    }
}

/// What became of one release.
public struct BatchReleaseResult: Sendable {
    public var name: String
    /// Set when the release failed; its previous output (if any) is untouched.
    public var failure: TemplateFailure?
    /// Without an output directory: exactly what `rudder template` prints for it.
    public var stdout: String = ""
    /// Helm's log lines for stderr.
    public var logs: [String] = []
    /// Documents rendered (manifests, hooks and CRDs written).
    public var objectCount = 0
}

public struct BatchSummary: Sendable, Equatable {
    public var releases: Int
    public var failed: Int
    public var objects: Int
    public var seconds: Double

    /// `rendered 1000 releases (2 failed), 14000 objects in 0.84s`.
    public var description: String {
        let failedText = failed > 0 ? " (\(failed) failed)" : ""
        let rounded = (seconds * 100).rounded() / 100
        return "rendered \(releases) release\(releases == 1 ? "" : "s")\(failedText), \(objects) object\(objects == 1 ? "" : "s") in \(rounded)s"
    }
}
