/// The URL and email checks Helm's Chart.yaml rules use (govalidator's
/// `IsRequestURL`, `IsURL` and `IsEmail`), written from their documented
/// behaviour: `isRequestURL` follows Go's `url.ParseRequestURI` and requires a
/// scheme; `isURL` and `isEmail` accept the usual shapes of web addresses and
/// mail addresses (host names, IPv4 and bracketed IPv6 hosts, ports, paths).
enum URLValidation {
    /// Go's `url.ParseRequestURI(text)` succeeds and gives a scheme.
    static func isRequestURL(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return false }
        guard let (scheme, rest) = splitScheme(bytes), !scheme.isEmpty else { return false }
        // Without "/" after the scheme the rest is opaque, which a request URI allows.
        guard rest.first == UInt8(ascii: "/") else { return true }
        var remainder = rest
        if let question = remainder.firstIndex(of: UInt8(ascii: "?")) { remainder = Array(remainder[..<question]) }
        if remainder.starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) {
            let afterSlashes = remainder.dropFirst(2)
            let authorityEnd = afterSlashes.firstIndex(of: UInt8(ascii: "/")) ?? afterSlashes.endIndex
            guard isValidAuthority(Array(afterSlashes[..<authorityEnd])) else { return false }
            remainder = Array(afterSlashes[authorityEnd...])
        }
        return hasValidEscapes(remainder)
    }

    /// Go's `getScheme`: letters, then letters, digits, `+`, `-`, `.` up to `:`.
    /// Nil when the text starts with `:` (Go's "missing protocol scheme").
    static func splitScheme(_ bytes: [UInt8]) -> (scheme: [UInt8], rest: [UInt8])? {
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if index == 0 { return ([], bytes) }
            case UInt8(ascii: ":"):
                if index == 0 { return nil }
                return (Array(bytes[..<index]), Array(bytes[(index + 1)...]))
            default:
                return ([], bytes)
            }
        }
        return ([], bytes)
    }

    /// `[userinfo@]host[:port]` as Go's `parseAuthority` accepts it.
    static func isValidAuthority(_ authority: [UInt8]) -> Bool {
        var hostPart = authority[...]
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) {
            let userinfo = authority[..<at]
            let allowed = Set("-._:~!$&'()*+,;=%@".utf8)
            guard userinfo.allSatisfy({ isAlphanumeric($0) || allowed.contains($0) || $0 >= 0x80 }) else { return false }
            hostPart = authority[(at + 1)...]
        }
        var host = hostPart
        if host.first == UInt8(ascii: "[") {
            guard let close = host.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let port = host[(close + 1)...]
            return isValidPort(Array(port))
        }
        if let colon = host.lastIndex(of: UInt8(ascii: ":")) {
            guard isValidPort(Array(host[colon...])) else { return false }
            host = host[..<colon]
        }
        let allowed = Set("-_.~!$&'()*+,;=:[]<>\"".utf8)
        var index = host.startIndex
        while index < host.endIndex {
            let byte = host[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < host.endIndex, isHex(host[index + 1]), isHex(host[index + 2]) else { return false }
                index += 3
                continue
            }
            if byte < 0x80 && !isAlphanumeric(byte) && !allowed.contains(byte) { return false }
            index += 1
        }
        return true
    }

    static func isValidPort(_ port: [UInt8]) -> Bool {
        guard let first = port.first else { return true }
        return first == UInt8(ascii: ":") && port.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    static func hasValidEscapes(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return false }
                index += 3
            } else {
                index += 1
            }
        }
        return true
    }

    /// govalidator's `IsURL`: an optional web scheme (`http`, `https`, `ftp`,
    /// `ws`, `wss`, `tcp`, `udp`), optional user info, a host name, IPv4 or
    /// bracketed IPv6 address, an optional port and a path without spaces.
    static func isURL(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        if text.isEmpty || scalars.count >= 2083 || text.utf8.count <= 3 || text.hasPrefix(".") { return false }
        var rest = Substring(text)
        if let range = rest.firstRange(of: "://") {
            let scheme = rest[..<range.lowerBound].lowercased()
            guard ["http", "https", "ftp", "ws", "wss", "tcp", "udp"].contains(scheme) else { return false }
            rest = rest[range.upperBound...]
        }
        guard !rest.unicodeScalars.contains(where: { isGoSpace($0) }), hasValidEscapes(Array(rest.utf8)) else { return false }
        // The host ends at the first '/', '?' or '#'.
        let hostEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<hostEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = authority
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let literal = host[host.index(after: host.startIndex)..<close]
            guard !literal.isEmpty, literal.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return false }
            host = host[host.index(after: close)...]
            if host.isEmpty { return true }
            return isPort(host)
        }
        if let colon = host.lastIndex(of: ":") {
            guard isPort(host[colon...]) else { return false }
            host = host[..<colon]
        }
        if host.hasSuffix(".") { host = host.dropLast() }
        guard !host.isEmpty, !host.hasPrefix(".") else { return false }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty, label.unicodeScalars.allSatisfy({ isHostScalar($0) || $0 == "-" || $0 == "_" }) else { return false }
        }
        // A bare word without a dot is only a host when a scheme was given ("http://localhost").
        return true
    }

    static func isPort(_ text: Substring) -> Bool {
        let digits = text.dropFirst()
        return text.first == ":" && (1...5).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func isHostScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return isAlphanumeric(UInt8(scalar.value)) }
        return scalar.value >= 0xA1 && scalar.value <= 0xFFFF
    }

    /// govalidator's `IsEmail`: `local@domain` with an atom (or quoted) local part
    /// and a domain of at least two dot-separated labels ending in a letter label.
    static func isEmail(_ text: String) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        var domain = text[text.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty else { return false }
        if local.hasPrefix("\"") && local.hasSuffix("\"") && local.count >= 2 {
            // A quoted local part: anything printable but a bare quote or backslash.
        } else {
            let atoms = local.split(separator: ".", omittingEmptySubsequences: false)
            let special = Set("!#$%&'*+-/=?^_`{|}~".unicodeScalars)
            for atom in atoms {
                guard !atom.isEmpty, atom.unicodeScalars.allSatisfy({ scalar in
                    (scalar.isASCII && isAlphanumeric(UInt8(scalar.value))) || special.contains(scalar) || isWideLetter(scalar)
                }) else { return false }
            }
        }
        if domain.hasSuffix(".") { domain = domain.dropLast() }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for (index, label) in labels.enumerated() {
            guard let first = label.unicodeScalars.first, let last = label.unicodeScalars.last else { return false }
            let isTopLevel = index == labels.count - 1
            func edgeOK(_ scalar: Unicode.Scalar) -> Bool {
                if isWideLetter(scalar) { return true }
                guard scalar.isASCII else { return false }
                let byte = UInt8(scalar.value)
                return isTopLevel ? isLetter(byte) : isAlphanumeric(byte)
            }
            guard edgeOK(first), edgeOK(last) else { return false }
            guard label.unicodeScalars.allSatisfy({ scalar in
                isWideLetter(scalar) || (scalar.isASCII && (isAlphanumeric(UInt8(scalar.value)) || "-._~".unicodeScalars.contains(scalar)))
            }) else { return false }
        }
        return true
    }

    /// The non-ASCII ranges govalidator's patterns accept as letters.
    static func isWideLetter(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (0xA0...0xD7FF).contains(v) || (0xF900...0xFDCF).contains(v) || (0xFDF0...0xFFEF).contains(v)
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39)
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }
}
