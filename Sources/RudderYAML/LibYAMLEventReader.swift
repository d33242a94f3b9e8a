internal import CYAML
import RudderCore

/// How a scalar was written.
public enum YAMLScalarStyle: Sendable, Equatable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// One libyaml event, copied out of C memory.
enum ParseEvent {
    case streamStart
    case streamEnd
    case documentStart
    case documentEnd
    case alias(anchor: String)
    case scalar(value: String, anchor: String?, tag: String?, style: YAMLScalarStyle)
    case sequenceStart(anchor: String?, tag: String?, flow: Bool)
    case sequenceEnd
    case mappingStart(anchor: String?, tag: String?, flow: Bool)
    case mappingEnd
}

/// A place as libyaml marks it: 0-based line and column, byte offset.
struct ParseMark {
    var line: Int
    var column: Int
    var offset: Int
}

/// Pulls events from a libyaml parser. Valid only inside the closure given
/// to `LibYAMLEventReader.withReader`: the parser and the input buffer it
/// points into live exactly that long.
struct LibYAMLEventReader: ~Copyable {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private var event = yaml_event_t()
    /// Where the last event started.
    private(set) var mark = ParseMark(line: 0, column: 0, offset: 0)
    /// Where the last event ended.
    private(set) var endMark = ParseMark(line: 0, column: 0, offset: 0)

    private init(parser: UnsafeMutablePointer<yaml_parser_t>) {
        self.parser = parser
    }

