import ArgumentParser
import RudderChart
import RudderCore

/// `rudder package CHART…`: chart directories to versioned, reproducible archives (as `helm package`).
struct PackageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package",
        abstract: "Package chart directories into versioned chart archives (as `helm package`).",
        discussion: """
            The archive has Helm's layout and headers; every entry carries the time in
            SOURCE_DATE_EPOCH (seconds since 1970), or 1970-01-01 when it is unset, so the
            same chart content always gives the same bytes.

            Examples:
              rudder package charts/anything-llm -d dist
              SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) rudder package ./mychart --version 1.2.3
            """
    )

    @Argument(help: ArgumentHelp("Chart directories to package.", valueName: "CHART"))
    var charts: [String] = []

    @Option(name: [.customShort("d"), .customLong("destination")], help: "Location to write the chart archives.")
    var destination: String = "."

    @Option(name: .customLong("version"), help: "Set the version on the chart to this SemVer version.")
    var version: String?

    @Option(name: .customLong("app-version"), help: "Set the appVersion on the chart to this version.")
    var appVersion: String?

    @Flag(name: [.customShort("u"), .customLong("dependency-update")],
          help: "Package file:// dependencies into charts/ first (no chart repository is reached).")
    var dependencyUpdate = false

    mutating func run() throws {
        if charts.isEmpty {
            throw CLIFailure("need at least one argument, the path to the chart")
        }
        let time = try sourceDateEpoch()
        for chart in charts {
            var options = PackageOptions(destination: destination, version: version, appVersion: appVersion)
            options.modificationTime = time
            do {
                if dependencyUpdate {
                    for written in try ChartPackager.vendorFileDependencies(chartPath: chart, modificationTime: time) {
                        Terminal.write("Saving dependency \(written)\n")
                    }
                }
                let packaged = try ChartPackager.package(chartPath: chart, options: options)
                Terminal.write("Successfully packaged chart and saved it to: \(packaged.path)\n")
            } catch {
                throw CLIFailure(chartError: error)
            }
        }
    }
}

/// `SOURCE_DATE_EPOCH` as seconds since 1970; 0 when unset.
func sourceDateEpoch() throws -> Int64 {
    guard let text = Terminal.environment("SOURCE_DATE_EPOCH"), !text.isEmpty else { return 0 }
    guard let time = Timestamp(epochText: text) else {
        throw CLIFailure("invalid SOURCE_DATE_EPOCH \"\(text)\": expected whole seconds since 1970-01-01")
    }
    return time.seconds
}

extension CLIFailure {
    /// A chart error as Helm prints it, with Rudder's location and hint on the next line.
    init(chartError error: ChartError) {
        var detail: [String] = []
        if let file = error.file {
            if let position = error.position {
                detail.append("  at \(file):\(position.line):\(position.column)")
            } else if !error.message.contains(file) {
                detail.append("  in \(file)")
            }
        }
        if let fix = error.fix { detail.append("  hint: \(fix)") }
        self.init(error.message, detail: detail.isEmpty ? nil : detail.joined(separator: "\n"))
    }
}
