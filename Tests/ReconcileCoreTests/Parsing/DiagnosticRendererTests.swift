import Testing

@testable import ReconcileCore

@Suite("DiagnosticRenderer")
struct DiagnosticRendererTests {
    let source = SourceFile(path: "f.yaml", text: "version: 1\norganizations:\n\t- name: acme\n")

    @Test func errorWithNoteQuotesBothLines() {
        let diagnostic = Diagnostic.error(
            "boom", at: SourceLocation(file: "f.yaml", line: 2, column: 3),
            notes: [
                Diagnostic.Note(
                    message: "first defined here", location: SourceLocation(file: "f.yaml", line: 1, column: 10))
            ])
        #expect(
            DiagnosticRenderer.render([diagnostic], sources: [source]) == """
                f.yaml:2:3: error: boom
                organizations:
                  ^
                f.yaml:1:10: note: first defined here
                version: 1
                         ^

                """)
    }

    @Test func tabsBeforeTheColumnStayTabsSoTheCaretLinesUp() {
        let diagnostic = Diagnostic.warning("w", at: SourceLocation(file: "f.yaml", line: 3, column: 4))
        #expect(
            DiagnosticRenderer.render([diagnostic], sources: [source])
                == "f.yaml:3:4: warning: w\n\t- name: acme\n\t  ^\n")
    }

    @Test func withoutAPlaceOrASourceThereIsNoQuote() {
        let diagnostics: [Diagnostic] = [
            .error("refused", notes: [Diagnostic.Note(message: "use --force")]),
            .error("elsewhere", at: SourceLocation(file: "other.yaml", line: 1, column: 1)),
        ]
        #expect(
            DiagnosticRenderer.render(diagnostics, sources: [source])
                == "error: refused\nnote: use --force\nother.yaml:1:1: error: elsewhere\n")
    }

    @Test func colourIsAddedOnlyWhenAsked() {
        let diagnostic = Diagnostic.error("boom", at: SourceLocation(file: "f.yaml", line: 1, column: 1))
        #expect(!DiagnosticRenderer.render([diagnostic], sources: [source]).contains("\u{1B}["))
        let coloured = DiagnosticRenderer.render([diagnostic], sources: [source], colour: true)
        #expect(coloured.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[1;32m^\u{1B}[0m"))
    }

    @Test func longLinesAreCutAroundTheColumn() throws {
        let line = String(repeating: "a", count: 1000) + "X" + String(repeating: "b", count: 1000)
        let file = SourceFile(path: "long.yaml", text: line + "\n")
        let text = DiagnosticRenderer.render(
            [.error("here", at: SourceLocation(file: "long.yaml", line: 1, column: 1001))], sources: [file])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4)
        let quoted = Array(lines[1])
        let caret = Array(lines[2])
        #expect(quoted.count <= DiagnosticRenderer.maximumLineWidth + 6)
        #expect(quoted.first == "." && quoted.last == ".")
        let caretIndex = try #require(caret.firstIndex(of: "^"))
        #expect(quoted[caretIndex] == "X")
    }

    @Test func aColumnPastTheEndOfTheLinePointsJustAfterIt() {
        let text = DiagnosticRenderer.render(
            [.error("x", at: SourceLocation(file: "f.yaml", line: 1, column: 99))], sources: [source])
        #expect(text == "f.yaml:1:99: error: x\nversion: 1\n          ^\n")
    }

    @Test func sourceMapHandlesLineEndingsMarksAndPartialIndexes() {
        let full = SourceMap("\u{FEFF}one\r\ntwo\nthree")
        #expect(full.line(1) == "one" && full.line(2) == "two" && full.line(3) == "three" && full.line(4) == nil)
        let partial = SourceMap("a\nb\nc\n", upToLine: 2)
        #expect(partial.line(1) == "a" && partial.line(2) == "b" && partial.line(3) == nil)
        #expect(full.position(ofByte: 3 + 5 + 4 + 4) == YAMLPosition(line: 3, column: 5))
    }
}
