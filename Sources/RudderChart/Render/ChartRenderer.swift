import RudderCore
import RudderFunctions
import RudderTemplate
import RudderYAML
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What `.Release` holds.
public struct ReleaseInfo: Sendable {
    public var name: String
    public var namespace: String
    public var isUpgrade: Bool
    public var revision: Int
    /// `.Release.IsInstall` when it is not simply `!isUpgrade` (lint renders with both false).
    public var isInstallOverride: Bool?

    public init(name: String = "release-name", namespace: String = "default", isUpgrade: Bool = false, revision: Int = 1) {
        self.name = name
        self.namespace = namespace
        self.isUpgrade = isUpgrade
        self.revision = revision
    }

    /// Helm's `.Release` map.
    var value: Value {
        .map([
            "Name": .string(name), "Namespace": .string(namespace), "IsInstall": .bool(isInstallOverride ?? !isUpgrade),
            "IsUpgrade": .bool(isUpgrade), "Revision": .int(revision), "Service": "Helm",
        ])
    }
}

/// One template file of the chart tree, named as Helm names it.
struct TemplateEntry: Sendable {
    /// `mychart/templates/a.yaml`, `mychart/charts/sub/templates/b.yaml`.
    var name: String
    var text: String
    /// `mychart/templates`.
    var basePath: String
    /// Index of the owning chart in `ChartTree.charts`.
    var chartIndex: Int
    /// Files whose base name starts with `_` are parsed but never executed.
    var isPartial: Bool
}

/// A chart tree flattened for rendering: every (enabled) chart with its scope path.
struct ChartTree: Sendable {
    struct Node: Sendable {
        var chart: Chart
        var isRoot: Bool
        /// Keys from the root values down to this chart's values (`["sub", "subsub"]`).
        var valuesPath: [String]
        var children: [Int]
    }
    var charts: [Node] = []

    init(root: Chart) {
        add(root, isRoot: true, valuesPath: [])
    }

    @discardableResult
    mutating func add(_ chart: Chart, isRoot: Bool, valuesPath: [String]) -> Int {
        let index = charts.count
        charts.append(Node(chart: chart, isRoot: isRoot, valuesPath: valuesPath, children: []))
        var children: [Int] = []
        for dependency in chart.dependencies {
            children.append(add(dependency, isRoot: false, valuesPath: valuesPath + [dependency.name]))
        }
        charts[index].children = children
        return index
    }
}

/// The template files of a chart, parsed by any number of threads at once:
/// each thread calling `work` takes the next file nobody has taken (largest
/// first) until none is left. Lets one `rudder template` parse on both cores
/// whenever one is otherwise idle.
public final class TemplateParseJob: @unchecked Sendable {
    private let entries: [TemplateEntry]
    private let next = Atomic<Int>(0)
    // One slot per entry, each written by the one thread that took the entry;
    // read by `files()` only after every worker has been joined.
    private let slots: UnsafeMutableBufferPointer<Result<TemplateSet.ParsedFile, TemplateError>?>

    public convenience init(chart: Chart) {
        self.init(entries: ChartRenderer.entries(of: ChartTree(root: chart)))
    }

    /// Parses `entries` (only their names and texts matter).
    init(entries: [TemplateEntry]) {
        self.entries = entries.sorted { $0.text.utf8.count > $1.text.utf8.count }
        slots = .allocate(capacity: max(entries.count, 1))
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Parses files that no other thread has taken, until none is left.
    public func work(functions: FunctionRegistry) {
        while true {
            let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard index < entries.count else { return }
            let entry = entries[index]
            do {
                slots[index] = .success(try TemplateSet.parseFile(name: entry.name, text: entry.text, functions: functions))
            } catch {
                slots[index] = .failure(error)
            }
        }
    }

    /// The parsed files. Call once every thread's `work` has returned and been joined.
    public func files() -> ParsedTemplateFiles {
        var files: [String: ParsedTemplateFiles.File] = [:]
        for (index, entry) in entries.enumerated() {
            guard let result = slots[index] else { continue }
            files[entry.name] = ParsedTemplateFiles.File(text: entry.text, result: result)
        }
        return ParsedTemplateFiles(files: files)
    }
}

/// Template files parsed ahead of building a `ChartRenderer` (see `TemplateParseJob`).
public struct ParsedTemplateFiles: Sendable {
    struct File: Sendable {
        var text: String
        var result: Result<TemplateSet.ParsedFile, TemplateError>
    }
    var files: [String: File]
}

/// Errors of rendering, each printing as Helm's `Error:` line.
public enum RenderError: Error, Sendable, CustomStringConvertible {
    case template(TemplateError)
    case manifest(ManifestError)
    case other(String)

