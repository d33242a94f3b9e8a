import Glibc
import RudderCore

/// Reads YAML as Helm does.
public enum YAMLReader {
    /// What a document's top level must be.
    public enum TopLevel: Sendable {
        /// `map[string]interface{}`: values files, `fromYaml`.
        case map
        /// `[]interface{}`: `fromYamlArray`.
        case list
        /// `interface{}`: anything.
        case any
    }

    /// A values file as Helm reads it (`loader.LoadValues`): the text is cut
    /// into documents at lines that start with `---` (only spaces or a
    /// comment may follow; anything else is Helm's "invalid Yaml document
    /// separator"), each document is read by sigs.k8s.io/yaml (yaml.v2,
    /// YAML 1.1, then through JSON: numbers become `.float`), must be a map
    /// (an empty one reads as `{}`), and the documents are merged in order:
    /// maps deep-merge, anything else replaces. Errors carry Helm's text in
    /// `helmMessage` (what follows `cannot load values.yaml: `).
    public static func readValues(_ bytes: [UInt8], file: String, limits: YAMLLimits = .default) throws(YAMLError) -> Value {
        let source = SourceFile(name: file, bytes: bytes)
        var merged: [String: Value] = [:]
        for chunk in try documentChunks(bytes, source: source) {
            let value = try readChunk(bytes, chunk: chunk, source: source, limits: limits, top: .map,
                                      helmPrefix: "cannot unmarshal yaml document: ")
            guard case .map(let m) = value else { continue }
            // Merging into nothing gives the map itself (no rehashing).
            if merged.isEmpty { merged = m } else { mergeMaps(into: &merged, m) }
        }
        return .map(merged)
    }

    /// `sigs.k8s.io/yaml.Unmarshal` into `top` (Helm's `fromYaml` uses `.map`,
    /// `fromYamlArray` `.list`): only the first document of `bytes` is read
    /// (no `---` splitting, unlike values files, so `a: 1\n---\nb: 2` is
    /// `{a: 1}` and an error in a later document goes unnoticed); an empty
    /// document or `null` gives `{}` for `.map`, `[]` for `.list` and null for
    /// `.any` (fixed by the fromyaml.cases goldens). Otherwise the same
    /// reading as `readValues`. `helmMessage` of an
    /// error is what `fromYaml` puts under the `Error` key.
    public static func unmarshal(_ bytes: [UInt8], file: String, top: TopLevel = .map,
                                 limits: YAMLLimits = .default) throws(YAMLError) -> Value {
        let source = SourceFile(name: file, bytes: bytes)
        let chunk = Chunk(start: 0, end: bytes.count, line: 0)
        return try readChunk(bytes, chunk: chunk, source: source, limits: limits, top: top, helmPrefix: "")
    }

    /// Every document of a stream, as nodes with positions. An empty stream
    /// has no documents. Error `helmMessage`s are sigs.k8s.io/yaml's.
    public static func readDocuments(_ bytes: [UInt8], file: String, limits: YAMLLimits = .default) throws(YAMLError) -> [YAMLNode] {
        let source = SourceFile(name: file, bytes: bytes)
        var builder = DocumentBuilder(file: file, limits: limits, buildNodes: true)
        do throws(LibYAMLFailure) {
            return try bytes.withUnsafeBufferPointer { buffer throws(LibYAMLFailure) in
                try LibYAMLEventReader.withReader(buffer) { reader throws(LibYAMLFailure) in
                    var documents: [YAMLNode] = []
                    while true {
                        let event = try reader.next()
                        switch event {
                        case .streamEnd:
                            return documents
                        case .documentStart:
                            do throws(DocumentReadFailure) {
                                if let root = try builder.readDocument(&reader), let node = root.node {
                                    documents.append(node)
                                } else {
                                    let mark = reader.mark
                                    documents.append(YAMLNode(
                                        kind: .scalar("", tag: nil, style: .plain), anchor: nil,
                                        position: SourcePosition(file: file, line: mark.line + 1, column: mark.column + 1,
                                                                 offset: mark.offset),
                                        value: .null))
                                }
                            } catch {
                                throw LibYAMLFailure.wrapping(error)
                            }
                        default:
                            continue
                        }
                    }
                }
            }
        } catch {
            throw error.yamlError(file: file, source: source, lineOffset: 0, byteOffset: 0, helmPrefix: "")
        }
    }

