import RudderCore
import RudderFunctions

/// `.Files`: the chart's non-template files, with Helm's methods
/// (`Get`, `GetBytes`, `Glob`, `Lines`, `AsConfig`, `AsSecrets`).
///
/// Paths are looked up exactly as stored (`conf/app.properties`); `../x` and
/// absolute paths find nothing, as in Helm.
public struct FilesObject: Sendable, TemplateObject {
    /// Path → bytes.
    public let files: [String: [UInt8]]
    /// Encodes a map of strings as YAML exactly as the `toYaml` function does (Helm's
    /// `AsConfig`/`AsSecrets` call the same code). Supplied by the render engine.
    let yamlEncoder: @Sendable (Value) -> String

    public init(files: [String: [UInt8]], yamlEncoder: @escaping @Sendable (Value) -> String) {
        self.files = files
        self.yamlEncoder = yamlEncoder
    }

    public var goTypeName: String { "engine.files" }
    public var goKindName: String { "map" }
    public func field(_ name: String) -> Value? { nil }
    public func hasMethod(_ name: String) -> Bool {
        ["Get", "GetBytes", "Glob", "Lines", "AsConfig", "AsSecrets"].contains(name)
    }

    public func callMethod(_ name: String, arguments: [Value]) throws -> Value {
        func onePath() throws -> String {
            guard arguments.count == 1 else {
                throw TemplateObjectError("wrong number of args for \(name): want 1 got \(arguments.count)")
            }
            guard case .string(let path) = arguments[0] else {
                throw TemplateObjectError("wrong type for value; expected string; got \(arguments[0].goTypeName)")
            }
            return path
        }
        switch name {
        case "Get":
            return .string(files[try onePath()].map { String(decoding: $0, as: UTF8.self) } ?? "")
        case "GetBytes":
            return .bytes(files[try onePath()] ?? [])
        case "Lines":
            guard let data = files[try onePath()], !data.isEmpty else { return .list([]) }
            var text = String(decoding: data, as: UTF8.self)
            if text.hasSuffix("\n") { text.removeLast() }
            return .list(text.split(separator: "\n", omittingEmptySubsequences: false).map { .string(String($0)) })
        case "Glob":
            let pattern = try onePath()
            let glob = FilesGlob(pattern)
            var matched: [String: [UInt8]] = [:]
            for (path, data) in files where glob.matches(path) { matched[path] = data }
            return .object(FilesObject(files: matched, yamlEncoder: yamlEncoder))
        case "AsConfig", "AsSecrets":
            guard arguments.isEmpty else {
                throw TemplateObjectError("wrong number of args for \(name): want 0 got \(arguments.count)")
            }
            if files.isEmpty { return .string("") }
            var map: [String: Value] = [:]
            for (path, data) in files {
                let base = path.split(separator: "/").last.map(String.init) ?? path
                map[base] = .string(
                    name == "AsConfig" ? String(decoding: data, as: UTF8.self) : Base.encode64(data))
            }
            return .string(yamlEncoder(.map(map)))
        default:
            throw TemplateObjectError("can't call method \(name) on type \(goTypeName)")
        }
    }

    /// Go prints the map of byte slices.
    public var printed: String {
        let body = files.keys.sorted().map { key in
            "\(key):[" + (files[key] ?? []).map(String.init).joined(separator: " ") + "]"
        }
        return "map[" + body.joined(separator: " ") + "]"
    }

    /// `range` and `len` see the map of paths to bytes.
    public var iterationValue: Value? {
        var map: [String: Value] = [:]
        for (k, v) in files { map[k] = .bytes(v) }
        return .map(map)
    }

    /// encoding/json encodes `map[string][]byte` with base64 strings.
    public var dataRepresentation: Value? {
        var map: [String: Value] = [:]
        for (k, v) in files { map[k] = .string(Base.encode64(v)) }
        return .map(map)
    }
}

