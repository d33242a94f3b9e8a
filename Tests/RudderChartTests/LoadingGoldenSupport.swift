import RudderCore
import RudderYAML
import _RudderTestSupport
@testable import RudderChart

/// Runs a golden case of `Tests/Golden/loading/` the way `helm template` does
/// the loading half: load, merge the flags, process dependencies, coalesce,
/// validate schemas. Returns nil when it matches, or what differs.
enum LoadingGoldenRunner {
    static let root = GoldenCases.repositoryRoot()

    struct Flags {
        var options = ValuesOptions()
        var includeCRDs = false
        var skipSchemaValidation = false
    }

    static func flags(_ args: String) -> Flags {
        var flags = Flags()
        let words = args.isEmpty ? [] : args.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < words.count {
            let word = words[index]
            let next = index + 1 < words.count ? words[index + 1] : ""
            switch word {
            case "-f", "--values": flags.options.valueFiles.append(next); index += 1
            case "--set": flags.options.set.append(next); index += 1
            case "--set-string": flags.options.setString.append(next); index += 1
            case "--set-json": flags.options.setJSON.append(next); index += 1
            case "--set-literal": flags.options.setLiteral.append(next); index += 1
            case "--set-file": flags.options.setFile.append(next); index += 1
            case "--include-crds": flags.includeCRDs = true
            case "--skip-schema-validation": flags.skipSchemaValidation = true
            default: break
            }
            index += 1
        }
        return flags
    }

    /// Reads user files relative to the repository root, reporting the path as given.
    static func readFile(_ path: String) throws(ChartError) -> [UInt8] {
        do {
            return try ValuesOptions.readFileFromDisk(path.hasPrefix("/") ? path : root + "/" + path)
        } catch {
            throw ChartError(error.message.replacingAll(root + "/", with: ""), file: path)
        }
    }

    /// The prepared chart, or the error Helm's pipeline would report.
    static func run(_ testCase: GoldenCase) -> Result<(PreparedChart, Flags), ChartError> {
        let flags = flags(testCase["args"] ?? "")
        let path = root + "/Tests/Fixtures/charts/" + (testCase["chart"] ?? "")
        do throws(ChartError) {
            let chart = try ChartLoader.load(path: path)
            let prepared = try ValuesCoalescer.prepare(chart: chart, options: flags.options, readFile: readFile)
            if !flags.skipSchemaValidation {
                try SchemaValidation.validateValues(of: prepared)
            }
            return .success((prepared, flags))
        } catch {
            return .failure(error)
        }
    }

