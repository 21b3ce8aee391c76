import Foundation
import Logging
import PrintableText
import ReconcileCore

/// Standard error as JSON lines (`--log-format json`): every line a run writes there becomes one object
/// `{"time", "level", "message", "fields"}`, the same shape `SinkLogHandler` writes for log events.
///
/// - Log events from `SinkLogHandler` already have that shape and pass through unchanged.
/// - Plain lines (`reconcile: error: ...`, the simulator banner, apply progress) become one object each:
///   the `reconcile:` or `simulator:` prefix becomes `fields.source`, an `error:` or `warning:` tag the
///   level (otherwise `notice`, the level progress is shown at), and `fields.kind` is `output`.
/// - Diagnostics become one object each, with the place in `fields` (`file`, `line`, `column`) and the
///   notes joined into `fields.notes`; `fields.kind` is `diagnostic`.
enum JSONLogLines {
    /// The prefixes that name where a plain line comes from.
    static let sources = ["reconcile", "simulator"]

    /// Every non-blank line of `text` as a JSON log line, each ending with a newline.
    static func wrap(_ text: String, now: Date = Date()) -> String {
        var output = ""
        for line in text.split(
            omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        {
            if line.allSatisfy(\.isWhitespace) { continue }
            if isLogLine(line) {
                output += line + "\n"
            } else {
                output += plainLine(String(line), now: now) + "\n"
            }
        }
        return output
    }

    /// One diagnostic as a JSON log line (without a newline).
    static func diagnostic(_ diagnostic: Diagnostic, now: Date = Date()) -> String {
        let level: Logger.Level =
            switch diagnostic.severity {
            case .error: .error
            case .warning: .warning
            case .note: .info
            }
        var metadata: Logger.Metadata = ["kind": "diagnostic"]
        if let location = diagnostic.location {
            metadata["file"] = .string(TerminalText.escaped(location.file))
            metadata["line"] = .stringConvertible(location.line)
            metadata["column"] = .stringConvertible(location.column)
        }
        if !diagnostic.notes.isEmpty {
            let notes = diagnostic.notes.map { note in note.message + (note.location.map { " (\($0))" } ?? "") }
            metadata["notes"] = .string(TerminalText.escaped(notes.joined(separator: "\n")))
        }
        return encode(level: level, message: TerminalText.escaped(diagnostic.message), metadata: metadata, now: now)
    }

    /// A line that is already a JSON log line: an object with exactly `time`, `level`, `message` and
    /// `fields` (an object).
    static func isLogLine(_ line: Substring) -> Bool {
        guard line.first == "{",
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            Set(object.keys) == ["time", "level", "message", "fields"], object["fields"] is [String: Any]
        else { return false }
        return true
    }

    /// `reconcile: warning: text` → level warning, source reconcile, message `text`.
    static func plainLine(_ line: String, now: Date) -> String {
        var rest = Substring(line)
        var source = "reconcile"
        for candidate in sources where rest.hasPrefix(candidate + ": ") {
            source = candidate
            rest = rest.dropFirst(candidate.count + 2)
            break
        }
        var level = Logger.Level.notice
        for (tag, tagLevel) in [("error: ", Logger.Level.error), ("warning: ", .warning)] where rest.hasPrefix(tag) {
            level = tagLevel
            rest = rest.dropFirst(tag.count)
            break
        }
        return encode(level: level, message: String(rest), metadata: ["kind": "output"], source: source, now: now)
    }

    private static func encode(
        level: Logger.Level, message: String, metadata: Logger.Metadata, source: String = "reconcile", now: Date
    ) -> String {
        let event = LogEvent(
            level: level, message: "\(message)", metadata: metadata, source: source, file: #fileID,
            function: #function, line: #line)
        return SinkLogHandler.jsonLine(event, metadata: [:], source: source, now: now)
    }
}
