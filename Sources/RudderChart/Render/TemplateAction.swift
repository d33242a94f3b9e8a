import RudderCore
import RudderFunctions
import RudderTemplate
import RudderYAML

/// Everything `rudder template` (and `helm template`) takes.
public struct TemplateRequest: Sendable {
    public var releaseName = "release-name"
    public var namespace = "default"
    public var chartPath: String
    public var values = ValuesOptions()
    public var isUpgrade = false
    /// `--kube-version`; nil or empty for Helm's default (v1.35.0).
    public var kubeVersion: String?
    /// `-a/--api-versions`, already split on commas.
    public var apiVersions: [String] = []
    public var includeCRDs = false
    public var skipTests = false
    public var noHooks = false
    /// `-s/--show-only` patterns (globs on the path after `<chart>/`).
    public var showOnly: [String] = []
    /// `--output-dir`: write one file per template instead of printing.
    public var outputDir: String?
    /// `--release-name`: put files under `<output-dir>/<release name>/`.
    public var useReleaseName = false
    public var skipSchemaValidation = false
    public var enableDNS = false
    /// `--timeout` in seconds; bounds the whole render.
    public var timeoutSeconds: Double?

    public init(chartPath: String) { self.chartPath = chartPath }
}

/// What a successful `template` produces: text for stdout, files for `--output-dir`,
/// and Helm's log lines for stderr.
public struct TemplateOutput: Sendable {
    public var stdout: String
    /// For `--output-dir`: each file's whole content, in the order Helm first writes them.
    public var files: [(path: String, content: String)]
    /// Lines Helm logs on stderr (`level=INFO msg="skipping unknown hooks" …`).
    public var logs: [String]
}

/// A failed `template`: Helm's error text (what follows `Error: `), plus where
/// Rudder can say more than Helm, a detail for an extra line.
public struct TemplateFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var detail: String?
    public var logs: [String]
    /// Set when the failure came after rendering started (Helm then has a release):
    /// what `--debug` prints on stdout instead of Helm's "Use --debug flag" hint.
    /// Empty when no template output exists (a template failed to execute).
    public var renderedOutput: String?

    public init(_ message: String, detail: String? = nil, logs: [String] = []) {
        self.message = message
        self.detail = detail
        self.logs = logs
    }

    public var description: String { message }

    /// A chart or values error: its text, and where it points as the detail line.
    init(_ error: ChartError) {
        self.init(error.description, detail: error.position.map { "at \($0)" })
    }

    /// The message without Helm's trailing "Use --debug flag …" hint (what Helm
    /// prints when `--debug` is given).
    public var messageWithoutDebugHint: String {
        message.hasSuffix(TemplateAction.debugHint) ? String(message.dropLast(TemplateAction.debugHint.count)) : message
    }
}

/// Values a one-shot process never frees: freeing a chart's parse trees and
/// values node by node costs more than a millisecond, and the process is about
/// to exit, which returns all of its memory at once.
enum ProcessLifetime {
    private final class Box: @unchecked Sendable {
        let contents: Any
        init(_ contents: Any) { self.contents = contents }
    }

    static func keep(_ contents: Any) {
        _ = Unmanaged.passRetained(Box(contents))
    }
}

/// `helm template`, step by step as Helm 4.1.4's install action runs it client-side.
public enum TemplateAction {
    public static let debugHint = "\n\nUse --debug flag to render out invalid YAML"

