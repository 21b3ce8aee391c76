internal import CYaml

/// One libyaml parse event, copied out of C memory into Swift values.
enum YAMLEvent {
    case streamStart, streamEnd, documentEnd
    case documentStart(at: YAMLPosition)
    /// `end` is where the scalar's text ends in the file (after its closing quote, if any).
    case scalar(YAMLScalar, anchor: String?, at: YAMLPosition, end: YAMLPosition)
    case alias(anchor: String, at: YAMLPosition)
    case sequenceStart(anchor: String?, tag: String?, at: YAMLPosition)
    case sequenceEnd
    case mappingStart(anchor: String?, tag: String?, at: YAMLPosition)
    case mappingEnd
}

/// A YAML syntax error as libyaml reports it: what is wrong, where, and what it was reading.
struct YAMLSyntaxError: Error, Sendable {
    var problem: String
    var position: YAMLPosition
    /// For an error of the reader (a character libyaml refuses), the byte offset of that character
    /// in the buffer, so its line and column can be computed the way the rest of the file's are.
    var byteOffset: Int?
    /// E.g. "while parsing a block mapping", with the place that construct started.
    var context: (text: String, position: YAMLPosition)?
}

/// Pulls events from libyaml (the C parser bundled with Yams) over one UTF-8 buffer.
///
/// Yams' own composer throws at the first duplicate key and keeps only one of its positions, so
/// the project composes the node tree itself from these events (see `YAMLComposer`) to report
/// every duplicate with both places and every other problem in the same run.
final class LibYAMLEventStream {
    private var parser = yaml_parser_t()

    /// `buffer` must stay valid for the stream's whole life.
    init(buffer: UnsafeBufferPointer<UInt8>) {
        yaml_parser_initialize(&parser)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
    }

    deinit { yaml_parser_delete(&parser) }

    func next() throws(YAMLSyntaxError) -> YAMLEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { throw currentError() }
        defer { yaml_event_delete(&event) }
        let position = Self.position(event.start_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_STREAM_END_EVENT: return .streamEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart(at: position)
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_ALIAS_EVENT:
            return .alias(anchor: Self.string(event.data.alias.anchor) ?? "", at: position)
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text =
                data.value.map {
                    String(decoding: UnsafeBufferPointer(start: $0, count: Int(data.length)), as: UTF8.self)
                } ?? ""
            let scalar = YAMLScalar(text: text, style: Self.style(data.style), tag: Self.string(data.tag))
            return .scalar(scalar, anchor: Self.string(data.anchor), at: position, end: Self.position(event.end_mark))
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return .sequenceStart(anchor: Self.string(data.anchor), tag: Self.string(data.tag), at: position)
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return .mappingStart(anchor: Self.string(data.anchor), tag: Self.string(data.tag), at: position)
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        default:
            // YAML_NO_EVENT: libyaml produces it only after the stream ended.
            return .streamEnd
        }
    }

    private func currentError() -> YAMLSyntaxError {
        let problem = parser.problem.map { String(cString: $0) } ?? "the YAML could not be read"
        let offset = parser.error == YAML_READER_ERROR ? Int(parser.problem_offset) : nil
        var context: (String, YAMLPosition)?
        if let text = parser.context.map({ String(cString: $0) }) {
            context = (text, Self.position(parser.context_mark))
        }
        return YAMLSyntaxError(
            problem: problem, position: Self.position(parser.problem_mark), byteOffset: offset, context: context)
    }

    private static func position(_ mark: yaml_mark_t) -> YAMLPosition {
        YAMLPosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
