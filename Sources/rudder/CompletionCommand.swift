import ArgumentParser
import RudderCore

/// `rudder completion bash|zsh|fish [--install]`: the argument parser's
/// completion script for a shell, printed or installed where the shell looks.
struct CompletionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print or install the shell completion script for bash, zsh or fish.",
        discussion: """
            Without --install the script goes to stdout; with it, to the user's completion \
            folder of that shell (bash: $XDG_DATA_HOME/bash-completion/completions/rudder, \
            zsh: ~/.zfunc/_rudder, add `fpath+=~/.zfunc; autoload -U compinit; compinit` \
            to ~/.zshrc; fish: $XDG_CONFIG_HOME/fish/completions/rudder.fish).

            Examples:
              rudder completion bash --install
              source <(rudder completion bash)
              rudder completion fish > ~/.config/fish/completions/rudder.fish
            """
    )

    enum Shell: String, ExpressibleByArgument, CaseIterable {
        case bash, zsh, fish

        var completionShell: CompletionShell {
            switch self {
            case .bash: .bash
            case .zsh: .zsh
            case .fish: .fish
            }
        }
    }

    @Argument(help: "The shell: bash, zsh or fish.")
    var shell: Shell

    @Flag(name: .customLong("install"), help: "Write the script to the shell's per-user completion folder.")
    var install = false

    mutating func run() throws {
        var script = Rudder.completionScript(for: shell.completionShell)
        // As `--generate-completion-script` prints it: ending in a newline.
        if !script.hasSuffix("\n") { script += "\n" }
        guard install else {
            Terminal.write(script)
            return
        }
        guard let path = Self.installPath(for: shell, environment: Terminal.environment) else {
            throw CLIFailure("cannot install the \(shell.rawValue) completion: HOME is not set")
        }
        let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        do {
            try FileSystem.createDirectory(folder)
            try FileSystem.writeAtomically(path, Array(script.utf8))
        } catch {
            throw CLIFailure("cannot install the \(shell.rawValue) completion: \(error)")
        }
        Terminal.writeError("wrote \(path)\n")
        if shell == .zsh {
            Terminal.writeError("add to ~/.zshrc: fpath+=~/.zfunc; autoload -U compinit; compinit\n")
        }
    }

    /// Where each shell finds a user's completions.
    static func installPath(for shell: Shell, environment: (String) -> String?) -> String? {
        guard let home = environment("HOME"), !home.isEmpty else { return nil }
        switch shell {
        case .bash:
            let data = environment("XDG_DATA_HOME").flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
            return data + "/bash-completion/completions/rudder"
        case .zsh:
            return home + "/.zfunc/_rudder"
        case .fish:
            let config = environment("XDG_CONFIG_HOME").flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
            return config + "/fish/completions/rudder.fish"
        }
    }
}