    /// Runs `helm template`. `keepForExit`: a one-shot process that exits right
    /// after printing passes true, and the chart, values and parsed templates are
    /// left for the operating system to reclaim instead of being freed piece by piece.
    public static func run(
        _ request: TemplateRequest, functions: FunctionRegistry? = nil, keepForExit: Bool = false
    ) throws(TemplateFailure) -> TemplateOutput {
        // Capabilities first: a bad --kube-version fails before the chart is read.
        let capabilities = try capabilities(for: request)
        // The function table is built on a second thread while the chart is read,
        // and the templates are parsed there while values are read here.
        let enableDNS = request.enableDNS
        let functionTable = BackgroundWork { functions ?? registryFor(enableDNS: enableDNS) }
        // The top chart's templates are parsed there from the moment its
        // Chart.yaml is read, while its values.yaml and subcharts load here.
        var early: (names: Set<String>, job: TemplateParseJob, parsing: BackgroundWork<FunctionRegistry>)?
        let chart: Chart
        do {
            chart = try loadInstallableChart(request.chartPath) { name, files in
                let entries = files.map { file in
                    TemplateEntry(
                        name: name + "/" + file.name, text: file.text, basePath: name + "/templates", chartIndex: 0,
                        isPartial: ChartRenderer.baseNameStartsWithUnderscore(file.name))
                }
                let job = TemplateParseJob(entries: entries)
                let parsing = BackgroundWork { () -> FunctionRegistry in
                    let registry = functionTable.finish()
                    job.work(functions: registry)
                    return registry
                }
                early = (Set(entries.map(\.name)), job, parsing)
            }
        } catch {
            throw valuesFailureFirst(error, request: request)
        }
        // The subcharts' templates (the rest), once the chart tree is known.
        let rest = TemplateParseJob(
            entries: ChartRenderer.entries(of: ChartTree(root: chart)).filter { !(early?.names.contains($0.name) ?? false) })
        let parsing = early?.parsing ?? BackgroundWork { () -> FunctionRegistry in
            let registry = functionTable.finish()
            rest.work(functions: registry)
            return registry
        }
        let prepared = try coalesceValues(chart: chart, request: request)
        // Help with what is left to parse (with the shared default table only:
        // another table would be built twice).
        if functions == nil && !enableDNS {
            let shared = registryFor(enableDNS: false)
            early?.job.work(functions: shared)
            rest.work(functions: shared)
        }
        let registry = parsing.finish()
        rest.work(functions: registry)
        var parsed = rest.files()
        if let early { parsed.files.merge(early.job.files().files) { rest, _ in rest } }
        // The values schema is compiled and the values checked on a second
        // thread while the templates execute here. Helm checks before it
        // renders, so a failed check is the error whatever the render did; the
        // render only reads the values (a `set` changes copies of them).
        let validation = request.skipSchemaValidation ? nil : BackgroundWork { () -> TemplateFailure? in
            do throws(TemplateFailure) { try validateValues(of: prepared, request: request) } catch { return error }
            return nil
        }
        var engines: [ChartRenderer] = []
        let output: Result<TemplateOutput, TemplateFailure>
        do {
            output = .success(
                try render(prepared: prepared, request: request, capabilities: capabilities, readHeadsAlongside: true) {
                    chart throws(RenderError) in
                    let engine = try ChartRenderer(chart: chart, functions: registry, parsedAhead: parsed)
                    if keepForExit { engines.append(engine) }
                    return engine
                })
        } catch {
            output = .failure(error)
        }
        if let failure = validation?.finish() ?? nil { throw failure }
        if keepForExit { ProcessLifetime.keep((chart, prepared, parsed, engines)) }
        return try output.get()
    }

    /// Step 1: `.Capabilities` from `--kube-version` and `--api-versions`.
    public static func capabilities(for request: TemplateRequest) throws(TemplateFailure) -> Capabilities {
        var kube = KubeVersion.helmDefault
        if let text = request.kubeVersion, !text.isEmpty {
            do { kube = try KubeVersion.parse(text) } catch { throw TemplateFailure(error.description) }
        }
        return Capabilities(kubeVersion: kube, extraAPIVersions: request.apiVersions)
    }

    /// Step 2: the chart, loaded, and refused unless it is an application chart.
    /// A loaded chart may be shared by every release that renders it.
    /// `templatesFound`: see `ChartLoader.load(path:limits:templatesFound:)`.
    public static func loadInstallableChart(
        _ path: String, templatesFound: ((_ chartName: String, _ templates: [ChartFile]) -> Void)? = nil
    ) throws(TemplateFailure) -> Chart {
        let chart = try loadChart(path, templatesFound: templatesFound)
        if !chart.metadata.type.isEmpty && chart.metadata.type != "application" {
            throw TemplateFailure("\(chart.metadata.type) charts are not installable")
        }
        return chart
    }

    /// What a chart that exists but fails to load (or to install) reports:
    /// Helm merges the values flags after locating the chart and before
    /// loading it, so a bad values flag is the error then.
    static func valuesFailureFirst(
        _ chartFailure: TemplateFailure, request: TemplateRequest,
        readFile: (String) throws(ChartError) -> [UInt8] = ValuesOptions.readFileFromDisk
    ) -> TemplateFailure {
        guard FileSystem.exists(request.chartPath) else { return chartFailure }
        do {
            _ = try request.values.mergedValues(readFile: readFile)
        } catch {
            return TemplateFailure(error)
        }
        return chartFailure
    }

    /// Step 3 (per release): user flags coalesced with the chart's defaults,
    /// dependencies processed, values checked against the schema.
    public static func prepareValues(
        chart: Chart, request: TemplateRequest,
        readFile: (String) throws(ChartError) -> [UInt8] = ValuesOptions.readFileFromDisk
    ) throws(TemplateFailure) -> PreparedChart {
        let prepared = try coalesceValues(chart: chart, request: request, readFile: readFile)
        try validateValues(of: prepared, request: request)
        return prepared
    }

