import PrintableText
import Testing

@testable import ReconcileCore

@Suite("TerminalText")
struct TerminalTextTests {
    @Test(
        "unsafe characters are escaped",
        arguments: [
            ("plain é 😀", "plain é 😀"),
            ("a\u{1B}[2Jb", "a\\u{1B}[2Jb"),
            ("cr\rlf\ntab\t", "cr\\u{D}lf\\u{A}tab\\u{9}"),
            ("\u{7F}\u{80}\u{9F}\u{A0}", "\\u{7F}\\u{80}\\u{9F}\u{A0}"),
            ("\u{202A}\u{202E}\u{2066}\u{2069}\u{200F}", "\\u{202A}\\u{202E}\\u{2066}\\u{2069}\u{200F}"),
            ("\u{2028}\u{2029}", "\\u{2028}\\u{2029}"),
        ])
    func escaped(text: String, expected: String) {
        #expect(TerminalText.escaped(text) == expected)
        #expect(!TerminalText.containsUnsafe(TerminalText.escaped(text)))
    }

    @Test func truncationKeepsShortTextAndMarksCuts() {
        #expect(TerminalText.truncated("abc", to: 3) == "abc")
        #expect(TerminalText.truncated("abcdefgh", to: 6) == "abc...")
    }

    @Test func diagnosticsEscapePathsMessagesAndQuotedLinesButKeepTheCaretAligned() {
        let file = SourceFile(path: "a\u{1B}.yaml", text: "name: x\u{202E}y z\n")
        let text = DiagnosticRenderer.render(
            [.error("bad \u{1B}[2J name", at: SourceLocation(file: file.path, line: 1, column: 11))], sources: [file])
        #expect(
            text == "a\\u{1B}.yaml:1:11: error: bad \\u{1B}[2J name\nname: x\\u{202E}y z\n"
                + String(repeating: " ", count: 17)
                + "^\n")
    }
}
