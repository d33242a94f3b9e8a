import ArgumentParser
import RudderChart

struct Rudder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rudder",
        abstract: "A Helm-compatible chart engine: render, lint and package Helm charts.",
        discussion: """
            Examples:
              rudder template engineering charts/anything-llm -n engineering \\
                  -f charts/anything-llm/departments/engineering.yaml
            """,
        version: RudderVersion.current,
        subcommands: [
            TemplateCommand.self,
            RenderCommand.self,
            LintCommand.self,
            PackageCommand.self,
            RepoCommand.self,
            ShowCommand.self,
            CreateCommand.self,
            ArgoCDCommand.self,
            CompletionCommand.self,
            ManualCommand.self,
        ]
    )
}

/// Entry point: parses the command line, runs the command, prints errors as Helm does
/// (`Error: …` on stderr, exit status 1).
@main
enum Main {
    static func main() {
        do {
            let words = CommandLine.arguments.dropFirst()
            if words.first == "template", Terminal.environment("RUDDER_FULL_PARSER") == nil,
                let invocation = TemplateFastPath.parse(words.dropFirst())
            {
                try invocation.run()
                return
            }
            var command = try Rudder.parseAsRoot()
            try command.run()
        } catch let failure as CLIFailure {
            var text = "Error: " + failure.message + "\n"
            if let detail = failure.detail { text += detail + "\n" }
            Terminal.writeError(text)
            Rudder.exit(withError: ExitCode(failure.status))
        } catch {
            // Help, version and usage errors from the argument parser.
            let code = Rudder.exitCode(for: error)
            if code == .success {
                Rudder.exit(withError: error)
            }
            Terminal.writeError("Error: " + Rudder.message(for: error) + "\n")
            Rudder.exit(withError: ExitCode(1))
        }
    }
}
