import PrintableText
import Testing

@Suite("ServerText: text from a server, bounded and escaped before it is printed")
struct ServerTextTests {
    @Test(
        "every character that could steer a terminal or break a line is shown as an escape",
        arguments: [
            ("a\u{1B}[31mb", "a\\u{1B}[31mb"), ("line\nbreak", "line\\u{A}break"), ("a\u{2028}b", "a\\u{2028}b"),
            ("a\u{2029}b", "a\\u{2029}b"), ("a\u{202E}b", "a\\u{202E}b"), ("a\u{2066}b", "a\\u{2066}b"),
            ("a\u{85}b", "a\\u{85}b"), ("plain näme", "plain näme"),
        ])
    func escapes(text: String, shown: String) {
        #expect(ServerText.bounded(text) == shown)
    }

    @Test("at most the limit, then an ellipsis")
    func bounded() {
        #expect(ServerText.bounded(String(repeating: "x", count: 300)) == String(repeating: "x", count: 200) + "…")
        #expect(ServerText.bounded("abcdef", limit: 3) == "abc…")
        #expect(ServerText.bounded("abc", limit: 3) == "abc")
    }

    /// Server text and text from the files are escaped alike: the same characters, the same spelling.
    @Test("escapes exactly what TerminalText escapes, spelled the same")
    func agreesWithTerminalText() {
        for value in UInt32(0)...0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a" + String(scalar) + "b"
            #expect(ServerText.bounded(text) == TerminalText.escaped(text), "U+\(String(value, radix: 16))")
        }
    }
}