    // MARK: - Documents of a values file

    struct Chunk {
        var start: Int
        var end: Int
        /// 0-based line of `start` in the file.
        var line: Int
    }

    /// k8s.io/apimachinery's YAMLReader: documents end at lines that start
    /// with `---`; empty documents are skipped.
    static func documentChunks(_ bytes: [UInt8], source: SourceFile) throws(YAMLError) -> [Chunk] {
        var chunks: [Chunk] = []
        var chunkStart = 0
        var chunkLine = 0
        var lineStart = 0
        var line = 0
        let dash = UInt8(ascii: "-")
        var failure: YAMLError?
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            while lineStart < count {
                var lineEnd = lineStart
                if let base = buffer.baseAddress,
                   let found = memchr(base + lineStart, 0x0A, count - lineStart) {
                    lineEnd = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                } else {
                    lineEnd = count
                }
                let next = lineEnd < count ? lineEnd + 1 : lineEnd
                if lineEnd - lineStart >= 3, buffer[lineStart] == dash, buffer[lineStart + 1] == dash,
                   buffer[lineStart + 2] == dash {
                    // Only spaces and a comment may follow the separator.
                    var i = lineStart + 3
                    while i < lineEnd, isGoSpace(buffer[i]) { i += 1 }
                    var j = lineEnd
                    while j > i, isGoSpace(buffer[j - 1]) { j -= 1 }
                    if i < j && buffer[i] != UInt8(ascii: "#") {
                        let rest = String(decoding: UnsafeBufferPointer(rebasing: buffer[i..<j]), as: UTF8.self)
                        failure = YAMLError(
                            position: SourcePosition(file: source.name, line: line + 1, column: 1, offset: lineStart),
                            problem: "invalid document separator: only a comment may follow '---' on its line",
                            helmMessage: "error reading yaml document: invalid Yaml document separator: \(rest)")
                        return
                    }
                    if lineStart > chunkStart {
                        chunks.append(Chunk(start: chunkStart, end: lineStart, line: chunkLine))
                    }
                    chunkStart = next
                    chunkLine = line + 1
                }
                lineStart = next
                line += 1
            }
        }
        if let failure { throw failure }
        if bytes.count > chunkStart {
            chunks.append(Chunk(start: chunkStart, end: bytes.count, line: chunkLine))
        }
        return chunks
    }

    private static func isGoSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C
    }

    /// Reads the first document of one chunk the way sigs.k8s.io/yaml.Unmarshal does.
    static func readChunk(
        _ bytes: [UInt8], chunk: Chunk, source: SourceFile, limits: YAMLLimits, top: TopLevel, helmPrefix: String
    ) throws(YAMLError) -> Value {
        var builder = DocumentBuilder(file: source.name, limits: limits, buildNodes: false)
        builder.lineOffset = chunk.line
        builder.byteOffset = chunk.start
        let root: BuiltNode?
        do throws(LibYAMLFailure) {
            root = try bytes.withUnsafeBufferPointer { whole throws(LibYAMLFailure) in
                let buffer = UnsafeBufferPointer(rebasing: whole[chunk.start..<chunk.end])
                return try LibYAMLEventReader.withReader(buffer) { reader throws(LibYAMLFailure) -> BuiltNode? in
                    while true {
                        switch try reader.next() {
                        case .streamEnd:
                            return nil
                        case .documentStart:
                            do throws(DocumentReadFailure) {
                                return try builder.readDocument(&reader)
                            } catch {
                                throw LibYAMLFailure.wrapping(error)
                            }
                        default:
                            continue
                        }
                    }
                }
            }
        } catch {
            throw error.yamlError(file: source.name, source: source, lineOffset: chunk.line,
                                  byteOffset: chunk.start, helmPrefix: helmPrefix)
        }
        if let problem = builder.keyProblem ?? builder.numberProblem {
            throw YAMLError(position: problem.position, problem: problem.problem,
                            helmMessage: helmPrefix + problem.helmMessage)
        }
        let value = root?.value ?? .null
        // The top-level map is one level of JSON beyond the value's height.
        if let root, root.height > limits.maxDepth - 1,
           let tooDeep = JSONDepth.firstTooDeep(value, limit: limits.maxDepth) {
            throw YAMLError(
                position: SourcePosition(file: source.name, line: chunk.line + 1, column: 1, offset: chunk.start),
                problem: "values nested deeper than \(limits.maxDepth) levels",
                helmMessage: helmPrefix + "error unmarshaling JSON: while decoding JSON: invalid character '\(tooDeep)' exceeded max depth")
        }
        let position = root.map { builder.position($0.mark) }
            ?? SourcePosition(file: source.name, line: chunk.line + 1, column: 1, offset: chunk.start)
        func wrongTop(_ expected: String, _ goType: String) -> YAMLError {
            let jsonKind: String
            switch value {
            case .string: jsonKind = "string"
            case .float, .int, .int64: jsonKind = "number"
            case .bool: jsonKind = "bool"
            case .list: jsonKind = "array"
            default: jsonKind = "object"
            }
            return YAMLError(
                position: position, problem: "the document must be \(expected), not a \(jsonKind)",
                helmMessage: helmPrefix + "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(jsonKind) into Go value of type \(goType)")
        }
        switch (top, value) {
        case (.map, .null):
            return .map([:])
        case (.list, .null):
            return .list([])
        case (.any, .null):
            return .null
        case (.map, .map), (.list, .list), (.any, _):
            return value
        case (.map, _):
            throw wrongTop("a map", "map[string]interface {}")
        case (.list, _):
            throw wrongTop("a list", "[]interface {}")
        }
    }

    /// Helm's `MergeMaps`: maps merge recursively, anything else replaces.
    /// In place, so that many documents merge in time linear in their size.
    private static func isMap(_ value: Value?) -> Bool {
        if case .map? = value { return true }
        return false
    }

    static func mergeMaps(into out: inout [String: Value], _ b: [String: Value]) {
        for (k, v) in b {
            if case .map(let vm) = v, isMap(out[k]) {
                // Take the nested map out so that it is uniquely referenced.
                guard case .map(var am)? = out.removeValue(forKey: k) else { continue }
                mergeMaps(into: &am, vm)
                out[k] = .map(am)
            } else {
                out[k] = v
            }
        }
    }
}

