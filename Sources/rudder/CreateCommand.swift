import ArgumentParser
import RudderChart

/// `rudder create NAME`: Helm 4.1.4's starter chart.
struct CreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a new chart with the given name (Helm 4.1.4's starter chart).",
        discussion: """
            The last component of NAME is the chart's name; existing files are overwritten.

            Examples:
              rudder create web && rudder template web ./web
            """
    )

    @Argument(help: ArgumentHelp("The chart directory to create.", valueName: "NAME"))
    var name: String

    mutating func run() throws {
        Terminal.write("Creating \(name)\n")
        do {
            let outcome = try ChartScaffold.create(at: name)
            for path in outcome.overwritten {
                Terminal.write("WARNING: File \"\(path)\" already exists. Overwriting.\n")
            }
        } catch {
            throw CLIFailure(chartError: error)
        }
    }
}
