import ArgumentParser
import RudderChart

extension ChartShow.Section: ExpressibleByArgument {}

/// `rudder show chart|values|readme|crds|all CHART`: what `helm show` prints.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show information of a chart directory or archive (as `helm show`).",
        discussion: """
            Sections: chart (Chart.yaml as Helm re-marshals it), values (values.yaml as
            written), readme, crds (the CRD files of the chart and its subcharts), all.

            Examples:
              rudder show values charts/lobe-chat
              rudder show chart dist/anything-llm-1.0.0.tgz
            """
    )

    @Argument(help: ArgumentHelp("What to show: chart, values, readme, crds or all."))
    var section: ChartShow.Section

    @Argument(help: ArgumentHelp("A chart directory or .tgz archive.", valueName: "CHART"))
    var chart: String

    mutating func run() throws {
        do {
            Terminal.write(try ChartShow.show(section, chartPath: chart))
        } catch {
            throw CLIFailure(chartError: error)
        }
    }
}
