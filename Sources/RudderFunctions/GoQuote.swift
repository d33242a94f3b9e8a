import RudderTemplate

/// Go's string quoting is the template engine's `GoQuote`; the function library
/// adds only fixed-width hexadecimal for its escapes (URLs, TOML).
extension GoQuote {
    static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

}
