import RudderFunctions
import RudderCore
import RudderYAML

/// Where `created` and `generated` come from.
public enum RepoIndexTimes: Sendable, Equatable {
    /// The wall clock, as Helm: every run gives a different file.
    case wallClock
    /// One fixed time for every `created` and for `generated` (`SOURCE_DATE_EPOCH`).
    case fixed(Timestamp)
    /// Each `created` from its archive (the time stamped on its first entry);
    /// `generated` is the given time, or else the newest `created`.
    case fromArchives(generated: Timestamp?)
}

/// `helm repo index` options.
public struct RepoIndexOptions: Sendable, Equatable {
    /// The charts' base URL (`--url`): each entry's URL is this joined with the archive's path.
    public var url: String = ""
    /// An existing index to merge (`--merge`): its entries are kept unless the same name and version is indexed anew.
    public var mergePath: String?
    public var times: RepoIndexTimes = .wallClock
    public var limits: LoadLimits = .default

    public init(url: String = "", mergePath: String? = nil, times: RepoIndexTimes = .wallClock) {
        self.url = url
        self.mergePath = mergePath
        self.times = times
    }
}

/// One archive left out of the index, and why.
public struct SkippedArchive: Sendable, Equatable {
    /// The archive's path relative to the indexed directory.
    public var path: String
    public var reason: String
}

/// The result of indexing a directory.
public struct RepoIndexResult: Sendable, Equatable {
    /// The `index.yaml` text.
    public var yaml: String
    /// The same index as Helm's `--json` writes it (struct field order, two-space indent, no final newline).
    public var json: String
    /// The charts that were indexed, as `name-version` in index order.
    public var indexed: [String]
    /// Archives that could not be read (Helm leaves them out without a word).
    public var skipped: [SkippedArchive]
}

/// One version of a chart in an index.
struct IndexEntry {
    var metadata: ChartMetadata
    var urls: [String]
    var created: String
    var digest: String
    var removed: Bool

    var value: Value {
        guard case .map(var map) = metadata.marshalledValue else { return .null }
        map["urls"] = .list(urls.map(Value.string))
        map["created"] = .string(created)
        if !digest.isEmpty { map["digest"] = .string(digest) }
        if removed { map["removed"] = .bool(true) }
        return .map(map)
    }
}

/// Builds `index.yaml` for a directory of chart archives as `helm repo index`:
/// `*.tgz` at the top and one directory down, each read through the safe
/// archive reader, entries grouped by chart name, newest version first, each
/// with its metadata, `created`, `digest` (sha256 of the archive) and `urls`.
public enum RepoIndexBuilder {
    public static func build(directory: String, options: RepoIndexOptions = RepoIndexOptions()) throws(ChartError) -> RepoIndexResult {
        guard FileSystem.isDirectory(directory) else {
            throw ChartError("stat \(directory): no such file or directory", file: directory,
                             fix: "give the directory that holds the chart archives")
        }
        var top = directory
        while top.count > 1 && top.hasSuffix("/") { top.removeLast() }
        let now = Timestamp.now()
        var entries: [String: [IndexEntry]] = [:]
        var skipped: [SkippedArchive] = []
        var newestCreated: Timestamp?
        for relative in try archivePaths(top) {
            let path = top + "/" + relative
            let data: [UInt8]
            let chart: Chart
            do throws(ChartError) {
                (data, chart) = try loadArchive(path, limits: options.limits)
            } catch {
                skipped.append(SkippedArchive(path: relative, reason: error.message))
                continue
            }
            let created: Timestamp
            switch options.times {
            case .wallClock: created = Timestamp.now()
            case .fixed(let time): created = time
            case .fromArchives: created = ArchiveTimes.firstEntryTime(data) ?? Timestamp(seconds: 0)
            }
            if newestCreated.map({ $0 < created }) ?? true { newestCreated = created }
            let (parent, file) = splitParent(relative)
            let parentURL = URLJoin.join(options.url, parent)
            let url = parentURL.isEmpty ? file : URLJoin.join(parentURL, file)
            let entry = IndexEntry(
                metadata: chart.metadata, urls: [url], created: created.rfc3339Nano,
                digest: Digest.sha256Hex(data), removed: false)
            entries[chart.metadata.name, default: []].append(entry)
        }
        if let mergePath = options.mergePath, FileSystem.exists(mergePath) {
            let existing = try RepoIndexReader.read(mergePath, limits: options.limits)
            for name in existing.keys.sorted() {
                for entry in existing[name] ?? [] {
                    let present = entries[name]?.contains { $0.metadata.version == entry.metadata.version } ?? false
                    if !present { entries[name, default: []].append(entry) }
                }
            }
        }
        let generated: Timestamp
        switch options.times {
        case .wallClock: generated = now
        case .fixed(let time): generated = time
        case .fromArchives(let time): generated = time ?? newestCreated ?? Timestamp(seconds: 0)
        }
        var entryMap: [String: Value] = [:]
        var jsonEntries: [(String, OrderedJSON)] = []
        var indexed: [String] = []
        for name in entries.keys.sorted() {
            let sorted = sortNewestFirst(entries[name] ?? [])
            entryMap[name] = .list(sorted.map(\.value))
            jsonEntries.append((name, .list(sorted.map(\.orderedJSON))))
            indexed += sorted.map { name + "-" + $0.metadata.version }
        }
        let json: OrderedJSON = .object([
            ("apiVersion", .string("v1")), ("generated", .string(generated.rfc3339Nano)), ("entries", .object(jsonEntries)),
        ])
        let index: Value = .map([
            "apiVersion": .string("v1"), "entries": .map(entryMap), "generated": .string(generated.rfc3339Nano),
        ])
        return RepoIndexResult(yaml: YAMLWriter.marshal(index), json: json.write(), indexed: indexed, skipped: skipped)
    }

