import Testing

@testable import ReconcileCore

/// The parser reads libyaml through Yams' `CYaml` target, which Yams builds but does not publish as a
/// product, so nothing but these tests guards the C API it uses (see docs/DECISIONS.md). Every libyaml
/// function, event type, event field, style and error field the parser reads is exercised here: if a
/// Yams release moves any of them, these tests fail (or the module stops compiling) before a user sees it.
@Suite("libyaml C API as the parser uses it")
struct LibYAMLContractTests {
    /// All events of `text` (yaml_parser_initialize, set_encoding, set_input_string, parse,
    /// event_delete and parser_delete run here).
    static func events(_ text: String) -> Result<[YAMLEvent], YAMLSyntaxError> {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            let stream = LibYAMLEventStream(buffer: UnsafeBufferPointer(buffer))
            var events: [YAMLEvent] = []
            do throws(YAMLSyntaxError) {
                while true {
                    let event = try stream.next()
                    events.append(event)
                    if case .streamEnd = event { return .success(events) }
                }
            } catch {
                return .failure(error)
            }
        }
    }

    @Test func everyEventTypeFieldAndStyleIsRead() throws {
        let text = """
            ---
            map: &m !!map
              plain: text
              single: 'two words'
              double: "x\\ty"
              literal: |
                line
              folded: >
                folded
              tagged: !!str 5
              seq: &s !!seq [a, b]
              alias: *s
            ...

            """
        let events = try Self.events(text).get()
        var kinds: [String] = []
        var scalars: [String: (YAMLScalar, anchor: String?, at: YAMLPosition, end: YAMLPosition)] = [:]
        var lastKey: String?
        for event in events {
            switch event {
            case .streamStart: kinds.append("streamStart")
            case .streamEnd: kinds.append("streamEnd")
            case .documentStart(let position):
                kinds.append("documentStart")
                #expect(position == YAMLPosition(line: 1, column: 1))
            case .documentEnd: kinds.append("documentEnd")
            case .scalar(let scalar, let anchor, let position, let end):
                kinds.append("scalar")
                if let key = lastKey {
                    scalars[key] = (scalar, anchor, position, end)
                    lastKey = nil
                } else if scalar.style == .plain,
                    ["plain", "single", "double", "literal", "folded", "tagged"].contains(scalar.text)
                {
                    lastKey = scalar.text
                }
            case .alias(let anchor, let position):
                kinds.append("alias")
                #expect(anchor == "s")
                #expect(position == YAMLPosition(line: 12, column: 10))
            case .sequenceStart(let anchor, let tag, let position):
                kinds.append("sequenceStart")
                #expect(anchor == "s" && tag == "tag:yaml.org,2002:seq")
                #expect(position == YAMLPosition(line: 11, column: 8))
            case .sequenceEnd: kinds.append("sequenceEnd")
            case .mappingStart(let anchor, let tag, let position):
                kinds.append("mappingStart")
                if anchor != nil {
                    #expect(anchor == "m" && tag == "tag:yaml.org,2002:map")
                    #expect(position == YAMLPosition(line: 2, column: 6))
                }
            case .mappingEnd: kinds.append("mappingEnd")
            }
        }
        for kind in [
            "streamStart", "documentStart", "mappingStart", "scalar", "sequenceStart", "sequenceEnd", "alias",
            "mappingEnd", "documentEnd", "streamEnd",
        ] {
            #expect(kinds.contains(kind), "no \(kind) event")
        }
        let plain = try #require(scalars["plain"])
        #expect(plain.0.text == "text" && plain.0.style == .plain && plain.0.tag == nil)
        #expect(plain.at == YAMLPosition(line: 3, column: 10) && plain.end == YAMLPosition(line: 3, column: 14))
        #expect(scalars["single"]?.0.style == .singleQuoted && scalars["single"]?.0.text == "two words")
        #expect(scalars["double"]?.0.style == .doubleQuoted && scalars["double"]?.0.text == "x\ty")
        #expect(scalars["double"]?.end == YAMLPosition(line: 5, column: 17))
        #expect(scalars["literal"]?.0.style == .literal && scalars["literal"]?.0.text == "line\n")
        #expect(scalars["folded"]?.0.style == .folded && scalars["folded"]?.0.text == "folded\n")
        #expect(scalars["tagged"]?.0.tag == "tag:yaml.org,2002:str" && scalars["tagged"]?.0.text == "5")
    }

    @Test func scalarLengthIsReadNotTheTerminator() throws {
        // A NUL inside a double-quoted value: only `length` gives the whole text.
        let events = try Self.events("k: \"a\\0b\"\n").get()
        let texts = events.compactMap { event -> String? in
            if case .scalar(let scalar, _, _, _) = event { scalar.text } else { nil }
        }
        #expect(texts == ["k", "a\u{0}b"])
    }

    @Test func syntaxErrorsCarryProblemMarkAndContext() throws {
        let result = Self.events("list: [a, b\nnext: 1\n")
        guard case .failure(let error) = result else {
            Issue.record("an unclosed flow list must fail")
            return
        }
        #expect(!error.problem.isEmpty)
        #expect(error.position.line >= 2)
        #expect(error.byteOffset == nil)
        let context = try #require(error.context)
        #expect(context.text == "while parsing a flow sequence")
        #expect(context.position == YAMLPosition(line: 1, column: 7))
    }

    @Test func readerErrorsCarryTheByteOffset() {
        let result = Self.events("ok: 1\nbad: a\u{1B}b\n")
        guard case .failure(let error) = result else {
            Issue.record("a control character must fail")
            return
        }
        #expect(error.problem == "control characters are not allowed")
        #expect(error.byteOffset == 12)
    }

    @Test func nestingLimitMessageIsStable() {
        // YAMLComposer maps this libyaml message to its own depth error.
        let result = Self.events(String(repeating: "[", count: 20_000))
        guard case .failure(let error) = result else {
            Issue.record("extreme nesting must fail")
            return
        }
        #expect(error.problem.hasPrefix("Maximum nesting level reached"))
    }
}
