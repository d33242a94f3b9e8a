internal import CYAML
import RudderCore

/// How a scalar was written.
public enum YAMLScalarStyle: Sendable, Equatable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// The kind of a libyaml event. Its details (scalar bytes, anchor, tag,
/// style) are read from the reader until the next event, so that nothing is
/// copied out of C memory that the builder does not need.
enum ParseEventKind {
    case streamStart
    case streamEnd
    case documentStart
    case documentEnd
    case alias
    case scalar
    case sequenceStart
    case sequenceEnd
    case mappingStart
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
    /// The current event, on the heap so that reading its fields copies
    /// nothing (a stored C union is copied whole on every access).
    private let event: UnsafeMutablePointer<yaml_event_t>
    /// Where the last event started.
    private(set) var mark = ParseMark(line: 0, column: 0, offset: 0)

    private init(parser: UnsafeMutablePointer<yaml_parser_t>, event: UnsafeMutablePointer<yaml_event_t>) {
        self.parser = parser
        self.event = event
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
            let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
            event.initialize(to: yaml_event_t())
            defer { event.deallocate() }
            var reader = LibYAMLEventReader(parser: parser, event: event)
            defer { reader.release() }
            return try body(&reader)
        }
    }

    private mutating func release() {
        if event.pointee.type != YAML_NO_EVENT { yaml_event_delete(event) }
        event.pointee.type = YAML_NO_EVENT
    }

    /// Moves to the next event and returns its kind; throws libyaml's error.
    /// The event's details stay readable until the next call.
    mutating func next() throws(LibYAMLFailure) -> ParseEventKind {
        release()
        guard yaml_parser_parse(parser, event) == 1 else {
            throw failure()
        }
        mark = ParseMark(line: event.pointee.start_mark.line, column: event.pointee.start_mark.column,
                         offset: event.pointee.start_mark.index)
        switch event.pointee.type {
        case YAML_SCALAR_EVENT: return .scalar
        case YAML_MAPPING_START_EVENT: return .mappingStart
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        case YAML_SEQUENCE_START_EVENT: return .sequenceStart
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_ALIAS_EVENT: return .alias
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_STREAM_END_EVENT: return .streamEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        default:
            throw LibYAMLFailure(kind: .parser, problem: "unexpected event", context: nil,
                                 problemMark: mark, contextMark: nil, problemOffset: mark.offset)
        }
    }

    /// The current scalar's text as UTF-8 (libyaml has checked it), valid
    /// until the next event; empty for other events.
    var scalarBytes: UnsafeBufferPointer<UInt8> {
        guard event.pointee.type == YAML_SCALAR_EVENT, let pointer = event.pointee.data.scalar.value,
              event.pointee.data.scalar.length > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: pointer, count: event.pointee.data.scalar.length)
    }

    /// How the current scalar was written.
    var scalarStyle: YAMLScalarStyle {
        guard event.pointee.type == YAML_SCALAR_EVENT else { return .plain }
        return Self.style(event.pointee.data.scalar.style)
    }

    /// The anchor of the current scalar or collection start (`&name`), or
    /// the name of the current alias (`*name`); nil when there is none.
    var anchor: String? {
        switch event.pointee.type {
        case YAML_SCALAR_EVENT: return Self.string(event.pointee.data.scalar.anchor)
        case YAML_ALIAS_EVENT: return Self.string(event.pointee.data.alias.anchor)
        case YAML_SEQUENCE_START_EVENT: return Self.string(event.pointee.data.sequence_start.anchor)
        case YAML_MAPPING_START_EVENT: return Self.string(event.pointee.data.mapping_start.anchor)
        default: return nil
        }
    }

    /// The tag of the current scalar or collection start as libyaml expands
    /// it (`!!str` is `tag:yaml.org,2002:str`); nil when untagged.
    var tag: String? {
        switch event.pointee.type {
        case YAML_SCALAR_EVENT: return Self.string(event.pointee.data.scalar.tag)
        case YAML_SEQUENCE_START_EVENT: return Self.string(event.pointee.data.sequence_start.tag)
        case YAML_MAPPING_START_EVENT: return Self.string(event.pointee.data.mapping_start.tag)
        default: return nil
        }
    }

    /// Whether the current collection start is in flow style (`[…]`, `{…}`).
    var isFlow: Bool {
        switch event.pointee.type {
        case YAML_SEQUENCE_START_EVENT: return event.pointee.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
        case YAML_MAPPING_START_EVENT: return event.pointee.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
        default: return false
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
