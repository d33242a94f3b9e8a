import RudderCore
import RudderTemplate

extension HelmFunctions {
    static func registerStrings(_ r: inout Registrar) {
        let maximumBytes = r.options.maximumStringBytes
        r.add("hello", []) { _ in "Hello!" }
        r.add("upper", [.string]) { a in .string(try Arguments(a).string(0).uppercased()) }
        r.add("lower", [.string]) { a in .string(try Arguments(a).string(0).lowercased()) }
        r.add("title", [.string]) { a in .string(Text.title(try Arguments(a).string(0))) }
        r.add("untitle", [.string]) { a in .string(Text.untitle(try Arguments(a).string(0))) }
        r.add("swapcase", [.string]) { a in .string(Text.swapCase(try Arguments(a).string(0))) }
        r.add("initials", [.string]) { a in .string(Text.initials(try Arguments(a).string(0))) }
        r.add("nospace", [.string]) { a in .string(Text.deleteWhiteSpace(try Arguments(a).string(0))) }
        r.add("snakecase", [.string]) { a in .string(Text.joinWords(try Arguments(a).string(0), "_" as Unicode.Scalar)) }
        r.add("kebabcase", [.string]) { a in .string(Text.joinWords(try Arguments(a).string(0), "-" as Unicode.Scalar)) }
        r.add("camelcase", [.string]) { a in .string(Text.camelCase(try Arguments(a).string(0))) }
        r.add("shuffle", [.string]) { a in
            var scalars = Array(try Arguments(a).string(0).unicodeScalars)
            scalars.shuffle()
            return .string(String(String.UnicodeScalarView(scalars)))
        }
        r.add("repeat", [.int, .string]) { a in
            let args = Arguments(a)
            let count = try args.int(0)
            let text = try args.string(1)
            if count < 0 { throw FunctionError("strings: negative Repeat count") }
            let (total, overflow) = text.utf8.count.multipliedReportingOverflow(by: count)
            if overflow || total > maximumBytes {
                throw FunctionError("repeat: result of \(count) × \(text.utf8.count) bytes exceeds the limit of \(maximumBytes) bytes")
            }
            return .string(String(repeating: text, count: count))
        }
        r.add("substr", [.int, .int, .string]) { a in
            let args = Arguments(a)
            return .string(try Text.substring(try args.int(0), try args.int(1), try args.string(2)))
        }
        r.add("trunc", [.int, .string]) { a in
            let args = Arguments(a)
            return .string(Text.truncate(try args.int(0), try args.string(1)))
        }
        r.add("trim", [.string]) { a in .string(Text.trimSpace(try Arguments(a).string(0))) }
        r.add("trimAll", [.string, .string]) { a in
            let args = Arguments(a)
            return .string(Text.trim(try args.string(1), cutset: try args.string(0)))
        }
        r.alias("trimall", "trimAll")
        r.add("trimSuffix", [.string, .string]) { a in
            let args = Arguments(a)
            let suffix = try args.string(0), text = try args.string(1)
            return .string(text.utf8.count >= suffix.utf8.count && text.hasSuffix(suffix) && !suffix.isEmpty
                ? String(decoding: Array(text.utf8).dropLast(suffix.utf8.count), as: UTF8.self) : text)
        }
        r.add("trimPrefix", [.string, .string]) { a in
            let args = Arguments(a)
            let prefix = try args.string(0), text = try args.string(1)
            return .string(text.hasPrefix(prefix) && !prefix.isEmpty
                ? String(decoding: Array(text.utf8).dropFirst(prefix.utf8.count), as: UTF8.self) : text)
        }
        r.add("abbrev", [.int, .string]) { a in
            let args = Arguments(a)
            let width = try args.int(0), text = try args.string(1)
            if width < 4 { return .string(text) }
            return .string(Text.abbreviate(text, offset: 0, maximumWidth: width))
        }
        r.add("abbrevboth", [.int, .int, .string]) { a in
            let args = Arguments(a)
            let left = try args.int(0), right = try args.int(1), text = try args.string(2)
            if right < 4 || (left > 0 && right < 7) { return .string(text) }
            return .string(Text.abbreviate(text, offset: left, maximumWidth: right))
        }
        r.add("wrap", [.int, .string]) { a in
            let args = Arguments(a)
            return .string(Text.wrap(try args.string(1), width: try args.int(0), newline: "", wrapLongWords: false))
        }
        r.add("wrapWith", [.int, .string, .string]) { a in
            let args = Arguments(a)
            return .string(Text.wrap(try args.string(2), width: try args.int(0), newline: try args.string(1), wrapLongWords: true))
        }
        r.add("contains", [.string, .string]) { a in
            let args = Arguments(a)
            return .bool(Text.contains(try args.string(1), try args.string(0)))
        }
        r.add("hasPrefix", [.string, .string]) { a in
            let args = Arguments(a)
            return .bool(Array(try args.string(1).utf8).starts(with: Array(try args.string(0).utf8)))
        }
        r.add("hasSuffix", [.string, .string]) { a in
            let args = Arguments(a)
            return .bool(Array(try args.string(1).utf8).reversed().starts(with: Array(try args.string(0).utf8).reversed()))
        }
        r.add("quote", [], variadic: .any) { a in
            if a.count == 1, case .string(let text) = a[0], let quoted = Text.plainQuoted(text) { return .string(quoted) }
            return .string(a.filter { !$0.isNull }.map { GoQuote.quote(Cast.string($0)) }.joined(separator: " "))
        }
        r.add("squote", [], variadic: .any) { a in
            .string(a.filter { !$0.isNull }.map { "'" + Cast.string($0) + "'" }.joined(separator: " "))
        }
        r.add("cat", [], variadic: .any) { a in
            .string(a.filter { !$0.isNull }.map { GoFormat.formatValue($0) }.joined(separator: " "))
        }
        r.add("indent", [.int, .string]) { a in
            let args = Arguments(a)
            return .string(try Text.indent(try args.int(0), try args.string(1), limit: maximumBytes))
        }
        r.add("nindent", [.int, .string]) { a in
            let args = Arguments(a)
            return .string(try Text.indent(try args.int(0), try args.string(1), limit: maximumBytes, leadingNewline: true))
        }
        r.add("replace", [.string, .string, .string]) { a in
            let args = Arguments(a)
            return .string(try Text.replace(try args.string(2), try args.string(0), try args.string(1), limit: maximumBytes))
        }
        r.add("plural", [.string, .string, .int]) { a in
            let args = Arguments(a)
            return .string(try args.int(2) == 1 ? try args.string(0) : try args.string(1))
        }
        r.add("toString", [.any]) { a in .string(Cast.string(Arguments(a)[0])) }
        r.add("toStrings", [.any]) { a in .list(Cast.strings(Arguments(a)[0]).map { .string($0) }) }
        r.add("join", [.string, .any]) { a in
            let args = Arguments(a)
            return .string(Cast.strings(args[1]).joined(separator: try args.string(0)))
        }
        r.add("split", [.string, .string]) { a in
            let args = Arguments(a)
            let parts = Text.split(try args.string(1), separator: try args.string(0), limit: -1)
            var map: [String: Value] = [:]
            for (index, part) in parts.enumerated() { map["_\(index)"] = .string(part) }
            return .map(map)
        }
        r.add("splitList", [.string, .string]) { a in
            let args = Arguments(a)
            return .list(Text.split(try args.string(1), separator: try args.string(0), limit: -1).map { .string($0) })
        }
        r.add("splitn", [.string, .int, .string]) { a in
            let args = Arguments(a)
            let parts = Text.split(try args.string(2), separator: try args.string(0), limit: try args.int(1))
            var map: [String: Value] = [:]
            for (index, part) in parts.enumerated() { map["_\(index)"] = .string(part) }
            return .map(map)
        }
        r.add("sortAlpha", [.any]) { a in
            let value = Arguments(a)[0]
            switch value {
            case .list, .bytes:
                return .list(Cast.strings(value).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { .string($0) })
            default:
                return .list([.string(Cast.string(value))])
            }
        }
        r.add("ternary", [.any, .any, .bool]) { a in
            let args = Arguments(a)
            return try args.bool(2) ? args[0] : args[1]
        }
    }
}
