import ArgumentParser
import RudderChart

@main
struct Rudder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rudder",
        abstract: "A Helm-compatible chart engine: render, lint and package Helm charts.",
        discussion: """
            Examples:
              rudder template engineering charts/anything-llm -f charts/anything-llm/departments/engineering.yaml
            """,
        version: RudderVersion.current,
        subcommands: []
    )
}
