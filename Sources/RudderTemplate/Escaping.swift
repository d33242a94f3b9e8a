import RudderCore
/// Go's `template.HTMLEscapeString`, `JSEscapeString` and `url.QueryEscape`.
enum Escaping {
    static func html(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "'": out += "&#39;"
            case "\"": out += "&#34;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static let upperHex = Array("0123456789ABCDEF")

    static func javaScript(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "<": out += "\\u003C"
            case ">": out += "\\u003E"
            case "&": out += "\\u0026"
            case "=": out += "\\u003D"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00"
                    out.append(upperHex[Int(scalar.value >> 4)])
                    out.append(upperHex[Int(scalar.value & 0xF)])
                } else if scalar.value >= 0x80 && !GoQuote.isPrint(scalar) {
                    out += "\\u" + GoQuote.hex(scalar.value, width: 4).uppercased()
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    static func queryEscape(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                out += "+"
            default:
                out += "%"
                out.append(upperHex[Int(byte >> 4)])
                out.append(upperHex[Int(byte & 0xF)])
            }
        }
        return out
    }
}
