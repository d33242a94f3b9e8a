/// Colour decisions for every command: one place, one rule.
extension Terminal {
    /// Whether output written to `fd` (1 stdout, 2 stderr) may carry ANSI colour:
    /// only when it is a terminal, `NO_COLOR` is not set (https://no-color.org,
    /// any value, even empty, turns colour off) and `TERM` is not `dumb`.
    static func useColour(_ fd: Int32 = 1) -> Bool {
        useColour(isTerminal: isTerminal(fd), noColor: environment("NO_COLOR"), term: environment("TERM"))
    }

    /// The rule itself, without reading the process state.
    static func useColour(isTerminal: Bool, noColor: String?, term: String?) -> Bool {
        isTerminal && noColor == nil && term != "dumb"
    }
}
