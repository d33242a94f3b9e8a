import ArgumentParser
import RudderChart
import RudderCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `rudder render RELEASES.yaml`: every release of a release-set file, in parallel.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render every release of a release-set file (in parallel, each as `rudder template` would).",
        discussion: """
            Without --output-dir, prints each release's manifests in turn, exactly as
            `rudder template` prints them. With --output-dir, each release's output
            replaces <dir>/<release>/ atomically; a release that fails keeps its
            previous output. Every release is attempted; the exit status is 1 if any failed.

            Examples:
              rudder render releases.yaml --output-dir rendered/
              rudder render releases.yaml --only engineering,legal
              rudder render releases.yaml --selector chart=anything-llm,environment=production
            """
    )

    @Argument(help: ArgumentHelp("The release-set file.", valueName: "RELEASES.yaml"))
    var releaseSet: String

    @Option(name: .customLong("output-dir"), help: "Write each release into <dir>/<release>/ instead of stdout.")
    var outputDir: String?

    @Option(name: .customLong("output"),
            help: ArgumentHelp("With --output-dir: one file per release (manifest.yaml) or per template.", valueName: "per-release|per-template"))
    var output: String = BatchOutputLayout.perTemplate.rawValue

    @Option(name: .customLong("only"), parsing: .upToNextOption,
            help: ArgumentHelp("Render only these releases (names, or comma-separated).", valueName: "NAME"))
    var only: [String] = []

    @Option(name: [.customShort("l"), .customLong("selector")],
            help: ArgumentHelp("Render releases whose labels match (key=value,key!=value; repeat for OR).", valueName: "selector"))
    var selector: [String] = []

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "No progress line and no summary.")
    var quiet = false

    @Option(name: [.customShort("j"), .customLong("jobs")], help: "Releases in flight at once (default: twice the cores).")
    var jobs: Int = 0

    @Flag(name: .customLong("sync"), help: "With --output-dir: flush the new output to disk before it replaces the old.")
    var sync = false

    @Option(name: .customLong("timeout"), help: ArgumentHelp("Time limit for rendering each release (Go duration).", valueName: "duration"))
    var timeout: String = "5m0s"

    mutating func run() throws {
        guard let layout = BatchOutputLayout(rawValue: output) else {
            throw CLIFailure("invalid argument \"\(output)\" for \"--output\" flag: expected per-release or per-template")
        }
        guard let seconds = GoDuration.seconds(timeout) else {
            throw CLIFailure("invalid argument \"\(timeout)\" for \"--timeout\" flag: time: invalid duration \"\(timeout)\"")
        }
        let set: ReleaseSet
        let chosen: [ReleaseSpec]
        do throws(ReleaseSetError) {
            set = try ReleaseSet.load(path: releaseSet)
            chosen = try ReleaseSelection(only: only, selectors: selector).apply(to: set.releases)
        } catch {
            throw CLIFailure(error.description)
        }
        var releases = chosen.map { $0.batchRelease() }
        for index in releases.indices { releases[index].request.timeoutSeconds = seconds }
        var options = BatchOptions(outputDirectory: outputDir, layout: layout)
        options.maxInFlight = max(0, jobs)
        options.durable = sync
        try BatchCommand.run(releases, options: options, quiet: quiet)
    }
}

/// Runs a batch for the CLI and prints its results: manifests on stdout in
/// release order, each failure on stderr with its release name, a progress
/// line on a terminal, a summary at the end.
enum BatchCommand {
    /// `rudder template CHART --values-dir DIR`.
    static func runValuesDirectory(_ directory: String, base: TemplateRequest, quiet: Bool) throws {
        let releases: [BatchRelease]
        do throws(TemplateFailure) {
            releases = try ValuesDirectory.releases(directory: directory, base: base)
        } catch {
            throw CLIFailure(error.message)
        }
        let options = BatchOptions(outputDirectory: base.outputDir, layout: .perTemplate)
        try run(releases, options: options, quiet: quiet)
    }

    static func run(_ releases: [BatchRelease], options: BatchOptions, quiet: Bool) throws {
        let showProgress = !quiet && Terminal.isTerminal(2) && releases.count > 1
        let summary = Blocking.wait {
            await BatchRenderer.run(releases, options: options, progress: { completed, total in
                if showProgress { Terminal.writeError("\r\u{1B}[Krendering \(completed)/\(total)") }
            }, deliver: { _, result in
                if showProgress { Terminal.writeError("\r\u{1B}[K") }
                Terminal.writeError(result.logs.map { $0 + "\n" }.joined())
                if let failure = result.failure {
                    var text = "Error: release \(result.name): \(failure.message)\n"
                    if let detail = failure.detail { text += detail + "\n" }
                    Terminal.writeError(text)
                } else {
                    Terminal.write(result.stdout)
                }
            })
        }
        if showProgress { Terminal.writeError("\r\u{1B}[K") }
        if !quiet { Terminal.writeError(summary.description + "\n") }
        if summary.failed > 0 {
            throw CLIFailure("\(summary.failed) of \(summary.releases) release\(summary.releases == 1 ? "" : "s") failed")
        }
    }
}

/// Runs async work to completion from synchronous code (the CLI's `run()`):
/// the calling thread waits on a semaphore while the work runs on the
/// concurrency pool.
enum Blocking {
    final class Box<T: Sendable>: @unchecked Sendable {
        let value = Mutex<T?>(nil)
        let semaphore: UnsafeMutablePointer<sem_t>
        init() {
            semaphore = .allocate(capacity: 1)
            sem_init(semaphore, 0, 0)
        }
        deinit {
            sem_destroy(semaphore)
            semaphore.deallocate()
        }
    }

    static func wait<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let box = Box<T>()
        Task {
            let result = await work()
            box.value.withLock { $0 = result }
            sem_post(box.semaphore)
        }
        while true {
            // The task stores its result before posting.
            if let result = box.value.withLock({ $0 }) { return result }
            _ = sem_wait(box.semaphore)
        }
    }
}
