import ArgumentParser
import Foundation
import Logging
import ReconcileKit
import XoperoAPI

/// The flags of the commands that talk to a server (`plan`, `export`, `doctor`). Each command declares them
/// itself, side by side with its own flags, from `ConnectionFlag`'s names, help and defaults: an
/// `@OptionGroup` would make every parse of a debug build validate the group again for each check of its
/// command (docs/DECISIONS.md, "Option groups"). `ConnectionFlagTests` checks that the three declarations
/// stay the same.
protocol ConnectionFlags {
    var server: String? { get }
    var simulator: String? { get }
    var caCert: String? { get }
    var insecure: Bool { get }
    var concurrency: ConcurrencyArgument { get }
    var maxConcurrency: Int { get }
    var timeout: Double { get }
    var retryTime: Double { get }
    var waitForSync: Double? { get }
    var verbose: Bool { get }
    var logFormat: LogFormatArgument { get }
}

/// The names, help and defaults of the connection flags, written once for the three commands that declare them,
/// and the bounds their durations are checked against.
enum ConnectionFlag {
    static let server = ArgumentHelp(
        "The Management Service's base URL, e.g. https://xopero.example.com (default: $XOPERO_URL).",
        valueName: "URL")

    static let simulator = ArgumentHelp(
        "Start a simulator of the API inside this process, seeded from a simulator state file, and run against "
            + "it over HTTP on a loopback port, as the file's first administrator. For trying the tool without a "
            + "server; nothing real is touched.",
        valueName: "STATE.json")

    static let caCertName = NameSpecification.customLong("ca-cert")
    static let caCert = ArgumentHelp(
        "A PEM file with an extra root certificate to trust (for a server with a private certificate authority).",
        valueName: "FILE")

    static let insecure: ArgumentHelp =
        "Do not verify the server's TLS certificate (a warning is printed). Prefer --ca-cert."

    static let concurrency = ArgumentHelp(
        "How many API calls may be in flight at once, for reading and for applying: a number fixes it; auto (the "
            + "default) finds it from the server's latency and throttling, up to --max-concurrency.",
        valueName: "N|auto")

    static let maxConcurrencyName = NameSpecification.customLong("max-concurrency")
    static let maxConcurrency = ArgumentHelp(
        "The most calls in flight that --concurrency auto may reach.", valueName: "N")
    static let defaultMaxConcurrency = 32

    static let timeout = ArgumentHelp(
        "The longest one API call may take, the whole answer included, in seconds.", valueName: "SECONDS")
    static let defaultTimeout = 30.0

    static let retryTimeName = NameSpecification.customLong("retry-time")
    static let retryTime = ArgumentHelp(
        "How long to keep retrying a throttled or failing call (429, 5xx, timeout, dropped connection), in seconds.",
        valueName: "SECONDS")
    static let defaultRetryTime = 60.0

    static let waitForSyncName = NameSpecification.customLong("wait-for-sync")
    static let waitForSync = ArgumentHelp(
        "Wait up to this many seconds for organizations that are synchronizing with their Git host (their "
            + "repository list may be incomplete meanwhile) instead of refusing them.",
        valueName: "SECONDS")

    static let verboseName: NameSpecification = [.short, .long]
    static let verbose: ArgumentHelp =
        "Log every step, each retry and each change of concurrency; list unmanaged plans."

    static let logFormatName = NameSpecification.customLong("log-format")
    static let logFormat = ArgumentHelp(
        "How log lines look on standard error: text, or json (one object a line).", valueName: "text|json")

    /// The longest duration a flag may give: a day. Larger, infinite or NaN values are refused (`inf` would
    /// otherwise crash the conversion to a duration).
    static let longestSeconds = 86_400.0

    static func check(_ value: Double, flag: String, allowZero: Bool) throws {
        guard value.isFinite, allowZero ? value >= 0 : value > 0, value <= longestSeconds else {
            throw ValidationError(
                "\(flag) must be \(allowZero ? "zero or " : "")a positive number of seconds, at most \(Int(longestSeconds))"
            )
        }
    }

