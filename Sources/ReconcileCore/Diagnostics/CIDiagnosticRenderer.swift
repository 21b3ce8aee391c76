import Crypto
import PrintableText

/// Diagnostics in the forms CI systems read, besides the compiler-style text of `DiagnosticRenderer`.
public enum CIDiagnosticRenderer {
    /// GitHub Actions workflow commands, one line per diagnostic, which the runner turns into
    /// annotations on the file and line: `::error file=F,line=L,col=C::message` (`::warning`, and
    /// `::notice` for a note). Notes are added to their diagnostic's message as `note:` lines.
    ///
    /// Escaping follows the runner's rules: in the message `%` → `%25`, CR → `%0D`, LF → `%0A`; in a
    /// property value also `:` → `%3A` and `,` → `%2C`. Other control and bidirectional characters
    /// are shown as `\u{…}` first (`TerminalText`), since the runner prints the line in the log.
    public static func githubActions(_ diagnostics: [Diagnostic]) -> String {
        var output = ""
        for diagnostic in diagnostics {
            let command =
                switch diagnostic.severity {
                case .error: "error"
                case .warning: "warning"
                case .note: "notice"
                }
            var properties = ""
            if let location = diagnostic.location {
                properties =
                    " file=\(property(location.file)),line=\(location.line),col=\(location.column)"
            }
            output += "::\(command)\(properties)::\(data(fullMessage(diagnostic)))\n"
        }
        return output
    }

    /// A GitLab Code Quality report (`artifacts: reports: codequality`): a JSON array of
    /// `{description, check_name, fingerprint, severity, location: {path, lines: {begin}}}`.
    ///
    /// Severities: error → `major`, warning → `minor`, note → `info`. `check_name` is
    /// `xopero-reconcile/<severity>`. The fingerprint is the SHA-256 (hex) of the severity, place and
    /// message, so the same diagnostic has the same fingerprint on every run. A diagnostic without
    /// a place (a safety refusal) is reported at line 1 of `fallbackPath` (the first desired-state file).
    public static func gitLabCodeQuality(_ diagnostics: [Diagnostic], fallbackPath: String) -> String {
        let issues: [OrderedJSON] = diagnostics.map { diagnostic in
            let path = diagnostic.location?.file ?? fallbackPath
            let line = max(1, diagnostic.location?.line ?? 1)
            let severity =
                switch diagnostic.severity {
                case .error: "major"
                case .warning: "minor"
                case .note: "info"
                }
            return .object([
                ("description", .string(fullMessage(diagnostic))),
                ("check_name", .string("xopero-reconcile/\(diagnostic.severity.rawValue)")),
                ("fingerprint", .string(fingerprint(diagnostic))),
                ("severity", .string(severity)),
                ("location", .object([("path", .string(path)), ("lines", .object([("begin", .int(line))]))])),
            ])
        }
        return JSONWriter.prettyPrinted(.array(issues))
    }

    /// The message, then each note on a line of its own (`note: first defined here (f.yaml:3:5)`).
    static func fullMessage(_ diagnostic: Diagnostic) -> String {
        var message = diagnostic.message
        for note in diagnostic.notes {
            message += "\nnote: \(note.message)" + (note.location.map { " (\($0))" } ?? "")
        }
        return message
    }

    /// `sha256` over the severity, file, line, column and message, as lower-case hex.
    static func fingerprint(_ diagnostic: Diagnostic) -> String {
        let location = diagnostic.location.map { "\($0.file)\u{0}\($0.line)\u{0}\($0.column)" } ?? ""
        let key = "\(diagnostic.severity.rawValue)\u{0}\(location)\u{0}\(diagnostic.message)"
        return PlanFingerprint.hex(Array(SHA256.hash(data: Array(key.utf8))))
    }

    /// A workflow command's message: `%`, CR and LF encoded; other unsafe characters shown as `\u{…}`.
    static func data(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            default:
                if TerminalText.isUnsafe(scalar) {
                    output += TerminalText.escape(scalar)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    /// A workflow command's property value: as `data`, and `:` and `,` encoded too.
    static func property(_ text: String) -> String {
        data(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