    /// Step 3a: user flags coalesced with the chart's defaults, dependencies processed.
    static func coalesceValues(
        chart: Chart, request: TemplateRequest,
        readFile: (String) throws(ChartError) -> [UInt8] = ValuesOptions.readFileFromDisk
    ) throws(TemplateFailure) -> PreparedChart {
        do {
            return try ValuesCoalescer.prepare(chart: chart, options: request.values, readFile: readFile)
        } catch {
            throw TemplateFailure(error)
        }
    }

    /// Step 3b: values checked against the schemas (unless `--skip-schema-validation`),
    /// compiled by `schemas` when given (compiled ahead, or once per batch).
    static func validateValues(
        of prepared: PreparedChart, request: TemplateRequest, schemas: SchemaCache? = nil
    ) throws(TemplateFailure) {
        guard !request.skipSchemaValidation else { return }
        do {
            if let schemas {
                try schemas.validateValues(of: prepared, chartPath: request.chartPath)
            } else {
                try SchemaValidation.validateValues(of: prepared)
            }
        } catch {
            throw TemplateFailure(error)
        }
    }

    /// Step 4 (per release): executes the templates and assembles the output.
    /// `renderer` gives the parsed templates for the prepared chart tree (a
    /// batch hands out one shared `ChartRenderer` per set of enabled subcharts).
    /// `readHeadsAlongside`: read the rendered documents' heads on a second
    /// thread while later templates execute (for a single release; a batch
    /// already keeps every core busy with releases).
    public static func render(
        prepared: PreparedChart, request: TemplateRequest, capabilities: Capabilities,
        readHeadsAlongside: Bool = false,
        renderer: (Chart) throws(RenderError) -> ChartRenderer
    ) throws(TemplateFailure) -> TemplateOutput {
        var options = ExecutionOptions()
        if let seconds = request.timeoutSeconds { options.setTimeout(seconds: seconds) }
        let release = ReleaseInfo(name: request.releaseName, namespace: request.namespace, isUpgrade: request.isUpgrade)
        let pipeline = readHeadsAlongside ? HeadReadingPipeline() : nil
        let rendered: [(path: String, content: String)]
        do {
            let engine = try renderer(prepared.chart)
            let submit: (String, String) -> Void = { path, content in
                if !path.hasSuffix("NOTES.txt") { pipeline?.submit(content) }
            }
            // A single release (reading heads alongside) also splits the
            // templates between two threads; a batch keeps every core busy already.
            rendered = readHeadsAlongside
                ? try engine.renderSplit(
                    values: .map(prepared.values), release: release, capabilities: capabilities, options: options,
                    rendered: submit)
                : try engine.render(
                    values: .map(prepared.values), release: release, capabilities: capabilities, options: options,
                    rendered: submit)
        } catch {
            _ = pipeline?.finish()  // ends the reading thread
            var failure = TemplateFailure(error.description + debugHint)
            failure.renderedOutput = ""
            throw failure
        }
        return try assemble(rendered: rendered, chart: prepared.chart, request: request, heads: pipeline?.finish() ?? [:])
    }

    public static func registryFor(enableDNS: Bool) -> FunctionRegistry {
        guard enableDNS else { return HelmFunctions.registry }
        var options = FunctionOptions()
        options.enableDNS = true
        var registry = FunctionRegistry()
        HelmFunctions.register(into: &registry, options: options)
        return registry
    }

    static func loadChart(
        _ path: String, templatesFound: ((_ chartName: String, _ templates: [ChartFile]) -> Void)? = nil
    ) throws(TemplateFailure) -> Chart {
        guard FileSystem.exists(path) else {
            // Helm then treats the argument as a chart reference in a repository.
            if let slash = path.firstIndex(of: "/") {
                throw TemplateFailure("repo \(path[..<slash]) not found")
            }
            throw TemplateFailure("non-absolute URLs should be in form of repo_name/path_to_chart, got: \(path)")
        }
        do {
            return try ChartLoader.load(path: path, templatesFound: templatesFound)
        } catch {
            throw TemplateFailure(error)
        }
    }

