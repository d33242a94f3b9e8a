import RudderCore
import RudderTemplate

extension HelmFunctions {
    static func registerURLs(_ r: inout Registrar) {
        r.add("urlParse", [.string]) { a in
            let text = try Arguments(a).string(0)
            let url: GoURL
            do { url = try GoURL.parse(text) } catch let error as GoURL.ParseError {
                throw FunctionError("unable to parse url: parse \(GoQuote.quote(text)): \(error.message)")
            }
            return .map([
                "scheme": .string(url.scheme), "host": .string(url.host), "hostname": .string(url.hostname),
                "path": .string(url.path), "query": .string(url.rawQuery), "opaque": .string(url.opaque),
                "fragment": .string(url.fragment), "userinfo": .string(url.userinfo ?? ""),
            ])
        }
        r.add("urlJoin", [.map]) { a in
            let map = try Arguments(a).map(0)
            func field(_ key: String) -> String {
                if case .string(let s)? = map[key] { return s }
                return ""
            }
            var url = GoURL()
            url.scheme = field("scheme")
            url.host = field("host")
            url.path = field("path")
            url.rawQuery = field("query")
            url.opaque = field("opaque")
            url.fragment = field("fragment")
            let userinfo = field("userinfo")
            url.userinfo = userinfo.isEmpty ? nil : userinfo
            return .string(url.string)
        }
    }
}

/// The parts of Go's `net/url` that `urlParse` and `urlJoin` use.
struct GoURL {
    struct ParseError: Error { var message: String }
    var scheme = "", opaque = "", userinfo: String? = nil, host = "", path = "", rawQuery = "", fragment = ""

    var hostname: String {
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            return String(host[host.index(after: host.startIndex)..<close])
        }
        if let colon = host.lastIndex(of: ":") { return String(host[..<colon]) }
        return host
    }

    static func parse(_ text: String) throws -> GoURL {
        var url = GoURL()
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            url.fragment = try unescape(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        // scheme: letter (letter | digit | '+' | '-' | '.')* ':'
        for (offset, character) in rest.enumerated() {
            if character.isASCII && character.isLetter { continue }
            if offset > 0 && character.isASCII && (character.isNumber || "+-.".contains(character)) { continue }
            if character == ":" {
                if offset == 0 { throw ParseError(message: "missing protocol scheme") }
                url.scheme = rest.prefix(offset).lowercased()
                rest = rest.dropFirst(offset + 1)
            }
            break
        }
        if let question = rest.firstIndex(of: "?") {
            url.rawQuery = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        if !rest.hasPrefix("/") && !url.scheme.isEmpty {
            url.opaque = String(rest)
            return url
        }
        if rest.hasPrefix("//") && !rest.hasPrefix("///") {
            let authority = rest.dropFirst(2).prefix { $0 != "/" }
            rest = rest.dropFirst(2 + authority.count)
            var hostPart = authority
            if let at = authority.lastIndex(of: "@") {
                url.userinfo = String(authority[..<at])
                hostPart = authority[authority.index(after: at)...]
            }
            url.host = try unescape(hostPart)
        }
        url.path = try unescape(rest)
        return url
    }

    static func unescape(_ text: Substring) throws -> String {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else {
                    let bad = Text.fromBytes(bytes[index..<min(index + 3, bytes.count)])
                    throw ParseError(message: "invalid URL escape \(GoQuote.quote(bad))")
                }
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return Text.fromBytes(out)
    }

    /// `url.PathEscape`-like escaping for the given extra characters kept.
    static func escape(_ text: String, keep: String) -> String {
        let kept = Set(keep.utf8)
        var out = ""
        for byte in text.utf8 {
            let isUnreserved = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~")
            if isUnreserved || kept.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + GoQuote.hex(UInt32(byte), width: 2).uppercased()
            }
        }
        return out
    }

    var string: String {
        var out = ""
        if !scheme.isEmpty { out += scheme + ":" }
        if !opaque.isEmpty {
            out += opaque
        } else {
            if !scheme.isEmpty || !host.isEmpty || userinfo != nil {
                if !host.isEmpty || !path.isEmpty || userinfo != nil { out += "//" }
                if let userinfo { out += GoURL.escape(userinfo, keep: "!$&'()*+,;=:") + "@" }
                if !host.isEmpty { out += GoURL.escape(host, keep: "!$&'()*+,;=:[]<>\"") }
            }
            let escapedPath = GoURL.escape(path, keep: "$&+,/:;=@")
            if !escapedPath.isEmpty && !escapedPath.hasPrefix("/") && !host.isEmpty { out += "/" }
            if out.isEmpty, let colon = escapedPath.firstIndex(of: ":"),
                !escapedPath[..<colon].contains("/")
            {
                out += "./"
            }
            out += escapedPath
        }
        if !rawQuery.isEmpty { out += "?" + rawQuery }
        if !fragment.isEmpty { out += "#" + GoURL.escape(fragment, keep: "$&+,/:;=@!()*?") }
        return out
    }
}