extension LibYAMLFailure {
    /// Carries a builder failure through libyaml's error type.
    static func wrapping(_ failure: DocumentReadFailure) -> LibYAMLFailure {
        switch failure {
        case .libyaml(let f): return f
        case .build(let b):
            var f = LibYAMLFailure(kind: .limit, problem: b.problem, context: nil, problemMark: nil,
                                   contextMark: nil, problemOffset: 0)
            f.built = b
            return f
        }
    }

    func yamlError(file: String, source: SourceFile, lineOffset: Int, byteOffset: Int, helmPrefix: String) -> YAMLError {
        if let built {
            return YAMLError(position: built.position, problem: built.problem, helmMessage: helmPrefix + built.helmMessage)
        }
        return error(file: file, source: source, lineOffset: lineOffset, byteOffset: byteOffset,
                     helmPrefix: helmPrefix + "error converting YAML to JSON: ")
    }
}

/// Go's encoding/json refuses values nested more than 10,000 deep.
enum JSONDepth {
    /// The opening character (`{` or `[`) of the first collection nested
    /// deeper than `limit`, or nil.
    static func firstTooDeep(_ value: Value, limit: Int) -> Character? {
        var stack: [(Value, Int)] = [(value, 1)]
        while let (v, depth) = stack.popLast() {
            switch v {
            case .map(let m):
                if depth > limit { return "{" }
                for child in m.values { stack.append((child, depth + 1)) }
            case .list(let l):
                if depth > limit { return "[" }
                for child in l { stack.append((child, depth + 1)) }
            default:
                continue
            }
        }
        return nil
    }
}
