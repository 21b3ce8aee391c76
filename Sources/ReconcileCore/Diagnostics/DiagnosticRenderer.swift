import PrintableText

/// Renders diagnostics compiler-style, the way editors and CI logs understand them:
///
/// ```
/// reconcile.yaml:7:9: error: unknown key 'plan' in an organization; did you mean 'plans'?
///         plan:
///         ^
/// reconcile.yaml:3:5: note: first defined here
///     name: acme
///     ^
/// ```
///
/// Each diagnostic and note with a place gets its source line and a caret under the column. Messages,
/// paths and quoted lines are escaped for the terminal (`TerminalText`), so no name or line from a file
/// can move the cursor, forge a line or reverse the text; tabs in a quoted line stay tabs.
public enum DiagnosticRenderer {
    /// Longest source line shown whole; longer lines are cut to a window around the column.
    static let maximumLineWidth = 160

    /// The diagnostics as text, one block each, in the order given; every line ends with a newline.
    /// `sources` supplies the lines to quote (a diagnostic whose file is not among them gets no quote);
    /// `colour` adds ANSI colours for terminals.
    public static func render(_ diagnostics: [Diagnostic], sources: [SourceFile], colour: Bool = false) -> String {
        // Index each quoted file only as far as its last quoted line.
        var lastLine: [String: Int] = [:]
        for diagnostic in diagnostics {
            for location in [diagnostic.location] + diagnostic.notes.map(\.location) {
                if let location { lastLine[location.file] = max(lastLine[location.file] ?? 0, location.line) }
            }
        }
        var files: [String: SourceMap] = [:]
        for source in sources where files[source.path] == nil {
            guard let last = lastLine[source.path] else { continue }
            files[source.path] = SourceMap(source.text, upToLine: last)
        }
        let style = Style(colour: colour)
        var output = ""
        for diagnostic in diagnostics {
            output += block(
                severity: diagnostic.severity.rawValue, message: diagnostic.message,
                location: diagnostic.location, files: files, style: style)
            for note in diagnostic.notes {
                output += block(
                    severity: "note", message: note.message, location: note.location, files: files, style: style)
            }
        }
        return output
    }

    private static func block(
        severity: String, message: String, location: SourceLocation?, files: [String: SourceMap], style: Style
    ) -> String {
        let label = style.paint(severity + ":", severity: severity)
        let message = TerminalText.escaped(message)
        guard let location else { return "\(label) \(style.bold(message))\n" }
        let place = "\(TerminalText.escaped(location.file)):\(location.line):\(location.column):"
        var output = "\(style.bold(place)) \(label) \(style.bold(message))\n"
        if let source = files[location.file], let (text, caretColumn) = window(source, location) {
            output += text.map(shown).joined() + "\n"
            // Keep tabs under tabs so the caret lines up in any terminal; an escaped character is as wide as its escape.
            let padding = text.prefix(max(0, caretColumn - 1)).map {
                $0 == "\t" ? "\t" : String(repeating: " ", count: shown($0).count)
            }.joined()
            output += padding + style.caret("^") + "\n"
        }
        return output
    }

    /// A character of a quoted line as printed: escaped when unsafe, except a tab.
    private static func shown(_ scalar: Unicode.Scalar) -> String {
        scalar != "\t" && TerminalText.isUnsafe(scalar) ? TerminalText.escape(scalar) : String(scalar)
    }

    /// The location's line, cut to a window of `maximumLineWidth` characters around the column when it
    /// is longer, and the caret's column within what is shown. Only the window is decoded, found
    /// through the file's `SourceMap`, so quoting many places of one long line stays cheap.
    private static func window(_ source: SourceMap, _ location: SourceLocation) -> ([Unicode.Scalar], Int)? {
        guard let range = source.lineRange(location.line) else { return nil }
        let bytes = source.bytes
        let column = max(location.column, 1)
        let target = source.byteOffset(of: YAMLPosition(line: location.line, column: column)) ?? range.upperBound
        // Up to `half` characters before the target and `maximumLineWidth` from the window's start.
        let half = maximumLineWidth / 2
        var start = target
        var before = 0
        while start > range.lowerBound, before < half {
            start -= 1
            while start > range.lowerBound, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            before += 1
        }
        var end = start
        var shown = 0
        while end < range.upperBound, shown < maximumLineWidth {
            end += UTF8Scalar.length(leadByte: bytes[end])
            shown += 1
        }
        end = min(end, range.upperBound)
        // When the line ends soon after the column, show more of what comes before it.
        while start > range.lowerBound, shown < maximumLineWidth {
            start -= 1
            while start > range.lowerBound, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            before += 1
            shown += 1
        }
        let text = Array(String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars)
        let caret = before + 1
        let prefix: [Unicode.Scalar] = start > range.lowerBound ? Array("...".unicodeScalars) : []
        let suffix: [Unicode.Scalar] = end < range.upperBound ? Array("...".unicodeScalars) : []
        return (prefix + text + suffix, min(caret, text.count + 1) + prefix.count)
    }

    /// ANSI colours, or none.
    private struct Style {
        let colour: Bool

        func paint(_ text: String, severity: String) -> String {
            guard colour else { return text }
            let code =
                switch severity {
                case "error": "1;31"
                case "warning": "1;35"
                default: "1;36"
                }
            return "\u{1B}[\(code)m\(text)\u{1B}[0m"
        }

        func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
        func caret(_ text: String) -> String { colour ? "\u{1B}[1;32m\(text)\u{1B}[0m" : text }
    }
}
