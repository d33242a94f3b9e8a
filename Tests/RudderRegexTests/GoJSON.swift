/// A tiny encoder with Go's encoding/json output for strings, string lists and
/// booleans, so that results compare byte for byte with Helm's `toJson`.
enum GoJSON {
    static func encode(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x3C, 0x3E, 0x26, 0x2028, 0x2029, 0..<0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func encode(_ list: [String]?) -> String {
        guard let list else { return "null" }
        return "[" + list.map { encode($0) }.joined(separator: ",") + "]"
    }
}