    /// Sorting, framing, hooks, CRDs, `--show-only` and `--output-dir`, as Helm's
    /// install action and template command do.
    /// `heads`: documents' heads read already (by document text); others are read here.
    static func assemble(
        rendered: [(path: String, content: String)], chart: Chart, request: TemplateRequest,
        heads: HeadReadingPipeline.Heads = [:]
    ) throws(TemplateFailure) -> TemplateOutput {
        var logs: [String] = []
        let files = rendered.filter { !$0.path.hasSuffix("NOTES.txt") }
        let sorted: (manifests: [Manifest], hooks: [HookManifest])
        do {
            sorted = try ManifestSorter.sort(
                files: files,
                head: { document in try heads[document]?.get() ?? ManifestHeadReader.read(document) },
                log: { logs.append($0) })
        } catch {
            var failure = TemplateFailure("\(error)" + debugHint, logs: logs)
            // Helm's listing of what rendered (Go map order there; sorted by path here).
            failure.renderedOutput = files.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
                .filter { !ManifestSorter.trimSpace(Substring($0.content)).isEmpty }
                .map { "---\n# Source: \($0.path)\n\($0.content)\n" }.joined()
            throw failure
        }

        var outputFiles: [(path: String, content: String)] = []
        var fileIndex: [String: Int] = [:]
        var wrote: [String] = []
        let base = request.outputDir.map { dir in request.useReleaseName ? dir + "/" + request.releaseName : dir }
        func write(_ directory: String, _ name: String, _ content: String) {
            let path = directory + "/" + name
            let framed = "---\n# Source: \(name)\n\(content)\n"
            if let i = fileIndex[path] {
                outputFiles[i].content += framed
            } else {
                fileIndex[path] = outputFiles.count
                outputFiles.append((path, framed))
            }
            wrote.append("wrote \(path)\n")
        }

        var manifestText = ""
        if base == nil {
            // The framed documents, sized once (no regrowth while appending).
            var size = 1
            for m in sorted.manifests { size += 16 + m.path.utf8.count + m.content.utf8.count }
            for hook in sorted.hooks { size += 16 + hook.manifest.path.utf8.count + hook.manifest.content.utf8.count }
            manifestText.reserveCapacity(size)
        }
        if request.includeCRDs {
            for crd in crdObjects(chart) {
                if let dir = request.outputDir {
                    write(dir, crd.path, crd.content)
                } else {
                    manifestText += "---\n# Source: \(crd.path)\n\(crd.content)\n"
                }
            }
        }
        for m in sorted.manifests {
            if let dir = base {
                write(dir, m.path, m.content)
            } else {
                manifestText += "---\n# Source: "
                manifestText += m.path
                manifestText += "\n"
                manifestText += m.content
                manifestText += "\n"
            }
        }

        // Trimmed and ended with one line feed: as it is when that changes nothing
        // (it starts with `---`, and documents are trimmed), without a copy.
        var text: String
        if manifestText.utf8.first == UInt8(ascii: "-"), manifestText.utf8.last == 0x0A,
           let beforeLast = manifestText.utf8.dropLast().last, !ManifestSorter.isSpace(beforeLast) {
            text = manifestText
        } else {
            text = String(ManifestSorter.trimSpace(Substring(manifestText))) + "\n"
        }
        if !request.noHooks {
            for hook in sorted.hooks where !(request.skipTests && hook.isTest) {
                if let dir = base {
                    write(dir, hook.manifest.path, hook.manifest.content)
                } else {
                    text += "---\n# Source: "
                    text += hook.manifest.path
                    text += "\n"
                    text += hook.manifest.content
                    text += "\n"
                }
            }
        }

        if !request.showOnly.isEmpty {
            do {
                text = try showOnly(text, patterns: request.showOnly)
            } catch {
                throw TemplateFailure(error.message, detail: error.detail, logs: logs)
            }
        }
        if request.outputDir != nil {
            return TemplateOutput(stdout: wrote.joined() + text, files: outputFiles, logs: logs)
        }
        return TemplateOutput(stdout: text, files: [], logs: logs)
    }

    /// The chart's CRD files (and its subcharts'), as Helm's `CRDObjects`: path `<chart path>/crds/<file>`.
    static func crdObjects(_ chart: Chart) -> [(path: String, content: String)] {
        var result: [(path: String, content: String)] = []
        for file in chart.crds { result.append((chart.path + "/" + file.name, file.text)) }
        for dependency in chart.dependencies { result += crdObjects(dependency) }
        return result
    }

    /// `--show-only`: each pattern must match at least one document's template path
    /// (the `# Source:` path after the chart name), matched with Go's `filepath.Match`.
    static func showOnly(_ text: String, patterns: [String]) throws(TemplateFailure) -> String {
        let documents = ManifestSorter.split(text)
        var chosen: [String] = []
        for pattern in patterns {
            var found = false
            for document in documents {
                guard let name = sourcePath(document) else { continue }
                if PathMatch.matches(pattern: pattern, name: name) {
                    chosen.append(document)
                    found = true
                }
            }
            if !found { throw TemplateFailure("could not find template \(pattern) in chart") }
        }
        return chosen.map { "---\n\($0)\n" }.joined()
    }

    /// The part after `# Source: <chart>/` of a document's first such line.
    static func sourcePath(_ document: String) -> String? {
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let range = line.firstRange(of: "# Source: ") else { continue }
            let rest = line[range.upperBound...]
            guard let slash = rest.firstIndex(of: "/"), slash > rest.startIndex else { continue }
            let name = rest[rest.index(after: slash)...]
            if name.isEmpty { continue }
            return String(name)
        }
        return nil
    }
}