    /// Runs `body` with a reader over `buffer`, which the caller keeps alive
    /// for the call. The parser is created and destroyed here; nothing that
    /// points into it or into `buffer` escapes.
    static func withReader<Result>(
        _ buffer: UnsafeBufferPointer<UInt8>,
        _ body: (inout LibYAMLEventReader) throws(LibYAMLFailure) -> Result
    ) throws(LibYAMLFailure) -> Result {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw LibYAMLFailure(kind: .memory, problem: "cannot initialize the YAML parser", context: nil,
                                 problemMark: nil, contextMark: nil, problemOffset: 0)
        }
        defer { yaml_parser_delete(parser) }
        // An empty buffer may have no base address; libyaml needs a valid pointer.
        var empty: UInt8 = 0
        return try withUnsafeMutablePointer(to: &empty) { emptyPointer throws(LibYAMLFailure) -> Result in
            if let base = buffer.baseAddress, buffer.count > 0 {
                yaml_parser_set_input_string(parser, base, buffer.count)
            } else {
                yaml_parser_set_input_string(parser, emptyPointer, 0)
            }
            var reader = LibYAMLEventReader(parser: parser)
            defer { reader.release() }
            return try body(&reader)
        }
    }

    private mutating func release() {
        if event.type != YAML_NO_EVENT { yaml_event_delete(&event) }
        event = yaml_event_t()
    }

    /// The next event; throws libyaml's error.
    mutating func next() throws(LibYAMLFailure) -> ParseEvent {
        release()
        guard yaml_parser_parse(parser, &event) == 1 else {
            throw failure()
        }
        mark = ParseMark(line: event.start_mark.line, column: event.start_mark.column,
                         offset: event.start_mark.index)
        endMark = ParseMark(line: event.end_mark.line, column: event.end_mark.column,
                            offset: event.end_mark.index)
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_STREAM_END_EVENT: return .streamEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_ALIAS_EVENT:
            return .alias(anchor: Self.string(event.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let value: String
            if let pointer = scalar.value, scalar.length > 0 {
                value = String(decoding: UnsafeBufferPointer(start: pointer, count: scalar.length), as: UTF8.self)
            } else {
                value = ""
            }
            // Untagged: a plain scalar resolves implicitly, any other is a
            // string (yaml.v2's rule, applied by the builder).
            let tag = Self.string(scalar.tag)
            return .scalar(value: value, anchor: Self.string(scalar.anchor), tag: tag,
                           style: Self.style(scalar.style))
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            return .sequenceStart(anchor: Self.string(start.anchor), tag: Self.string(start.tag),
                                  flow: start.style == YAML_FLOW_SEQUENCE_STYLE)
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            return .mappingStart(anchor: Self.string(start.anchor), tag: Self.string(start.tag),
                                 flow: start.style == YAML_FLOW_MAPPING_STYLE)
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        default:
            throw LibYAMLFailure(kind: .parser, problem: "unexpected event", context: nil,
                                 problemMark: mark, contextMark: nil, problemOffset: mark.offset)
        }
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private func failure() -> LibYAMLFailure {
        let p = parser.pointee
        let kind: LibYAMLFailure.Kind
        switch p.error {
        case YAML_READER_ERROR: kind = .reader
        case YAML_SCANNER_ERROR: kind = .scanner
        case YAML_MEMORY_ERROR: kind = .memory
        default: kind = .parser
        }
        let problem = p.problem.map { String(cString: $0) } ?? "unknown problem parsing YAML content"
        let context = p.context.map { String(cString: $0) }
        return LibYAMLFailure(
            kind: kind, problem: problem, context: context,
            problemMark: ParseMark(line: p.problem_mark.line, column: p.problem_mark.column,
                                   offset: p.problem_mark.index),
            contextMark: p.context == nil ? nil : ParseMark(line: p.context_mark.line, column: p.context_mark.column,
                                                           offset: p.context_mark.index),
            problemOffset: p.problem_offset)
    }
}

/// libyaml's error, before it is given a file and Helm's wording.
struct LibYAMLFailure: Error {
    enum Kind { case reader, scanner, parser, memory, limit }
    var kind: Kind
    var problem: String
    var context: String?
    var problemMark: ParseMark?
    var contextMark: ParseMark?
    var problemOffset: Int
    /// A builder failure carried through (kind `.limit`).
    var built: BuildFailure?

    init(kind: Kind, problem: String, context: String?, problemMark: ParseMark?, contextMark: ParseMark?,
         problemOffset: Int) {
        self.kind = kind
        self.problem = problem
        self.context = context
        self.problemMark = problemMark
        self.contextMark = contextMark
        self.problemOffset = problemOffset
    }

    /// yaml.v2's `yaml: line N: problem`, where N is libyaml's 0-based line,
    /// plus one for scanner errors, and is left out when it is 0.
    var yamlV2Message: String {
        var line = 0
        if let problemMark, problemMark.line != 0 {
            line = problemMark.line
            if kind == .scanner { line += 1 }
        } else if let contextMark, contextMark.line != 0 {
            line = contextMark.line
        }
        if line != 0 { return "yaml: line \(line): \(problem)" }
        return "yaml: \(problem)"
    }

    /// Our own description with an absolute position. `lineOffset` is the
    /// line of the document's first line in the file (0 for the first);
    /// `byteOffset` likewise.
    func error(file: String, source: SourceFile, lineOffset: Int, byteOffset: Int, helmPrefix: String) -> YAMLError {
        let position: SourcePosition
        var problemText = problem
        if kind == .reader {
            position = source.position(ofByte: byteOffset + problemOffset)
            problemText += " at byte offset \(byteOffset + problemOffset)"
        } else if let mark = problemMark {
            position = SourcePosition(file: file, line: lineOffset + mark.line + 1, column: mark.column + 1,
                                      offset: byteOffset + mark.offset)
        } else {
            position = SourcePosition(file: file, line: lineOffset + 1, column: 1, offset: byteOffset)
        }
        if let context {
            if let contextMark {
                problemText = "\(context) (line \(lineOffset + contextMark.line + 1), column \(contextMark.column + 1)): \(problemText)"
            } else {
                problemText = "\(context): \(problemText)"
            }
        }
        return YAMLError(position: position, problem: problemText, helmMessage: helmPrefix + yamlV2Message)
    }
}
