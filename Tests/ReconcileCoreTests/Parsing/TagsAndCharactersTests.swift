import PrintableText
import Testing

@testable import ReconcileCore

@Suite("Tags, control characters and encodings")
struct TagsAndCharactersTests {
    @Test(
        "non-standard tags are refused where they are written",
        arguments: [
            ("  - name: !foo acme\n", "unknown YAML tag !foo", 11),
            ("  - name: !!python/object acme\n", "unknown YAML tag !!python/object", 11),
            ("  - name: !!binary YWNtZQ==\n", "the YAML tag !!binary is not supported", 11),
            ("  - !!set {name: acme}\n", "the YAML tag !!set is not supported", 5),
            ("  - name: !!map acme\n", "the YAML tag !!map does not fit a single value", 11),
            ("  - !!seq {name: acme}\n", "the YAML tag !!seq does not fit a mapping", 5),
            ("  - name: !x%1B%5B2J%07 acme\n", "unknown YAML tag !x\\u{1B}[2J\\u{7}", 11),
        ] as [(String, String, Int)])
    func tagIsRefused(line: String, message: String, column: Int) throws {
        let result = parseOne("version: 1\norganizations:\n" + line)
        #expect(result.desiredState == nil)
        let diagnostic = try #require(result.diagnostics.first { $0.message.contains("YAML tag") })
        #expect(diagnostic.message.hasPrefix(message), "\(diagnostic.message)")
        #expect(diagnostic.location == SourceLocation(file: "reconcile.yaml", line: 3, column: column))
    }

    @Test func standardTagsAreAccepted() {
        let result = parseOne(
            "version: !!int 1\norganizations: !!seq\n  - !!map\n    name: !!str 2024\n    plans: ! []\n")
        #expect(result.diagnostics.isEmpty, "\(messages(result))")
        #expect(result.desiredState?.organizations.first?.name == "2024")
    }

    @Test func everyRefusedTagIsReported() {
        let result = parseOne("version: !a 1\norganizations:\n  - name: !b acme\n    plans: !c []\n")
        #expect(result.diagnostics.filter { $0.message.contains("unknown YAML tag") }.count == 3)
    }

    @Test(
        "control and bidirectional characters in names and patterns are refused",
        arguments: [
            ("  - name: \"ac\\ebad\"\n", "'name' holds a control or bidirectional-override character (U+001B)", 14),
            ("  - name: \"\\u202Eacme\"\n", "(U+202E)", 12),
            ("  - name: \"a\\tb\"\n", "(U+0009)", 13),
            ("  - name: \"x\\u2066\"\n", "(U+2066)", 13),
            ("  - name: \"x\\x85\"\n", "(U+0085)", 13),
            ("  - name: \"del\\x7F\"\n", "(U+007F)", 15),
            (
                "  - name: acme\n    plans: [{name: p, repositories: [\"web\\r\\n-*\"]}]\n",
                "the repository pattern holds", 42
            ),
            ("  - name: \"a\n\n    b\"\n", "(U+000A)", 11),
        ] as [(String, String, Int)])
    func unsafeCharacterIsRefused(line: String, message: String, column: Int) throws {
        let result = parseOne("version: 1\norganizations:\n" + line)
        #expect(result.desiredState == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
        #expect(diagnostic.location?.column == column)
        #expect(
            !DiagnosticRenderer.render(result.diagnostics, sources: []).unicodeScalars.contains {
                $0 != "\n" && TerminalText.isUnsafe($0)
            })
    }

    @Test(
        "invalid UTF-8 is located at its first bad byte",
        arguments: [
            ([0x61, 0x0A, 0x62, 0xFF, 0x63], 2, 2, 0xFF),
            ([0xC3, 0xA9, 0x80], 1, 2, 0x80),
            ([0x0A, 0x0A, 0xE2, 0x82], 3, 1, 0xE2),
            ([0x61, 0xED, 0xA0, 0x80], 1, 2, 0xED),  // a surrogate
            ([0xF0, 0x82, 0x82, 0xAC], 1, 1, 0xF0),  // overlong
            ([0xEF, 0xBB, 0xBF, 0x61, 0xC0, 0xAF], 1, 2, 0xC0),  // after a byte-order mark
        ] as [([UInt8], Int, Int, UInt8)])
    func invalidUTF8(bytes: [UInt8], line: Int, column: Int, bad: UInt8) throws {
        let decoded = SourceDecoding.decode(bytes, path: "f.yaml")
        let problem = try #require(decoded.problem)
        #expect(problem.location == SourceLocation(file: "f.yaml", line: line, column: column))
        let hex = String(bad, radix: 16, uppercase: true)
        #expect(problem.message.hasPrefix("the file is not valid UTF-8: byte 0x\(hex)"))
        #expect(DiagnosticRenderer.render([problem], sources: [decoded.file]).contains("\u{FFFD}"))
    }

    @Test func validUTF8DecodesAsIs() {
        let text = "version: 1\n# é € 😀\n"
        let decoded = SourceDecoding.decode(Array(text.utf8), path: "f.yaml")
        #expect(decoded.problem == nil && decoded.file.text == text)
    }

    @Test func aliasesMayNotMultiplyText() {
        let big = String(repeating: "a", count: 1_000)
        var limits = ParsingLimits()
        limits.maximumAliasExpansionBytes = 4_500
        let text = "version: 1\nx: &x \(big)\ny: [*x, *x, *x, *x, *x]\norganizations: [{name: acme}]\n"
        let result = DesiredStateParser.parse(
            [SourceFile(path: "f.yaml", text: text)], environment: [:], limits: limits)
        #expect(
            result.diagnostics.contains {
                $0.message.hasPrefix("aliases expand this file to more than 4500 bytes of text")
            })
        #expect(result.diagnostics.first { $0.message.contains("of text") }?.location?.line == 3)
    }
}
