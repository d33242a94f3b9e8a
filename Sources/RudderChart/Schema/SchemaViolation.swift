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
    /// RudderCore's byte-wise replacement, under the name the schema code uses.
    func replacingAll(_ target: String, _ replacement: String) -> String {
        replacingAll(target, with: replacement)
    }
}

/// Numbers as the validator's localized printer (golang.org/x/text) shows a
/// float64 with `%v`: decimal with thousands separators (`70,000`,
/// `1,234.5`), or `1.0000005×10⁰⁶` where Go's `%v` would use an exponent.
func schemaNumber(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-∞" : "∞" }
    if value == 0 { return "0" }
    let (negative, digits, point) = GoFloatFormat.decimalDigits(value)
    let exponent = point - 1
    let sign = negative ? "-" : ""
    if exponent < -4 || exponent >= 6 {
        var mantissa = String(digits.prefix(1))
        if digits.count > 1 { mantissa += "." + digits.dropFirst() }
        let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        var exponentDigits = String(abs(exponent))
        if exponentDigits.count < 2 { exponentDigits = "0" + exponentDigits }
        let raised = String(exponentDigits.compactMap { $0.wholeNumberValue.map { superscripts[$0] } })
        return sign + mantissa + "×10" + (exponent < 0 ? "⁻" : "") + raised
    }
    if point <= 0 {
        return sign + "0." + String(repeating: "0", count: -point) + digits
    }
    if point >= digits.count {
        return sign + groupThousands(digits + String(repeating: "0", count: point - digits.count))
    }
    let index = digits.index(digits.startIndex, offsetBy: point)
    return sign + groupThousands(String(digits[..<index])) + "." + digits[index...]
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

