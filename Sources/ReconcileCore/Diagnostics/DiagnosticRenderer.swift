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
/// Each diagnostic and note with a place gets its source line and a caret under the column.
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
        var files: [String: SourceLines] = [:]
        for source in sources where files[source.path] == nil {
            guard let last = lastLine[source.path] else { continue }
            files[source.path] = SourceLines(source.text, upToLine: last)
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
        severity: String, message: String, location: SourceLocation?, files: [String: SourceLines], style: Style
    ) -> String {
        let label = style.paint(severity + ":", severity: severity)
        guard let location else { return "\(label) \(style.bold(message))\n" }
        var output = "\(style.bold("\(location):")) \(label) \(style.bold(message))\n"
        if let line = files[location.file]?.line(location.line) {
            let (text, caretColumn) = window(Array(line.unicodeScalars), column: location.column)
            output += String(String.UnicodeScalarView(text)) + "\n"
            // Keep tabs under tabs so the caret lines up in any terminal.
            let padding = text.prefix(max(0, caretColumn - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            output += padding + style.caret("^") + "\n"
        }
        return output
    }

    /// The line, cut around `column` when it is too long, and the caret's column within what is shown.
    private static func window(_ line: [Unicode.Scalar], column: Int) -> ([Unicode.Scalar], Int) {
        let column = min(max(column, 1), line.count + 1)
        guard line.count > maximumLineWidth else { return (line, column) }
        let half = maximumLineWidth / 2
        let start = max(0, min(column - 1 - half, line.count - maximumLineWidth))
        let end = min(line.count, start + maximumLineWidth)
        let prefix: [Unicode.Scalar] = start > 0 ? Array("...".unicodeScalars) : []
        let suffix: [Unicode.Scalar] = end < line.count ? Array("...".unicodeScalars) : []
        return (prefix + line[start..<end] + suffix, column - start + prefix.count)
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
