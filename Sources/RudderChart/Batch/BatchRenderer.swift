import RudderCore
#if canImport(Glibc)
import Glibc
#endif

/// Renders many releases at once: each chart is loaded and parsed once and
/// shared, releases render in parallel (a task group with a bounded number of
/// releases in flight), and results come back in the releases' order whatever
/// the parallelism, so output is deterministic.
///
/// With an output directory, every release is rendered into a temporary folder
/// beside its own (`<dir>/.<release>.rudder-tmp-XXXXXX`); when all have
/// rendered (and, when `durable`, flushed with one `syncfs`), each folder is
/// swapped into place with one rename. A release that fails, or a run that is
/// interrupted, leaves the previous output as it was.
public enum BatchRenderer {
    /// Renders `releases`. `progress` is called from the coordinating task after
    /// each release finishes rendering; `deliver` gets each release's result in
    /// the releases' order, from the coordinating task only.
    public static func run(
        _ releases: [BatchRelease], options: BatchOptions,
        progress: (_ completed: Int, _ total: Int) -> Void = { _, _ in },
        deliver: (_ index: Int, _ result: BatchReleaseResult) -> Void
    ) async -> BatchSummary {
        let start = monotonicSeconds()
        let cache = BatchCache()
        let total = releases.count
        let window = options.maxInFlight > 0 ? options.maxInFlight : 2 * max(1, activeProcessorCount())
        var summary = BatchSummary(releases: total, failed: 0, objects: 0, seconds: 0)
        // Old output and leftovers are removed on a thread of their own.
        let remover = FolderRemover()
        // Releases whose folder already holds their new output are left alone.
        let unchanged = options.outputDirectory != nil ? UnchangedOutput.forThisProcess() : nil

        if let directory = options.outputDirectory {
            do {
                try FileSystem.createDirectory(directory)
            } catch {
                for (index, release) in releases.enumerated() {
                    let failure = TemplateFailure("cannot create output directory: \(error)")
                    deliver(index, BatchReleaseResult(name: release.name, failure: failure))
                }
                summary.failed = total
                summary.seconds = monotonicSeconds() - start
                return summary
            }
            ReleaseFolder.removeLeftovers(directory: directory, releases: Set(releases.map(\.name)), remover: remover)
        }

        // Rendered but not yet delivered (or, with an output directory, not yet swapped in).
        var finished: [BatchReleaseResult?] = []
        var staged: [StagedFolder?] = []
        if options.outputDirectory != nil {
            finished = Array(repeating: nil, count: total)
            staged = Array(repeating: nil, count: total)
        }
        var pending: [Int: (BatchReleaseResult, StagedFolder?)] = [:]
        var nextToStart = 0
        var nextToDeliver = 0
        var completed = 0

        await withTaskGroup(of: (Int, BatchReleaseResult, StagedFolder?).self) { group in
            func startMore(_ group: inout TaskGroup<(Int, BatchReleaseResult, StagedFolder?)>) {
                while nextToStart < total && nextToStart < nextToDeliver + window {
                    let index = nextToStart
                    let release = releases[index]
                    group.addTask {
                        var (result, folder) = renderOne(release, cache: cache, options: options, unchanged: unchanged)
                        if let staged = folder, let directory = options.outputDirectory, !options.durable {
                            // Not flushing first: each release is swapped in as soon as it is written.
                            swap(staged, into: directory, &result, remover: remover)
                            folder = nil
                        }
                        return (index, result, folder)
                    }
                    nextToStart += 1
                }
            }
            startMore(&group)
            while let (index, result, folder) = await group.next() {
                completed += 1
                progress(completed, total)
                pending[index] = (result, folder)
                while let (ready, folder) = pending.removeValue(forKey: nextToDeliver) {
                    if options.outputDirectory == nil {
                        summary.objects += ready.objectCount
                        if ready.failure != nil { summary.failed += 1 }
                        deliver(nextToDeliver, ready)
                    } else {
                        finished[nextToDeliver] = ready
                        staged[nextToDeliver] = folder
                    }
                    nextToDeliver += 1
                }
                startMore(&group)
            }
        }

        if let directory = options.outputDirectory {
            if options.durable { ReleaseFolder.flush(directory) }
            for index in 0..<total {
                guard var result = finished[index] else { continue }
                if result.failure == nil, let folder = staged[index] {
                    swap(folder, into: directory, &result, remover: remover)
                }
                if result.failure != nil {
                    summary.failed += 1
                } else {
                    summary.objects += result.objectCount
                }
                deliver(index, result)
            }
        }
        remover.finish()
        summary.seconds = monotonicSeconds() - start
        return summary
    }

    /// A release's output written into a temporary folder, not yet in place.
    struct StagedFolder: Sendable {
        var path: String
        /// There was no output folder when the release was rendered.
        var targetWasAbsent: Bool
    }

