/// How serious a finding is. Ordered: `info < warning < error`.
public enum Severity: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    case info = 0
    case warning = 1
    case error = 2

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Helm's spelling: `INFO`, `WARNING`, `ERROR`.
    public var description: String {
        switch self {
        case .info: return "INFO"
        case .warning: return "WARNING"
        case .error: return "ERROR"
        }
    }
}

/// A finding or an error as data: the library produces these, the CLI prints them.
public struct Diagnostic: Sendable, Equatable, Error, CustomStringConvertible {
    public var severity: Severity
    /// Where it is, when it can be traced to a source.
    public var position: SourcePosition?
    /// A stable rule identifier (`chart-yaml-name`, `k8s-schema`), when it comes from a rule.
    public var ruleID: String?
    public var message: String
    /// A one-line suggestion of how to fix it.
    public var fix: String?

    public init(
        severity: Severity, message: String, position: SourcePosition? = nil,
        ruleID: String? = nil, fix: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.position = position
        self.ruleID = ruleID
        self.fix = fix
    }

    /// `file:line:column: message`, or the message alone.
    public var description: String {
        if let position { return "\(position): \(message)" }
        return message
    }
}
