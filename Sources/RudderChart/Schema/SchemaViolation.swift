import RudderCore

/// A failed validation, shaped as santhosh-tekuri/jsonschema v6 reports it (the
/// validator Helm 4.1.4 uses): a message at an instance location, with the
/// causes that explain it (`anyOf` lists each branch's failure).
public struct SchemaViolation: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Several failures of one schema ("validation failed").
        case group
        /// A `$ref` (or `$dynamicRef`, `$recursiveRef`) whose target failed: shown through its causes.
        case reference
        /// Any other keyword.
        case keyword(String)
    }

    /// JSON pointer tokens of the failing value (`["spec", "replicas"]`).
    public var instanceLocation: [String]
    public var kind: Kind
    /// The text after `at '<location>': `.
    public var message: String
    public var causes: [SchemaViolation]

    public init(instanceLocation: [String], kind: Kind, message: String, causes: [SchemaViolation] = []) {
        self.instanceLocation = instanceLocation
        self.kind = kind
        self.message = message
        self.causes = causes
    }

    /// The instance location as a JSON pointer (`/spec/replicas`, or empty for the root).
    public var pointer: String {
        instanceLocation.map { "/" + $0.replacingAll("~", "~0").replacingAll("/", "~1") }.joined()
    }

    /// The report Helm prints under a chart's name: one `- at '<pointer>': <message>`
    /// line per failure, causes indented by two spaces, ending with a newline.
    public var description: String {
        var lines: [String] = []
        for top in topLevel { top.display(into: &lines, indent: 0) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The failures listed at the top: a group's causes, or the failure itself.
    public var topLevel: [SchemaViolation] {
        if case .group = kind { return causes }
        return [self]
    }

    func display(into lines: inout [String], indent: Int) {
        if case .reference = kind, causes.count == 1 {
            causes[0].display(into: &lines, indent: indent)
            return
        }
        let prefix = String(repeating: "  ", count: indent) + "- "
        lines.append(prefix + "at " + schemaQuote(pointer) + ": " + message)
        for cause in causes { cause.display(into: &lines, indent: indent + 1) }
    }
}

/// jsonschema's `quote`: Go's `%q` with `"` unescaped and `'` escaped, in single quotes.
func schemaQuote(_ text: String) -> String {
    let quoted = goQuote(text)
    let inner = String(quoted.dropFirst().dropLast()).replacingAll("\\\"", "\"").replacingAll("'", "\\'")
    return "'" + inner + "'"
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

/// Numbers as the validator's localized printer shows them: integers with
/// thousands separators (`70,000`), other values in Go's shortest form.
func schemaNumber(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e21 {
        return groupThousands(integralDigits(value))
    }
    let text = GoFloatFormat.v(value)
    if let dot = text.firstIndex(of: "."), !text.contains("e") {
        return groupThousands(String(text[..<dot])) + text[dot...]
    }
    return text
}

func schemaInteger(_ value: Int) -> String { groupThousands(String(value)) }

func groupThousands(_ digits: String) -> String {
    var body = Substring(digits)
    var sign = ""
    if body.hasPrefix("-") {
        sign = "-"
        body = body.dropFirst()
    }
    var groups: [Substring] = []
    while body.count > 3 {
        groups.insert(body.suffix(3), at: 0)
        body = body.dropLast(3)
    }
    groups.insert(body, at: 0)
    return sign + groups.joined(separator: ",")
}

/// An integral double's decimal digits (no exponent).
func integralDigits(_ value: Double) -> String {
    if abs(value) < 9.2e18 { return String(Int64(value)) }
    let (negative, digits, point) = GoFloatFormat.decimalDigits(value)
    return (negative ? "-" : "") + digits + String(repeating: "0", count: max(0, point - digits.count))
}
