import RudderCore
import RudderTemplate

/// An error from loading a chart, reading values or validating them.
///
/// `message` is Helm's own text where Helm has one (so `"Error: " + description`
/// reads as Helm prints it); `file` and `position` say where the problem is when
/// it can be traced to a file, and `fix` suggests what to do.
public struct ChartError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in Helm's words where Helm has words for it.
    public var message: String
    /// The file concerned (a chart-relative path, an archive entry or a user file).
    public var file: String?
    /// Line and column within `file`, when known.
    public var position: SourcePosition?
    /// A one-line suggestion of how to fix it.
    public var fix: String?

    public init(_ message: String, file: String? = nil, position: SourcePosition? = nil, fix: String? = nil) {
        self.message = message
        self.file = file
        self.position = position
        self.fix = fix
    }

    /// Helm's message.
    public var description: String { message }

    /// The message prefixed with `context: ` (Go's `fmt.Errorf("context: %w", err)`).
    func wrapped(_ context: String) -> ChartError {
        var copy = self
        copy.message = context + ": " + message
        return copy
    }

    /// A diagnostic for the CLI: the position (or the file) and the message.
    public var diagnostic: Diagnostic {
        Diagnostic(severity: .error, message: message, position: position, fix: fix)
    }
}

/// Go's `%q` of a string: double-quoted with Go escapes (the template engine's `GoQuote`).
func goQuote(_ text: String) -> String { GoQuote.quote(text) }


/// Go's `unicode.IsSpace`.
func isGoSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0: return true
    default: return scalar.value > 0xFF && scalar.properties.isWhitespace
    }
}