    static func duration(_ seconds: Double) -> Duration {
        .milliseconds(Int64((min(max(seconds, 0), longestSeconds) * 1000).rounded()))
    }
}

extension ConnectionFlags {
    /// The checks of the connection flags: each command calls this from its `validate()`.
    func validateConnection() throws {
        if server != nil && simulator != nil {
            throw ValidationError("--server and --simulator exclude each other: give one of them")
        }
        if case .fixed(let limit) = concurrency, !(1...256).contains(limit) {
            throw ValidationError("--concurrency must be auto or a number between 1 and 256")
        }
        if !(1...256).contains(maxConcurrency) {
            throw ValidationError("--max-concurrency must be between 1 and 256")
        }
        try ConnectionFlag.check(timeout, flag: "--timeout", allowZero: false)
        try ConnectionFlag.check(retryTime, flag: "--retry-time", allowZero: true)
        if let waitForSync { try ConnectionFlag.check(waitForSync, flag: "--wait-for-sync", allowZero: false) }
        if insecure && caCert != nil { throw ValidationError("--insecure and --ca-cert exclude each other") }
    }

    var concurrencyPolicy: ConcurrencyPolicy {
        switch concurrency {
        case .auto: .adaptive(maximum: maxConcurrency)
        case .fixed(let limit): .fixed(limit)
        }
    }

    /// The run's logger: notices, or every step with --verbose, in the --log-format, on `output`.
    func makeLogger(_ output: any OutputSink) -> Logger {
        SinkLogHandler.logger(
            label: "reconcile", level: verbose ? .info : .notice, format: logFormat.format, sink: output)
    }

    /// `--wait-for-sync` as a duration.
    var waitForSyncDuration: Duration? { waitForSync.map(ConnectionFlag.duration) }

    /// Files the run reads besides the desired-state files, which `--out` may not overwrite.
    func otherInputs(environment: [String: String]) -> [String] {
        [simulator, caCert, environment[XoperoCredentials.Variable.passwordFile]].compactMap { $0 }
    }

    /// Runs `body` with the connection settings: for a real server from the flags and the environment,
    /// or for an in-process simulator that lives exactly as long as `body`.
    func withConnection(
        _ context: CommandContext, _ body: (ConnectionSettings) async -> ExitStatus
    ) async -> ExitStatus {
        let timeoutDuration = ConnectionFlag.duration(timeout)
        let retryDuration = ConnectionFlag.duration(retryTime)
        if let simulator {
            return await EmbeddedSimulator.run(
                stateFile: simulator, output: context.output, timeout: timeoutDuration, retryTime: retryDuration,
                concurrency: concurrencyPolicy
            ) {
                await body($0)
            }
        }
        let settings: ConnectionSettings
        do {
            settings = try ConnectionSettings.fromEnvironment(
                server: server, environment: context.environment, caCertificatePath: caCert, insecure: insecure,
                callTimeout: timeoutDuration, retryTime: retryDuration, concurrency: concurrencyPolicy)
        } catch {
            context.output.printError("reconcile: error: \(error.description)")
            return .failure
        }
        return await body(settings)
    }
}

/// `--concurrency N|auto`.
enum ConcurrencyArgument: ExpressibleByArgument, Equatable {
    case auto
    case fixed(Int)

    init?(argument: String) {
        if argument.lowercased() == "auto" {
            self = .auto
        } else if let number = Int(argument) {
            self = .fixed(number)
        } else {
            return nil
        }
    }

    var defaultValueDescription: String {
        switch self {
        case .auto: "auto"
        case .fixed(let limit): "\(limit)"
        }
    }
}

/// `--log-format text|json`.
enum LogFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case text, json

    var format: LogFormat {
        switch self {
        case .text: .text
        case .json: .json
        }
    }
}