    /// Helm's globs `<dir>/*.tgz` then `<dir>/**/*.tgz` (one level down), each sorted.
    static func archivePaths(_ directory: String) throws(ChartError) -> [String] {
        let names: [String]
        do {
            names = try FileSystem.list(directory)
        } catch {
            throw ChartError("cannot read \(directory): \(error.reason)", file: directory)
        }
        var top: [String] = []
        var nested: [String] = []
        for name in names {
            if name.hasSuffix(".tgz") { top.append(name) }
            if FileSystem.isDirectory(directory + "/" + name), let inner = try? FileSystem.list(directory + "/" + name) {
                nested += inner.filter { $0.hasSuffix(".tgz") }.map { name + "/" + $0 }
            }
        }
        return top + nested.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Reads an archive through the safe loader; returns its bytes (for the digest) and the chart.
    static func loadArchive(_ path: String, limits: LoadLimits) throws(ChartError) -> ([UInt8], Chart) {
        guard case .regular(let size)? = FileSystem.resolvedKind(of: path) else {
            throw ChartError("not a regular file", file: path)
        }
        guard size <= limits.maxChartSize else {
            throw ChartError("chart archive is larger than the maximum size \(limits.maxChartSize) bytes", file: path)
        }
        let data: [UInt8]
        do {
            data = try FileSystem.read(path, limit: limits.maxChartSize)
        } catch {
            throw ChartError(error.reason, file: path)
        }
        try ChartLoader.ensureArchive(name: path, data: data)
        return (data, try ChartLoader.loadArchive(data, limits: limits))
    }

    /// Helm's `SortEntries`: newest SemVer first; versions that do not parse go last; ties keep their order.
    static func sortNewestFirst(_ entries: [IndexEntry]) -> [IndexEntry] {
        func parsed(_ entry: IndexEntry) -> SemanticVersionConstraint.Version? {
            SemanticVersion.isValid(entry.metadata.version) ? SemanticVersionConstraint.parseVersion(entry.metadata.version) : nil
        }
        let keyed = entries.enumerated().map { ($0.offset, $0.element, parsed($0.element)) }
        return keyed.sorted { left, right in
            switch (left.2, right.2) {
            case (let a?, let b?):
                if a != b { return b < a }
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): break
            }
            return left.0 < right.0
        }.map(\.1)
    }

    static func splitParent(_ relative: String) -> (String, String) {
        guard let slash = relative.lastIndex(of: "/") else { return ("", relative) }
        return (String(relative[...slash]), String(relative[relative.index(after: slash)...]))
    }
}

/// Helm's `urlutil.URLJoin`: the base URL's path joined with the parts (`path.Join`).
enum URLJoin {
    static func join(_ base: String, _ part: String) -> String {
        var prefix = ""
        var path = base
        var suffix = ""
        if let hash = path.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            suffix = String(path[hash...])
            path = String(path[..<hash])
        }
        let bytes = Array(path.utf8)
        if let marker = (0..<max(0, bytes.count - 2)).first(where: { bytes[$0] == 0x3A && bytes[$0 + 1] == 0x2F && bytes[$0 + 2] == 0x2F }) {
            let hostStart = marker + 3
            if let slash = bytes[hostStart...].firstIndex(of: 0x2F) {
                prefix = String(decoding: bytes[..<slash], as: UTF8.self)
                path = String(decoding: bytes[slash...], as: UTF8.self)
            } else {
                prefix = path
                path = ""
            }
        }
        let joinedParts = [path, part].filter { !$0.isEmpty }.joined(separator: "/")
        var joined = joinedParts.isEmpty ? "" : cleanPath(joinedParts)
        if !prefix.isEmpty && !joined.isEmpty && !joined.hasPrefix("/") { joined = "/" + joined }
        return prefix + joined + suffix
    }
}
