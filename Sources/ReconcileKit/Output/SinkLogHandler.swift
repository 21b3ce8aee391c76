import Foundation
import Logging

/// How log lines look on standard error (`--log-format`).
public enum LogFormat: String, Sendable, CaseIterable {
    /// `reconcile: message` (`reconcile: warning: message` from warnings up), for people.
    case text
    /// One JSON object a line (`time`, `level`, `message`, `fields`), for log collectors.
    case json
}

/// A `LogHandler` that writes to a run's standard error, through its sink (so the secret mask applies).
/// Messages never hold a secret: the client logs call names, statuses and delays, not bodies or headers.
public struct SinkLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let prefix: String
    private let format: LogFormat
    private let sink: any OutputSink

    public init(prefix: String, level: Logger.Level, format: LogFormat = .text, sink: any OutputSink) {
        self.prefix = prefix
        self.logLevel = level
        self.format = format
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        switch format {
        case .text:
            let tag = event.level >= .warning ? "\(event.level): " : ""
            sink.printError("\(prefix): \(tag)\(event.message)")
        case .json:
            sink.printError(Self.jsonLine(event, metadata: metadata, source: prefix))
        }
    }

    /// `{"time": "...", "level": "notice", "message": "...", "fields": {...}}` on one line.
    static func jsonLine(_ event: LogEvent, metadata: Logger.Metadata, source: String, now: Date = Date()) -> String {
        var fields: [String: String] = ["source": source]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = "\(value)"
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let object: [String: Any] = [
            "time": formatter.string(from: now), "level": event.level.rawValue, "message": "\(event.message)",
            "fields": fields,
        ]
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return #"{"level":"error","message":"a log line could not be encoded"}"# }
        return String(decoding: data, as: UTF8.self)
    }

    /// A logger that writes through this handler.
    public static func logger(
        label: String, prefix: String = "reconcile", level: Logger.Level, format: LogFormat = .text,
        sink: any OutputSink
    ) -> Logger {
        Logger(label: label) { _ in SinkLogHandler(prefix: prefix, level: level, format: format, sink: sink) }
    }
}
