import Logging

/// A `LogHandler` that writes `reconcile: message` lines to standard error. Messages never hold a secret:
/// the client logs call names, statuses and delays, not bodies or headers.
public struct StderrLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let prefix: String
    private let output = StandardError()

    public init(prefix: String, level: Logger.Level) {
        self.prefix = prefix
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let tag = event.level >= .warning ? "\(event.level): " : ""
        output.line("\(prefix): \(tag)\(event.message)")
    }

    /// A logger that writes through this handler.
    public static func logger(label: String, prefix: String = "reconcile", level: Logger.Level) -> Logger {
        Logger(label: label) { _ in StderrLogHandler(prefix: prefix, level: level) }
    }
}
