import RudderCore

/// Go's `%#v` for the few values yaml.v2 puts in its error messages.
enum GoSyntax {
    static func describe(_ value: Value) -> String {
        switch value {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .int64(let i): return String(i)
        case .float(let d): return GoFloatFormatting.formatG(d)
        case .string(let s): return GoQuote.quote(s)
        case .bytes(let b): return "[]byte{" + b.map { String($0) }.joined(separator: ", ") + "}"
        case .list(let items): return "[]interface {}{" + items.map(describe).joined(separator: ", ") + "}"
        case .map(let m):
            let parts = m.keys.sorted().map { "\(GoQuote.quote($0)):\(describe(m[$0] ?? .null))" }
            return "map[interface {}]interface {}{" + parts.joined(separator: ", ") + "}"
        case .object(let o): return o.printed
        }
    }
}
