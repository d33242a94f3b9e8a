import ArgumentParser
import RudderChart
import RudderCore

/// `rudder repo`: chart repository files.
struct RepoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repo",
        abstract: "Work with chart repositories (index files).",
        discussion: """
            Examples:
              rudder repo index dist/ --url https://charts.example.com
              SOURCE_DATE_EPOCH=1700000000 rudder repo index dist/
            """,
        subcommands: [RepoIndexCommand.self]
    )
}

/// `rudder repo index DIR`: `index.yaml` for a directory of chart archives (as `helm repo index`).
struct RepoIndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Generate an index file for a directory of chart archives (as `helm repo index`).",
        discussion: """
            Reads *.tgz in DIR and one directory down through the safe archive reader and
            writes DIR/index.yaml. Archives that cannot be read are left out, each named on
            stderr with the reason. `created` and `generated` are the wall clock, as in Helm;
            with SOURCE_DATE_EPOCH set they are that time, and with --archive-times each
            `created` is the time stamped in its archive, so the same archives give the same index.

            Examples:
              rudder repo index dist --url https://charts.example.com
              rudder repo index dist --merge dist/index.yaml --archive-times
            """
    )

    @Argument(help: ArgumentHelp("The directory of chart archives.", valueName: "DIR"))
    var directory: String

    @Option(name: .customLong("url"), help: "URL of the chart repository.")
    var url: String = ""

    @Option(name: .customLong("merge"), help: "Merge the generated index into the given index.")
    var merge: String?

    @Flag(name: .customLong("json"), help: "Write the index as JSON (still named index.yaml, as Helm does).")
    var json = false

    @Flag(name: .customLong("archive-times"),
          help: "Take each entry's `created` from its archive (and `generated` from SOURCE_DATE_EPOCH or the newest archive).")
    var archiveTimes = false

    mutating func run() throws {
        var options = RepoIndexOptions(url: url, mergePath: merge)
        var epoch: Timestamp?
        if let text = Terminal.environment("SOURCE_DATE_EPOCH"), !text.isEmpty {
            guard let time = Timestamp(epochText: text) else {
                throw CLIFailure("invalid SOURCE_DATE_EPOCH \"\(text)\": expected whole seconds since 1970-01-01")
            }
            epoch = time
        }
        if archiveTimes {
            options.times = .fromArchives(generated: epoch)
        } else if let epoch {
            options.times = .fixed(epoch)
        }
        var top = directory
        while top.count > 1 && top.hasSuffix("/") { top.removeLast() }
        let result: RepoIndexResult
        do {
            result = try RepoIndexBuilder.build(directory: top, options: options)
        } catch {
            throw CLIFailure(chartError: error)
        }
        for skipped in result.skipped {
            Terminal.writeError("WARNING: \(skipped.path) left out of the index: \(skipped.reason)\n")
        }
        do {
            try FileSystem.writeAtomically(top + "/index.yaml", Array((json ? result.json : result.yaml).utf8))
        } catch {
            throw CLIFailure("cannot write \(top)/index.yaml: \(error.reason)")
        }
    }
}
