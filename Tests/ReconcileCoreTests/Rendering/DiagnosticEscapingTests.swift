import Testing

@testable import ReconcileCore

/// Diagnostics print paths, messages and quoted lines through `TerminalText`.
@Suite("Diagnostics escape what they quote")
struct DiagnosticEscapingTests {
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
