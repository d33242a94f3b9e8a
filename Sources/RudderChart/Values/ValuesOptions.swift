import RudderCore
import RudderYAML

/// The user's values flags, as `helm template` takes them. Precedence is by
/// flag type, not position: `-f` files left to right < `--set-json` <
/// `--set` < `--set-string` < `--set-file` < `--set-literal`.
public struct ValuesOptions: Sendable {
    /// `-f/--values` paths, applied left to right.
    public var valueFiles: [String]
    /// `--set-json` (`key=<json>` lists, or a whole JSON object).
    public var setJSON: [String]
    /// `--set` (typed values).
    public var set: [String]
    /// `--set-string`.
    public var setString: [String]
    /// `--set-file` (`key=path`: the file's contents become the value).
    public var setFile: [String]
    /// `--set-literal` (everything after `=` is one string).
    public var setLiteral: [String]

    public init(
        valueFiles: [String] = [], setJSON: [String] = [], set: [String] = [], setString: [String] = [],
        setFile: [String] = [], setLiteral: [String] = []
    ) {
        self.valueFiles = valueFiles
        self.setJSON = setJSON
        self.set = set
        self.setString = setString
        self.setFile = setFile
        self.setLiteral = setLiteral
    }

    /// The most bytes a `-f` or `--set-file` file may hold.
    public static let maxUserFileSize = 100 * 1024 * 1024

    /// The user's values, merged as Helm's `Options.MergeValues` merges them.
    /// `readFile` reads `-f` and `--set-file` paths (the default reads the file
    /// system; the CLI may map `-` to standard input).
    public func mergedValues(
        readFile: (String) throws(ChartError) -> [UInt8] = ValuesOptions.readFileFromDisk
    ) throws(ChartError) -> [String: Value] {
        var base: [String: Value] = [:]
        for path in valueFiles {
            let data = try readFile(path)
            let current: [String: Value]
            do {
                current = try ChartLoader.readValuesMap(data, file: path)
            } catch {
                var wrapped = error.wrapped("failed to parse \(path)")
                wrapped.file = path
                throw wrapped
            }
            // Merging into nothing gives the file's map itself (no key hashed again).
            base = base.isEmpty ? current : Self.mergeMaps(base, current)
        }
        for line in setJSON {
            let trimmed = trimGoSpace(line)
            if trimmed.hasPrefix("{") {
                var reader = JSONPrefixReader(scalars: Array(trimmed.unicodeScalars), position: 0)
                guard case .map(let object)? = reader.readValue(), Self.onlySpace(after: reader) else {
                    throw ChartError("failed parsing --set-json data JSON: \(line)", fix: "give a JSON object or key=<json> pairs")
                }
                base = Self.mergeMaps(base, object)
            } else {
                do {
                    try SetValueParser.parse(line, into: &base, mode: .json)
                } catch {
                    throw ChartError("failed parsing --set-json data \(line)", fix: "give key=<json> pairs, such as a={\"b\":1}")
                }
            }
        }
        for line in set {
            do {
                try SetValueParser.parse(line, into: &base, mode: .typed)
            } catch {
                throw error.wrapped("failed parsing --set data")
            }
        }
        for line in setString {
            do {
                try SetValueParser.parse(line, into: &base, mode: .string)
            } catch {
                throw error.wrapped("failed parsing --set-string data")
            }
        }
        for line in setFile {
            let result: Result<[String: Value], ChartError> = withoutActuallyEscaping(readFile) { readFile in
                let reader: (String) throws(ChartError) -> Value = { path throws(ChartError) in
                    .string(String(decoding: try readFile(path), as: UTF8.self))
                }
                var values = base
                do throws(ChartError) {
                    try SetValueParser.parse(line, into: &values, mode: .file(reader))
                } catch {
                    return .failure(error.wrapped("failed parsing --set-file data"))
                }
                return .success(values)
            }
            base = try result.get()
        }
        for line in setLiteral {
            do {
                try LiteralValueParser.parse(line, into: &base)
            } catch {
                throw error.wrapped("failed parsing --set-literal data")
            }
        }
        return base
    }

    static func onlySpace(after reader: JSONPrefixReader) -> Bool {
        reader.scalars[reader.position...].allSatisfy { [" ", "\t", "\n", "\r"].contains($0) }
    }

    /// Reads a user file with Go's `open <path>: <reason>` error.
    public static func readFileFromDisk(_ path: String) throws(ChartError) -> [UInt8] {
        do {
            return try FileSystem.read(path, limit: maxUserFileSize)
        } catch {
            var reason = error.reason
            if let first = reason.first, first.isUppercase, reason.dropFirst().first?.isLowercase == true {
                reason = first.lowercased() + reason.dropFirst()
            }
            throw ChartError("open \(path): \(reason)", file: path)
        }
    }

    /// Helm's `mergeMaps`: maps merge recursively, anything else replaces.
    public static func mergeMaps(_ base: [String: Value], _ overlay: [String: Value]) -> [String: Value] {
        var result = base
        for (key, value) in overlay {
            if case .map(let overlayMap) = value, case .map(let baseMap)? = result[key] {
                result[key] = .map(mergeMaps(baseMap, overlayMap))
            } else {
                result[key] = value
            }
        }
        return result
    }
}
