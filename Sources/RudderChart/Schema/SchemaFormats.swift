import RudderCore
import RudderRegex

/// The `format` checks jsonschema v6 asserts (for drafts 4, 6 and 7, as Helm
/// 4.1.4 compiles them), with its reasons: `'x' is not valid email: missing @`.
/// Unknown formats, and values that are not strings, pass.
enum SchemaFormats {
    /// The reason `text` is not of `format`, or nil when it is (or the format is unknown).
    static func problem(_ format: String, _ text: String) -> String? {
        switch format {
        case "email": return email(text)
        case "hostname": return hostname(text)
        case "ipv4": return ipv4(text)
        case "ipv6": return ipv6(text)
        case "uuid": return uuid(text)
        case "json-pointer": return jsonPointer(text)
        case "duration": return duration(text)
        case "date": return date(text)
        case "time": return time(text)
        case "date-time": return dateTime(text)
        case "uri": return uri(text, reference: false)
        case "uri-reference": return uri(text, reference: true)
        case "regex":
            do {
                _ = try GoRegex(text)
                return nil
            } catch {
                return error.description
            }
        default: return nil
        }
    }

    /// Whether `problem` checks `format` (unknown formats pass untested).
    static func isAsserted(_ format: String) -> Bool {
        switch format {
        case "email", "hostname", "ipv4", "ipv6", "uuid", "json-pointer", "duration", "date", "time", "date-time",
            "uri", "uri-reference", "regex":
            return true
        default:
            return false
        }
    }

    static func quoteRune(_ scalar: Unicode.Scalar) -> String { SetValueParser.goQuoteRune(scalar) }

    static func hostname(_ text: String) -> String? {
        var host = Substring(text)
        if host.hasSuffix(".") { host = host.dropLast() }
        if host.utf8.count > 253 { return "more than 253 characters long" }
        for label in host.split(separator: ".", omittingEmptySubsequences: false) {
            if label.utf8.count < 1 || label.utf8.count > 63 { return "label must be 1 to 63 characters long" }
            if label.hasPrefix("-") { return "label starts with hyphen" }
            if label.hasSuffix("-") { return "label ends with hyphen" }
            for scalar in label.unicodeScalars {
                let ok = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
                if !ok { return "invalid character \(quoteRune(scalar))" }
            }
        }
        return nil
    }

    static func email(_ text: String) -> String? {
        if text.utf8.count > 254 { return "more than 255 characters long" }
        guard let at = text.lastIndex(of: "@") else { return "missing @" }
        let local = text[..<at]
        var domain = text[text.index(after: at)...]
        if local.utf8.count > 64 { return "local part more than 64 characters long" }
        if local.count > 1 && local.hasPrefix("\"") && local.hasSuffix("\"") {
            let inner = local.dropFirst().dropLast()
            if inner.contains("\\") || inner.contains("\"") {
                return "backslash and quote are not allowed within quoted local part"
            }
        } else {
            if local.hasPrefix(".") { return "starts with dot" }
            if local.hasSuffix(".") { return "ends with dot" }
            if local.contains("..") { return "consecutive dots" }
            for scalar in local.unicodeScalars {
                let ok = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || ".!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
                if !ok { return "invalid character \(quoteRune(scalar))" }
            }
        }
        if domain.hasPrefix("[") && domain.hasSuffix("]") {
            domain = domain.dropFirst().dropLast()
            if domain.hasPrefix("IPv6:") {
                return ipv6(String(domain.dropFirst(5))).map { "invalid ipv6 address: " + $0 }
            }
            return ipv4(String(domain)).map { "invalid ipv4 address: " + $0 }
        }
        return hostname(String(domain)).map { "invalid domain: " + $0 }
    }

    static func ipv4(_ text: String) -> String? {
        let groups = text.split(separator: ".", omittingEmptySubsequences: false)
        if groups.count != 4 { return "expected four decimals" }
        for group in groups {
            if group.count > 1 && group.hasPrefix("0") { return "leading zeros" }
            guard let number = Int(group) else { return "strconv.Atoi: parsing \(goQuote(String(group))): invalid syntax" }
            if number < 0 || number > 255 { return "decimal must be between 0 and 255" }
        }
        return nil
    }

    static func ipv6(_ text: String) -> String? {
        if !text.contains(":") { return "missing colon" }
        if text.contains("%") { return "zone id is not a part of ipv6 address" }
        // A light check of the groups (Go's netip.ParseAddr gives longer reasons).
        let parts = text.components(separatedBy: "::")
        if parts.count > 2 { return "ParseAddr(\(goQuote(text))): multiple :: in address" }
        let groups = parts.flatMap { $0.isEmpty ? [] : $0.split(separator: ":", omittingEmptySubsequences: false).map(String.init) }
        for group in groups where !group.contains(".") {
            if group.isEmpty || group.count > 4 || UInt16(group, radix: 16) == nil {
                return "ParseAddr(\(goQuote(text))): unexpected character"
            }
        }
        return nil
    }

    static func uuid(_ text: String) -> String? {
        let lengths = [8, 4, 4, 4, 12]
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        if groups.count != lengths.count { return "must have \(lengths.count) elements" }
        for (index, group) in groups.enumerated() {
            if group.utf8.count != lengths[index] { return "element \(index + 1) must be \(lengths[index]) characters long" }
            for scalar in group.unicodeScalars where !scalar.properties.isASCIIHexDigit {
                return "non-hex character \(quoteRune(scalar))"
            }
        }
        return nil
    }

