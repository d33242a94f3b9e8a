import RudderCore
/// A template parse or execution error, kept as data: Go's message text and
/// Helm's rendering of it are both derived from these fields.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public enum Phase: Sendable, Equatable {
        case parse
        case execution
    }

    /// What kind of failure this is, which decides how Helm prints it.
    public enum Cause: Sendable, Equatable {
        /// An error the engine itself raises (nil pointer, bad field, wrong arg count…).
        case engine
        /// An error returned by a function body (`error calling X: …`): Helm prints Go's text.
        case function
        /// A `fail`/`required` message: Helm prints `execution error at (loc): msg`.
        case helmFailure
        /// A resource limit of ours (output size, deadline, iterations).
        case limit
        /// A plain error inside a call (not a template error): its text is the message alone.
        case plain
    }

    public var phase: Phase
    /// The template being executed (`executing "NAME"`), or the file being parsed.
    public var templateName: String
    /// The file the failing node was parsed from (Go's `ParseName`).
    public var fileName: String
    /// 1-based line.
    public var line: Int
    /// 0-based byte column as Go reports it (nil for parse errors and node-less errors).
    public var column: Int?
    /// The failing node's source text, as Go quotes it in `at <…>`.
    public var nodeText: String?
    /// The message (for a function error, `error calling X: MESSAGE`).
    public var message: String
    public var cause: Cause
    /// For `error calling include/tpl` and the like: the error raised inside the call.
    public var inner: [TemplateError]
    /// For a Helm failure: the user's message without any prefix.
    public var failureMessage: String?

    public init(
        phase: Phase, templateName: String, line: Int, column: Int?, nodeText: String?, message: String,
        cause: Cause = .engine, fileName: String? = nil
    ) {
        self.phase = phase
        self.templateName = templateName
        self.fileName = fileName ?? templateName
        self.line = line
        self.column = column
        self.nodeText = nodeText
        self.message = message
        self.cause = cause
        self.inner = []
    }

    /// The nested error (for include/tpl chains), if any.
    public var underlying: TemplateError? { inner.first }

    var location: String {
        if let column { return "\(fileName):\(line):\(column)" }
        return "\(fileName):\(line)"
    }

    /// Exactly Go's text/template error string.
    public var description: String {
        switch phase {
        case .parse:
            return "template: \(location): \(message)"
        case .execution:
            if cause == .plain { return message }
            var text: String
            if let nodeText {
                text = "template: \(location): executing \(GoQuote.quote(templateName)) at <\(nodeText)>: \(message)"
            } else {
                text = "template: \(templateName): \(message)"
            }
            if let inner = underlying { text += inner.description }
            return text
        }
    }

    /// The message of the innermost error of an include/tpl chain.
    public var innermostMessage: String { innermost.message }

    /// The innermost error of an include/tpl chain.
    var innermost: TemplateError {
        var current = self
        while let next = current.underlying { current = next }
        return current
    }

    /// What `helm template` prints after `Error: ` for this error in Helm 4.1.4.
    public var helmDescription: String {
        let text = description
        switch phase {
        case .parse:
            let tokens = text.components(separatedBy: ": ")
            if tokens.count == 1 { return "parse error in (\(fileName)): \(text)" }
            return "parse error at (\(tokens[1])): \(tokens[tokens.count - 1])"
        case .execution:
            let tokens = text.splitOnce(": ", limit: 3)
            if tokens.count != 3 { return "execution error in (\(fileName)): \(text)" }
            if let failure = firstHelmFailure {
                return "execution error at (\(tokens[1])): \(failure)"
            }
            // Helm reformats the chain into a trace only when every level is a
            // template error on one line; a function's own error keeps Go's text.
            var levels: [TemplateError] = []
            var current: TemplateError? = self
            while let level = current {
                if level.message.contains("\n") { return text }
                levels.append(level)
                current = level.underlying
            }
            if levels.contains(where: { $0.cause == .function }) { return text }
            var out = ""
            for level in levels {
                if level.cause == .plain {
                    // Helm keeps only "no template … associated with …" as a bare line.
                    guard level.message.hasPrefix("template: no template ") else { return text }
                    out += level.message + "\n"
                    continue
                }
                out += level.nodeText == nil ? "template: \(level.templateName)" : level.location
                out += "\n  "
                if let nodeText = level.nodeText {
                    out += "executing \(GoQuote.quote(level.templateName)) at <\(nodeText)>:\n    "
                }
                out += (level.underlying != nil ? level.message.trimmingWhitespace() : level.message) + "\n"
            }
            return out.trimmingWhitespace()
        }
    }

    private var firstHelmFailure: String? {
        var current: TemplateError? = self
        while let level = current {
            if let failure = level.failureMessage { return failure }
            current = level.underlying
        }
        return nil
    }
}

extension String {
    /// Splits on `separator` into at most `limit` parts (Go's `strings.SplitN`).
    func splitOnce(_ separator: String, limit: Int) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while parts.count < limit - 1, let range = rest.range(of: separator) {
            parts.append(String(rest[rest.startIndex..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }

    func components(separatedBy separator: String) -> [String] {
        splitOnce(separator, limit: Int.max)
    }

    func trimmingWhitespace() -> String {
        let scalars = Array(unicodeScalars)
        var start = 0
        var end = scalars.count
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\n" || s == "\t" || s == "\r" || s == "\u{0B}" || s == "\u{0C}" }
        while start < end && isSpace(scalars[start]) { start += 1 }
        while end > start && isSpace(scalars[end - 1]) { end -= 1 }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start..<end])
        return String(out)
    }
}

extension Substring {
    func range(of needle: String) -> Range<Substring.Index>? {
        let n = Array(needle.utf8)
        guard !n.isEmpty else { return nil }
        let utf8 = self.utf8
        var i = utf8.startIndex
        while i != utf8.endIndex {
            var j = i
            var k = 0
            while k < n.count, j != utf8.endIndex, utf8[j] == n[k] {
                j = utf8.index(after: j)
                k += 1
            }
            if k == n.count { return i..<j }
            i = utf8.index(after: i)
        }
        return nil
    }
}