    public var description: String {
        switch self {
        case .template(let e): return e.helmDescription
        case .manifest(let e): return e.description
        case .other(let message): return message
        }
    }
}

/// Parses every template of a chart tree into one shared set, in Helm's order,
/// so that it can be executed many times (one release after another, or in
/// parallel: the set is immutable and `Sendable`).
public struct ChartRenderer: Sendable {
    let tree: ChartTree
    let entries: [TemplateEntry]
    let templates: TemplateSet
    let functions: FunctionRegistry

    /// Parses the templates of `chart` (already pruned of disabled subcharts, aliases applied).
    /// `parsedAhead` holds files parsed earlier (perhaps on another thread, from
    /// the chart as loaded); a file is taken from it only when its name and text
    /// are the same, so the result is always that of parsing `chart` itself.
    public init(chart: Chart, functions: FunctionRegistry, parsedAhead: ParsedTemplateFiles? = nil)
        throws(RenderError)
    {
        let tree = ChartTree(root: chart)
        let entries = ChartRenderer.sortedForParsing(ChartRenderer.entries(of: tree))
        var set = TemplateSet()
        for entry in entries {
            do {
                if let ahead = parsedAhead?.files[entry.name], ahead.text == entry.text {
                    set.add(try ahead.result.get())
                } else {
                    set.add(try TemplateSet.parseFile(name: entry.name, text: entry.text, functions: functions))
                }
            } catch {
                throw .template(error)
            }
        }
        self.tree = tree
        self.entries = entries
        self.templates = set
        self.functions = functions
    }

    /// The template files of a chart tree, each named as Helm names it; a library
    /// chart contributes only its partials.
    static func entries(of tree: ChartTree) -> [TemplateEntry] {
        var entries: [TemplateEntry] = []
        for (index, node) in tree.charts.enumerated() {
            for file in node.chart.templates {
                let isPartial = baseNameStartsWithUnderscore(file.name)
                if node.chart.isLibrary && !isPartial { continue }
                entries.append(
                    TemplateEntry(
                        name: node.chart.path + "/" + file.name, text: file.text,
                        basePath: node.chart.path + "/templates", chartIndex: index, isPartial: isPartial))
            }
        }
        return entries
    }

    /// Whether the last path component of `name` starts with `_`.
    static func baseNameStartsWithUnderscore(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return bytes.first == UInt8(ascii: "_") }
        let next = bytes.index(after: slash)
        return next < bytes.endIndex && bytes[next] == UInt8(ascii: "_")
    }

