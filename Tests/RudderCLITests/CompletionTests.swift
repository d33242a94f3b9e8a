import RudderCore
import Testing
import _RudderTestSupport

/// Shell completions (`rudder completion`), the man page (`rudder manual`) and `--help`:
/// all made from the same command definitions, so each must know every command.
@Suite struct CompletionTests {
    static let root = GoldenCases.repositoryRoot()

    static func rudder(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try TestProcess.run([TestProcess.rudderPath()] + arguments, environment: environment, directory: root)
    }

    /// Every command path (`["repo", "index"]`), read from the argument parser's own
    /// description of the tool (`--experimental-dump-help`): nesting from indentation.
    static func commandPaths() throws -> [[String]] {
        let dump = try rudder(["--experimental-dump-help"])
        var stack: [(indent: Int, name: String)] = []
        var paths: [[String]] = []
        for line in dump.stdout.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("\"commandName\" : \"") else { continue }
            let indent = line.count - trimmed.count
            let name = String(trimmed.dropFirst("\"commandName\" : \"".count).prefix { $0 != "\"" })
            while let last = stack.last, last.indent >= indent { stack.removeLast() }
            stack.append((indent, name))
            let path = stack.dropFirst().map(\.name)  // without the root, `rudder`
            if !path.isEmpty && path.last != "help" { paths.append(path) }
        }
        return paths
    }

    @Test func commandTreeIsRead() throws {
        let paths = try Self.commandPaths()
        for expected in [["template"], ["lint"], ["repo", "index"], ["argocd", "generate"], ["completion"], ["manual"]] {
            #expect(paths.contains(expected), "\(expected) in \(paths)")
        }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionMentionsEveryCommand(_ shell: String) throws {
        let result = try Self.rudder(["completion", shell])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        for path in try Self.commandPaths() {
            for name in path {
                #expect(result.stdout.contains(name), "\(shell) completion: \(path)")
            }
        }
        // The same script the argument parser prints itself.
        #expect(result.stdout == (try Self.rudder(["--generate-completion-script", shell])).stdout)
    }

    @Test func completionRejectsOtherShells() throws {
        let result = try Self.rudder(["completion", "powershell"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("Error: "))
    }

    @Test(arguments: [
        ("bash", ".local/share/bash-completion/completions/rudder"),
        ("zsh", ".zfunc/_rudder"),
        ("fish", ".config/fish/completions/rudder.fish"),
    ])
    func completionInstallWritesWhereTheShellLooks(_ shell: String, _ relativePath: String) throws {
        let home = "/tmp/rudder-completion-home-\(Int.random(in: 0..<1_000_000_000))"
        defer { FileSystem.removeTree(home) }
        try FileSystem.createDirectory(home)
        let result = try Self.rudder(["completion", shell, "--install"],
                                     environment: ["HOME": home, "XDG_DATA_HOME": "", "XDG_CONFIG_HOME": ""])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("wrote \(home)/\(relativePath)\n"))
        let installed = try FileSystem.readText(home + "/" + relativePath)
        #expect(installed == (try Self.rudder(["completion", shell])).stdout)
    }

    @Test func manualHasASectionForEveryCommand() throws {
        let result = try Self.rudder(["manual"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix(".TH RUDDER 1 "))
        for heading in [".SH NAME\n", ".SH SYNOPSIS\n", ".SH DESCRIPTION\n", ".SH COMMANDS\n", ".SH ENVIRONMENT\n"] {
            #expect(result.stdout.contains(heading))
        }
        for path in try Self.commandPaths() {
            let heading = ".SS \"rudder " + path.joined(separator: " ").replacingAll("-", with: "\\-") + "\"\n"
            #expect(result.stdout.contains(heading), "man page: \(path)")
        }
        // No line may start a roff request by accident: only the page's own requests.
        for line in result.stdout.split(separator: "\n") where line.hasPrefix(".") || line.hasPrefix("'") {
            let request = line.prefix { $0 != " " }
            #expect([".TH", ".SH", ".SS", ".B", ".I", ".BR", ".PP", ".TP", ".nf", ".fi"].contains(String(request)), "\(line)")
        }
    }

    /// Commands still without an example in `--help`.
    static let examplePending: Set<[String]> = []

    @Test func helpOfEveryCommandHasAnExample() throws {
        for path in try Self.commandPaths() {
            let help = try Self.rudder(path + ["--help"])
            #expect(help.status == 0)
            let hasExample = help.stdout.contains("Examples:")
            if Self.examplePending.contains(path) {
                #expect(!hasExample, "\(path) has an example now: take it off examplePending")
            } else {
                #expect(hasExample, "rudder \(path.joined(separator: " ")) --help has no example")
            }
        }
    }
}
