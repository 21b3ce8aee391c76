import PrintableText
import Testing

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
}
