import ArgumentParser
import RudderChart

/// `rudder manual`: the man page (roff, section 1), written from the same
/// command definitions as `--help` and the completion scripts.
struct ManualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual",
        abstract: "Print the rudder(1) man page (roff).",
        discussion: """
            Examples:
              rudder manual > ~/.local/share/man/man1/rudder.1
              rudder manual | man -l -
            """
    )

    mutating func run() throws {
        Terminal.write(ManualPage.roff())
    }
}

/// Builds the man page by walking `Rudder.configuration` and its subcommands.
enum ManualPage {
    static func roff() -> String {
        var page = ".TH RUDDER 1 \"\" \"rudder \(escape(RudderVersion.current))\" \"User Commands\"\n"
        page += ".SH NAME\nrudder \\- \(escape(Rudder.configuration.abstract))\n"
        page += ".SH SYNOPSIS\n.B rudder\n.I command\n[\\fIoptions\\fR]\n"
        page += ".SH DESCRIPTION\n" + paragraph(Rudder.configuration.discussion)
        page += ".SH COMMANDS\n"
        for (path, command) in commands(of: Rudder.self, path: []) {
            page += ".SS \"rudder \(escape(path.joined(separator: " ")))\"\n"
            page += escape(command.configuration.abstract) + "\n"
            page += ".PP\n.nf\n"
            page += escapeLines(Rudder.helpMessage(for: command, columns: 80))
            page += ".fi\n"
        }
        page += ".SH ENVIRONMENT\n"
        page += ".TP\n.B NO_COLOR\nWhen set, output carries no colour (colour is used only on a terminal).\n"
        page += ".TP\n.B ARGOCD_APP_NAME, ARGOCD_APP_NAMESPACE, ARGOCD_APP_PARAMETERS, KUBE_VERSION, KUBE_API_VERSIONS\n"
        page += "Read by \\fBrudder argocd generate\\fR (Argo CD Config Management Plugin).\n"
        page += ".SH EXIT STATUS\n0 on success, 1 on any error (printed as \\fBError: ...\\fR on stderr).\n"
        page += ".SH SEE ALSO\n.BR helm (1)\n"
        return page
    }

    /// Every subcommand below `command`, depth first, with its command path.
    static func commands(of command: ParsableCommand.Type, path: [String]) -> [([String], ParsableCommand.Type)] {
        var result: [([String], ParsableCommand.Type)] = []
        for subcommand in command.configuration.subcommands {
            let name = subcommand.configuration.commandName ?? "\(subcommand)"
            let subpath = path + [name]
            result.append((subpath, subcommand))
            result += commands(of: subcommand, path: subpath)
        }
        return result
    }

    private static func paragraph(_ text: String) -> String {
        text.isEmpty ? "" : ".nf\n" + escapeLines(text) + ".fi\n"
    }

    private static func escapeLines(_ text: String) -> String {
        var result = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var escaped = escape(String(line))
            // A line starting with `.` or `'` would be read as a request.
            if escaped.hasPrefix(".") || escaped.hasPrefix("'") { escaped = "\\&" + escaped }
            result += escaped + "\n"
        }
        while result.hasSuffix("\n\n") { result.removeLast() }
        return result
    }

    private static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\e"
            case "-": result += "\\-"
            default: result.append(character)
            }
        }
        return result
    }
}