    /// An archive case: the archive is rebuilt from its description with the test's tar writer.
    static func runArchive(_ testCase: GoldenCase) -> Result<(PreparedChart, Flags), ChartError> {
        let directory = (try? FileSystemHelper.temporaryDirectory()) ?? "/tmp"
        defer { FileSystemHelper.remove(directory) }
        let path = directory + "/" + (testCase["file"] ?? "chart.tgz")
        var writer = TestTarWriter()
        var raw: [UInt8]?
        for line in (testCase["entries"] ?? "").split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { continue }
            let data = Array(fields[2].replacingAll("\\n", with: "\n").replacingAll("\\\\", with: "\\").utf8)
            switch fields[0] {
            case "raw": raw = data
            case "dir": writer.add(fields[1], type: .directory)
            default: writer.add(fields[1], data)
            }
        }
        try? FileSystemHelper.write(path, raw ?? writer.gzipped)
        do throws(ChartError) {
            let chart = try ChartLoader.load(path: path)
            let prepared = try ValuesCoalescer.prepare(chart: chart, userValues: [:])
            return .success((prepared, Flags()))
        } catch {
            var error = error
            error.message = error.message.replacingAll(directory, with: "<dir>")
            return .failure(error)
        }
    }

    static func check(_ testCase: GoldenCase) -> String? {
        switch testCase["entries"] != nil ? runArchive(testCase) : run(testCase) {
        case .failure(let error):
            guard let expected = testCase["error"] else { return "unexpected error: \(error.message)" }
            let message = error.message.replacingAll(root + "/", with: "")
            // Helm 4 hides the cause of archive errors; ours follows Helm's words.
            if expected == "unable to load chart archive" && message.hasPrefix(expected + ": ") { return nil }
            if message == expected || schemaEntries(message) == schemaEntries(expected) && expected.contains("- at ") {
                return nil
            }
            return "error differs:\n  got:      \(message)\n  expected: \(expected)"
        case .success(let (prepared, flags)):
            guard let output = testCase["output"] else { return "expected error: \(testCase["error"] ?? "")" }
            return compare(prepared, flags: flags, output: output)
        }
    }

    /// Top-level entries of a schema error (an entry with its indented causes),
    /// sorted: Helm lists properties in Go's random map order.
    static func schemaEntries(_ message: String) -> [String] {
        var entries: [String] = []
        for line in message.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  "), !entries.isEmpty {
                entries[entries.count - 1] += "\n" + line
            } else {
                entries.append(String(line))
            }
        }
        return entries.sorted()
    }

    static func compare(_ prepared: PreparedChart, flags: Flags, output: String) -> String? {
        var problems: [String] = []
        var renderedValues: Set<String> = []
        var crds: [String: String] = [:]
        for block in output.components(separatedBy: "---\n# Source: ").dropFirst() {
            guard let newline = block.firstIndex(of: "\n") else { continue }
            let source = String(block[..<newline])
            let content = String(block[block.index(after: newline)...])
            if source.hasSuffix("/templates/values.yaml") {
                let chartPath = String(source.dropLast("/templates/values.yaml".count))
                renderedValues.insert(chartPath)
                guard let names = subchartNames(chartPath, root: prepared.chart) else {
                    problems.append("no chart at \(chartPath)")
                    continue
                }
                let json = "# " + JSONWriter.encode(.map(prepared.values(forSubchartPath: names))) + "\n"
                if json != content { problems.append("values of \(chartPath):\n  got:      \(json)  expected: \(content)") }
            } else if source.hasSuffix("/templates/files.yaml") {
                let chartPath = String(source.dropLast("/templates/files.yaml".count))
                guard let chart = find(chartPath, in: prepared.chart) else {
                    problems.append("no chart at \(chartPath)")
                    continue
                }
                let names = chart.files.map(\.name).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                let listed = "# files:" + names.map { " " + $0 }.joined() + "\n"
                if listed != content { problems.append("files of \(chartPath):\n  got:      \(listed)  expected: \(content)") }
            } else if source.hasSuffix("/templates/chart.yaml") {
                let chartPath = String(source.dropLast("/templates/chart.yaml".count))
                guard let chart = find(chartPath, in: prepared.chart) else {
                    problems.append("no chart at \(chartPath)")
                    continue
                }
                let json = "# " + JSONWriter.encode(chartObject(chart, isRoot: chart.path == prepared.chart.path)) + "\n"
                if json != content { problems.append("metadata of \(chartPath):\n  got:      \(json)  expected: \(content)") }
            } else if source.contains("/crds/") {
                crds[source] = content
            }
        }
        let expectedCharts = Set(allCharts(prepared.chart).filter { !$0.isLibrary }.map(\.path))
        if renderedValues != expectedCharts {
            problems.append("rendered charts differ: got \(expectedCharts.sorted()), expected \(renderedValues.sorted())")
        }
        if flags.includeCRDs {
            var ours: [String: String] = [:]
            for chart in allCharts(prepared.chart) {
                for crd in chart.crds { ours[chart.path + "/" + crd.name] = crd.text + "\n" }
            }
            if ours != crds { problems.append("CRDs differ: got \(ours.keys.sorted()), expected \(crds.keys.sorted())") }
        }
        return problems.isEmpty ? nil : problems.joined(separator: "\n")
    }

    /// The metadata as Helm's `.Chart` prints with `toJson` (Go field names).
    static func chartObject(_ chart: Chart, isRoot: Bool) -> Value {
        let m = chart.metadata
        func strings(_ list: [String]) -> Value { .list(list.map(Value.string)) }
        let dependencies: [Value] = m.dependencies.map { d in
            let imports: [Value] = d.importValues.compactMap { entry in
                guard case .mapping(let child, let parent) = entry else { return nil }
                return ["child": .string(child), "parent": .string(parent)]
            }
            return [
                "Alias": .string(d.alias), "Condition": .string(d.condition), "Enabled": .bool(d.enabled),
                "ImportValues": .list(imports), "Name": .string(d.name), "Repository": .string(d.repository),
                "Tags": strings(d.tags), "Version": .string(d.version),
            ]
        }
        let maintainers: [Value] = m.maintainers.compactMap { $0 }.map {
            ["Email": .string($0.email), "Name": .string($0.name), "URL": .string($0.url)]
        }
        return [
            "APIVersion": .string(m.apiVersion),
            "Annotations": m.annotations.isEmpty ? .null : .map(m.annotations.mapValues(Value.string)),
            "AppVersion": .string(m.appVersion), "Condition": .string(m.condition), "Dependencies": .list(dependencies),
            "Deprecated": .bool(m.deprecated), "Description": .string(m.description), "Home": .string(m.home),
            "Icon": .string(m.icon), "IsRoot": .bool(isRoot), "Keywords": strings(m.keywords),
            "KubeVersion": .string(m.kubeVersion), "Maintainers": .list(maintainers), "Name": .string(m.name),
            "Sources": strings(m.sources), "Tags": .string(m.tags), "Type": .string(m.type), "Version": .string(m.version),
        ]
    }

    static func allCharts(_ chart: Chart) -> [Chart] {
        [chart] + chart.dependencies.flatMap(allCharts)
    }

    static func find(_ path: String, in chart: Chart) -> Chart? {
        allCharts(chart).first { $0.path == path }
    }

    /// `root/charts/a/charts/b` → `["a", "b"]` when such a chart exists.
    static func subchartNames(_ path: String, root chart: Chart) -> [String]? {
        guard find(path, in: chart) != nil else { return nil }
        let parts = path.split(separator: "/").map(String.init)
        var names: [String] = []
        var index = 1
        while index + 1 < parts.count {
            if parts[index] == "charts" { names.append(parts[index + 1]) }
            index += 2
        }
        return names
    }
}

extension String {
    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