    static func jsonPointer(_ text: String) -> String? {
        if text.isEmpty { return nil }
        if !text.hasPrefix("/") { return "not starting with /" }
        for token in text.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            var escape = false
            for scalar in token.unicodeScalars {
                if escape {
                    escape = false
                    if scalar != "0" && scalar != "1" { return "~ must be followed by 0 or 1" }
                    continue
                }
                if scalar == "~" { escape = true }
            }
            if escape { return "~ must be followed by 0 or 1" }
        }
        return nil
    }

    static func duration(_ text: String) -> String? {
        guard text.hasPrefix("P") else { return "must start with P" }
        let rest = text.dropFirst()
        if rest.isEmpty { return "nothing after P" }
        if rest.hasSuffix("W") {
            let number = rest.dropLast()
            if number.isEmpty { return "no number in week" }
            return number.allSatisfy({ $0.isASCII && $0.isNumber }) ? nil : "invalid week"
        }
        let allUnits = ["YMD", "HMS"]
        for (index, part) in rest.split(separator: "T", omittingEmptySubsequences: false).enumerated() {
            if index != 0 && part.isEmpty { return "no time elements" }
            if index >= allUnits.count { return "more than one T" }
            var units = Substring(allUnits[index])
            var remaining = part
            while !remaining.isEmpty {
                let digits = remaining.prefix { $0.isASCII && $0.isNumber }
                if digits.isEmpty { return "missing number" }
                remaining = remaining.dropFirst(digits.count)
                guard let unit = remaining.first else { return "missing unit" }
                guard let position = units.firstIndex(of: unit) else {
                    if allUnits[index].contains(unit) { return "unit '\(unit)' out of order" }
                    return "invalid unit '\(unit)'"
                }
                units = units[units.index(after: position)...]
                remaining = remaining.dropFirst()
            }
        }
        return nil
    }

    static func date(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        let failure = "parsing time \(goQuote(text)) as \"2006-01-02\": cannot parse \(goQuote(text)) as \"2006\""
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D, let year = digits(0..<4), let month = digits(5..<7),
            let day = digits(8..<10)
        else { return failure }
        guard (1...12).contains(month) else { return "parsing time \(goQuote(text)): month out of range" }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day >= 1 && day <= lengths[month - 1] else { return "parsing time \(goQuote(text)): day out of range" }
        return nil
    }

    static func time(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        if bytes.count < 9 { return "less than 9 characters long" }
        if bytes[2] != 0x3A || bytes[5] != 0x3A { return "missing colon in correct place" }
        var parts: [Int] = []
        for range in [0..<2, 3..<5, 6..<8] {
            guard let value = Int(String(decoding: bytes[range], as: UTF8.self)) else { return "invalid hour/min/sec" }
            if value < 0 { return "non-positive hour/min/sec" }
            parts.append(value)
        }
        var (hour, minute) = (parts[0], parts[1])
        let second = parts[2]
        if hour > 23 || minute > 59 || second > 60 { return "hour/min/sec out of range" }
        var rest = bytes[8...]
        if rest.first == 0x2E {
            rest = rest.dropFirst()
            let count = rest.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            if count == 0 { return "no digits in second fraction" }
            rest = rest.dropFirst(count)
        }
        if !(rest.count == 1 && (rest.first == 0x7A || rest.first == 0x5A)) {
            if rest.count != 6 { return "offset must be 6 characters long" }
            let sign: Int
            switch rest.first {
            case 0x2B: sign = -1
            case 0x2D: sign = 1
            default: return "offset must begin with plus/minus"
            }
            let offset = Array(rest.dropFirst())
            if offset[2] != 0x3A { return "missing colon in offset in correct place" }
            guard let zoneHour = Int(String(decoding: offset[0..<2], as: UTF8.self)),
                let zoneMinute = Int(String(decoding: offset[3..<5], as: UTF8.self))
            else { return "invalid hour/min in offset" }
            if zoneHour < 0 || zoneMinute < 0 { return "non-positive hour/min in offset" }
            if zoneHour > 23 || zoneMinute > 59 { return "hour/min in offset out of range" }
            var total = hour * 60 + minute + sign * (zoneHour * 60 + zoneMinute)
            if total < 0 { total += 24 * 60 }
            (hour, minute) = (total / 60, total % 60)
        }
        if second >= 60 && (hour != 23 || minute != 59) { return "invalid leap second" }
        return nil
    }

    static func dateTime(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        if bytes.count < 20 { return "less than 20 characters long" }
        if bytes[10] != 0x74 && bytes[10] != 0x54 { return "11th character must be t or T" }
        if let problem = date(String(decoding: bytes[0..<10], as: UTF8.self)) { return "invalid date element: " + problem }
        if let problem = time(String(decoding: bytes[11...], as: UTF8.self)) { return "invalid time element: " + problem }
        return nil
    }

    static func uri(_ text: String, reference: Bool) -> String? {
        if text.unicodeScalars.contains(where: { $0.value > 0x7F }) { return "has unescaped non-ASCII characters" }
        if text.contains(where: { "<>\" {}|\\^`".contains($0) }) { return "has illegal ASCII characters" }
        if !reference {
            guard let colon = text.firstIndex(of: ":"), colon != text.startIndex,
                text[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }),
                text.first?.isLetter == true
            else { return "relative url" }
        }
        return nil
    }
}