/// A glob with gobwas/glob semantics and `/` as separator, as Helm's `.Files.Glob`:
/// `*` matches within a path segment, `**` across segments, `?` one character
/// (not `/`), `[abc]`/`[!a-z]` classes, `{a,b}` alternatives, `\` escapes.
struct FilesGlob {
    indirect enum Part {
        case literal(Character)
        case any            // ?
        case star           // *
        case superStar      // **
        case characterClass(negated: Bool, ranges: [(Character, Character)])
        case alternatives([[Part]])
    }

    let parts: [Part]

    init(_ pattern: String) {
        var index = pattern.startIndex
        parts = FilesGlob.parse(pattern, &index, insideBraces: false)
    }

    static func parse(_ p: String, _ i: inout String.Index, insideBraces: Bool) -> [Part] {
        var parts: [Part] = []
        while i < p.endIndex {
            let c = p[i]
            if insideBraces && (c == "," || c == "}") { return parts }
            i = p.index(after: i)
            switch c {
            case "\\":
                if i < p.endIndex {
                    parts.append(.literal(p[i]))
                    i = p.index(after: i)
                } else {
                    parts.append(.literal("\\"))
                }
            case "?": parts.append(.any)
            case "*":
                if i < p.endIndex, p[i] == "*" {
                    i = p.index(after: i)
                    parts.append(.superStar)
                } else {
                    parts.append(.star)
                }
            case "[":
                var negated = false
                if i < p.endIndex, p[i] == "!" || p[i] == "^" {
                    negated = true
                    i = p.index(after: i)
                }
                var ranges: [(Character, Character)] = []
                var closed = false
                while i < p.endIndex {
                    let lo = p[i]
                    i = p.index(after: i)
                    if lo == "]" {
                        closed = true
                        break
                    }
                    if i < p.endIndex, p[i] == "-" {
                        let next = p.index(after: i)
                        if next < p.endIndex, p[next] != "]" {
                            ranges.append((lo, p[next]))
                            i = p.index(after: next)
                            continue
                        }
                    }
                    ranges.append((lo, lo))
                }
                if closed {
                    parts.append(.characterClass(negated: negated, ranges: ranges))
                } else {
                    // An unclosed class never matches anything (gobwas reports an error; Helm then matches nothing).
                    parts.append(.characterClass(negated: false, ranges: []))
                }
            case "{":
                var options: [[Part]] = []
                while true {
                    options.append(parse(p, &i, insideBraces: true))
                    guard i < p.endIndex else { break }
                    let d = p[i]
                    i = p.index(after: i)
                    if d == "}" { break }
                }
                parts.append(.alternatives(options))
            default:
                parts.append(.literal(c))
            }
        }
        return parts
    }

    func matches(_ path: String) -> Bool {
        let text = Array(path)
        var budget = FilesGlob.stepBudget
        return FilesGlob.match(parts[...], text, 0, &budget)
    }

    /// Steps one match may take: a hostile pattern (`*a*a*a*a*b`) ends as "no match"
    /// instead of running for minutes.
    static let stepBudget = 1_000_000

    /// Backtracking match over characters.
    static func match(_ parts: ArraySlice<Part>, _ text: [Character], _ at: Int, _ budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        guard let first = parts.first else { return at == text.count }
        let rest = parts.dropFirst()
        switch first {
        case .literal(let c):
            return at < text.count && text[at] == c && match(rest, text, at + 1, &budget)
        case .any:
            return at < text.count && text[at] != "/" && match(rest, text, at + 1, &budget)
        case .star:
            var j = at
            while true {
                if match(rest, text, j, &budget) { return true }
                if j >= text.count || text[j] == "/" { return false }
                j += 1
            }
        case .superStar:
            var j = at
            while true {
                if match(rest, text, j, &budget) { return true }
                if j >= text.count { return false }
                j += 1
            }
        case .characterClass(let negated, let ranges):
            guard at < text.count, ranges.isEmpty == false || negated else { return false }
            let c = text[at]
            let inside = ranges.contains { c >= $0.0 && c <= $0.1 }
            return inside != negated && match(rest, text, at + 1, &budget)
        case .alternatives(let options):
            for option in options where match(ArraySlice(option + Array(rest)), text, at, &budget) {
                return true
            }
            return false
        }
    }
}
