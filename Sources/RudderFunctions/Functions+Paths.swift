import RudderCore
import RudderTemplate

extension HelmFunctions {
    static func registerPaths(_ r: inout Registrar) {
        // Go's `path` and, on Linux, `path/filepath` behave the same.
        for (plain, os) in [("base", "osBase"), ("dir", "osDir"), ("clean", "osClean"), ("ext", "osExt"), ("isAbs", "osIsAbs")] {
            let body: @Sendable ([Value]) throws -> Value = { a in
                let path = try Arguments(a).string(0)
                switch plain {
                case "base": return .string(Paths.base(path))
                case "dir": return .string(Paths.dir(path))
                case "clean": return .string(Paths.clean(path))
                case "ext": return .string(Paths.ext(path))
                default: return .bool(path.hasPrefix("/"))
                }
            }
            r.add(plain, [.string], body)
            r.add(os, [.string], body)
        }
    }
}

/// Go's `path` package: slash-separated paths.
enum Paths {
    static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." { parts.removeLast() }
                else if !rooted { parts.append(part) }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    static func base(_ path: String) -> String {
        if path.isEmpty { return "." }
        var trimmed = Substring(path)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed.isEmpty { return "/" }
        if let slash = trimmed.lastIndex(of: "/") { return String(trimmed[trimmed.index(after: slash)...]) }
        return String(trimmed)
    }

    static func dir(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return clean("") }
        return clean(String(path[...slash]))
    }

    static func ext(_ path: String) -> String {
        for index in path.indices.reversed() {
            if path[index] == "/" { break }
            if path[index] == "." { return String(path[index...]) }
        }
        return ""
    }
}