    /// Helm's `sortTemplates`: deeper paths first, then reverse lexical order, so the
    /// shallowest, lexically first file is parsed last and its `define`s win.
    static func sortedForParsing(_ entries: [TemplateEntry]) -> [TemplateEntry] {
        let keyed = entries.map { entry in
            let bytes = Array(entry.name.utf8)
            return (depth: bytes.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }, bytes: bytes, entry: entry)
        }
        return keyed.sorted { a, b in
            if a.depth != b.depth { return a.depth > b.depth }
            return b.bytes.lexicographicallyPrecedes(a.bytes)
        }.map(\.entry)
    }

    /// Executes every non-partial template with the values of its chart's scope.
    /// Returns path → rendered text (with `<no value>` removed, as Helm does),
    /// NOTES.txt files included. The first failing template (in Helm's order) ends it.
    /// `rendered` sees each file's output as soon as it is made.
    public func render(
        values: Value, release: ReleaseInfo, capabilities: Capabilities, options: ExecutionOptions,
        rendered: ((_ path: String, _ content: String) -> Void)? = nil
    ) throws(RenderError) -> [(path: String, content: String)] {
        try execute(
            entries.filter { !$0.isPartial }, values: values, release: release, capabilities: capabilities,
            options: options, rendered: rendered
        ).output
    }

    /// Executes `files` one after another, as a render does, and tells whether
    /// any of them changed the shared `.Values` (which later files would see).
    func execute(
        _ files: [TemplateEntry], values: Value, release: ReleaseInfo, capabilities: Capabilities,
        options: ExecutionOptions, rendered: ((_ path: String, _ content: String) -> Void)? = nil
    ) throws(RenderError) -> (output: [(path: String, content: String)], sharedDataChanged: Bool) {
        // One `.Values` for every file (Go's maps are shared): a `set` in one file is seen by the next.
        let references = MapReferences()
        let contexts = buildContexts(values: references.share(values), release: release, capabilities: capabilities)
        var output: [(path: String, content: String)] = []
        for entry in files {
            guard case .map(var data) = contexts[entry.chartIndex] else { continue }
            data["Template"] = .map(["Name": .string(entry.name), "BasePath": .string(entry.basePath)])
            let text: String
            do {
                text = try templates.execute(
                    name: entry.name, data: .map(data), functions: functions, options: options, references: references)
            } catch {
                throw .template(error)
            }
            let content = Self.contains(text, Self.noValue) ? text.replacingAll("<no value>", with: "") : text
            rendered?(entry.name, content)
            output.append((entry.name, content))
        }
        return (output, references.sharedDataChanged)
    }

    static let noValue: [UInt8] = Array("<no value>".utf8)

    /// Whether `text` holds `needle` (non-empty): `memchr` finds each candidate
    /// first byte. Most rendered files hold no `<no value>` (and few a `<`), and
    /// are then kept as they are without a byte-by-byte pass.
    static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            needle.withUnsafeBufferPointer { pattern in
                guard let base = bytes.baseAddress, let patternBase = pattern.baseAddress, pattern.count > 0 else {
                    return false
                }
                var offset = 0
                while offset + pattern.count <= bytes.count,
                    let found = memchr(base + offset, Int32(pattern[0]), bytes.count - offset - pattern.count + 1)
                {
                    let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + position, patternBase, pattern.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }

    /// The dot of each chart: Chart, Files, Release, Capabilities, Values, Subcharts.
    func buildContexts(values: Value, release: ReleaseInfo, capabilities: Capabilities) -> [Value] {
        // `.Files.AsConfig` and `AsSecrets` encode exactly as the `toYaml` function does.
        let toYAML = functions["toYaml"]
        let yamlEncoder: @Sendable (Value) -> String = { value in
            guard let toYAML, case .string(let text)? = try? toYAML.body([value]) else { return "" }
            return text
        }
        var contexts = [Value](repeating: .null, count: tree.charts.count)
        let releaseValue = release.value
        let capabilitiesValue = Value.object(capabilities)
        // Children before parents, so `.Subcharts` can hold finished contexts.
        for index in tree.charts.indices.reversed() {
            let node = tree.charts[index]
            var scoped: Value = node.isRoot ? values : .map([:])
            if !node.isRoot, let scope = MapReferences.scope(values, path: node.valuesPath) {
                scoped = scope
            } else if !node.isRoot, case .map = values.lookup(node.valuesPath) ?? .null {
                scoped = values.lookup(node.valuesPath) ?? .map([:])
            }
            var subcharts: [String: Value] = [:]
            for child in node.children {
                subcharts[tree.charts[child].chart.name] = contexts[child]
            }
            var files: [String: [UInt8]] = [:]
            for file in node.chart.files { files[file.name] = file.data }
            // Room for `Template`, which `render` adds to a copy for each file.
            var context = [String: Value](minimumCapacity: 7)
            context["Chart"] = ChartValue.make(node.chart.metadata, isRoot: node.isRoot)
            context["Files"] = .object(FilesObject(files: files, yamlEncoder: yamlEncoder))
            context["Release"] = releaseValue
            context["Capabilities"] = capabilitiesValue
            context["Values"] = scoped
            context["Subcharts"] = .map(subcharts)
            contexts[index] = .map(context)
        }
        return contexts
    }
}

/// `.Chart` as Helm 4 exposes it: a map of the metadata's Go field names, plus `IsRoot`.
enum ChartValue {
    static func make(_ m: ChartMetadata, isRoot: Bool) -> Value {
        let maintainers: [Value] = m.maintainers.map { maintainer in
            guard let maintainer else { return .null }
            return .map(["Name": .string(maintainer.name), "Email": .string(maintainer.email), "URL": .string(maintainer.url)])
        }
        let dependencies: [Value] = m.dependencies.map { d in
            var importValues: [Value] = []
            for item in d.importValues {
                switch item {
                case .exports(let name):
                    importValues.append(.map(["child": .string("exports." + name), "parent": "."]))
                case .mapping(let child, let parent):
                    importValues.append(.map(["child": .string(child), "parent": .string(parent)]))
                case .ignored:
                    break
                }
            }
            return .map([
                "Name": .string(d.effectiveName), "Version": .string(d.version), "Repository": .string(d.repository),
                "Condition": .string(d.condition), "Tags": .list(d.tags.map { .string($0) }),
                "Enabled": .bool(d.enabled), "ImportValues": .list(importValues), "Alias": .string(d.alias),
            ])
        }
        var annotations: [String: Value] = [:]
        for (k, v) in m.annotations { annotations[k] = .string(v) }
        return .map([
            "APIVersion": .string(m.apiVersion), "Name": .string(m.name), "Version": .string(m.version),
            "KubeVersion": .string(m.kubeVersion), "Description": .string(m.description), "Type": .string(m.type),
            "Keywords": .list(m.keywords.map { .string($0) }), "Home": .string(m.home),
            "Sources": .list(m.sources.map { .string($0) }), "Dependencies": .list(dependencies),
            "Maintainers": .list(maintainers), "Icon": .string(m.icon), "AppVersion": .string(m.appVersion),
            "Deprecated": .bool(m.deprecated), "Annotations": m.annotations.isEmpty ? .null : .map(annotations),
            "Condition": .string(m.condition), "Tags": .string(m.tags), "IsRoot": .bool(isRoot),
        ])
    }
}