    /// Puts a release's staged folder in place of its output folder; the old
    /// output goes to `remover`.
    static func swap(_ folder: StagedFolder, into directory: String, _ result: inout BatchReleaseResult, remover: FolderRemover) {
        do {
            let target = directory + "/" + result.name
            if let old = try ReleaseFolder.swapIntoPlace(
                staged: folder.path, target: target, targetWasAbsent: folder.targetWasAbsent)
            {
                remover.remove(old)
            }
        } catch {
            FileSystem.removeTree(folder.path)
            result.failure = TemplateFailure("cannot replace the output of release \(result.name): \(error)")
        }
    }

    /// Renders one release; with an output directory, writes it into a staged
    /// folder (none when the release's folder already holds exactly this output).
    static func renderOne(
        _ release: BatchRelease, cache: BatchCache, options: BatchOptions, unchanged: UnchangedOutput? = nil
    ) -> (BatchReleaseResult, StagedFolder?) {
        var result = BatchReleaseResult(name: release.name)
        do throws(TemplateFailure) {
            if let failure = release.setupFailure { throw failure }
            var request = release.request
            request.useReleaseName = false
            request.outputDir = options.outputDirectory != nil && options.layout == .perTemplate ? "." : nil
            if options.outputDirectory != nil && !ReleaseName.isValid(request.releaseName) {
                throw TemplateFailure("invalid release name \"\(request.releaseName)\": \(ReleaseName.rule)")
            }
            let capabilities = try TemplateAction.capabilities(for: request)
            let inline = release.inlineValues
            let readValuesFile = { (path: String) throws(ChartError) -> [UInt8] in
                if let bytes = inline[path] { return bytes }
                return try ValuesOptions.readFileFromDisk(path)
            }
            let chart: Chart
            do {
                chart = try cache.chart(at: request.chartPath).get()
            } catch {
                throw TemplateAction.valuesFailureFirst(error, request: request, readFile: readValuesFile)
            }
            let prepared = try TemplateAction.coalesceValues(chart: chart, request: request, readFile: readValuesFile)
            // Each schema compiled once per batch.
            try TemplateAction.validateValues(of: prepared, request: request, schemas: cache.schemas)
            let chartPath = request.chartPath
            let enableDNS = request.enableDNS
            let output = try TemplateAction.render(prepared: prepared, request: request, capabilities: capabilities) {
                chart throws(RenderError) in
                try cache.renderer(for: chart, chartPath: chartPath, enableDNS: enableDNS)
            }
            result.logs = output.logs
            guard let directory = options.outputDirectory else {
                result.stdout = output.stdout
                result.objectCount = countDocuments(output.stdout)
                return (result, nil)
            }
            var files: [(path: String, content: String)] = []
            switch options.layout {
            case .perRelease:
                files = [("manifest.yaml", output.stdout)]
                result.objectCount = countDocuments(output.stdout)
            case .perTemplate:
                for file in output.files {
                    let relative = file.path.hasPrefix("./") ? String(file.path.dropFirst(2)) : file.path
                    files.append((relative, file.content))
                    result.objectCount += countDocuments(file.content)
                }
            }
            let comparison = unchanged?.compare(files, target: directory + "/" + release.name) ?? .different
            if comparison == .same { return (result, nil) }
            do {
                let folder = try ReleaseFolder.stage(files, directory: directory, release: release.name)
                return (result, StagedFolder(path: folder, targetWasAbsent: comparison == .absent))
            } catch {
                throw TemplateFailure("cannot write the output of release \(release.name): \(error)")
            }
        } catch {
            result.failure = error
            result.logs += error.logs
            return (result, nil)
        }
    }

    /// Documents in rendered output: each starts with a line `---` followed by `# Source:`.
    static func countDocuments(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            documentMarker.withUnsafeBufferPointer { marker -> Int in
                guard let base = bytes.baseAddress, let markerBase = marker.baseAddress else { return 0 }
                // `memchr` finds each `#` (rare in YAML); a match has `---\n` before it
                // at the start of a line and ` Source: ` after it.
                let hashOffset = 4
                var count = 0
                var offset = hashOffset
                while offset < bytes.count,
                    let found = memchr(base + offset, Int32(UInt8(ascii: "#")), bytes.count - offset)
                {
                    let hash = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    let start = hash - hashOffset
                    if start + marker.count <= bytes.count, start == 0 || base[start - 1] == UInt8(ascii: "\n"),
                        memcmp(base + start, markerBase, marker.count) == 0
                    {
                        count += 1
                    }
                    offset = hash + 1
                }
                return count
            }
        }
    }

    static let documentMarker: [UInt8] = Array("---\n# Source: ".utf8)

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    static func activeProcessorCount() -> Int {
        let count = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return count > 0 ? count : 1
    }
}
