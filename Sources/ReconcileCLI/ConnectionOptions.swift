import ArgumentParser
import Foundation
import Logging
import ReconcileKit
import XoperoAPI

/// Flags shared by the commands that talk to a server.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The Management Service's base URL, e.g. https://xopero.example.com (default: $XOPERO_URL).",
            valueName: "URL"))
    var server: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Start a simulator of the API inside this process, seeded from a simulator state file, and run against "
                + "it over HTTP on a loopback port, as the file's first administrator. For trying the tool without a "
                + "server; nothing real is touched.",
            valueName: "STATE.json"))
    var simulator: String?

    @Option(
        name: .customLong("ca-cert"),
        help: ArgumentHelp(
            "A PEM file with an extra root certificate to trust (for a server with a private certificate authority).",
            valueName: "FILE"))
    var caCert: String?

    @Flag(name: .long, help: "Do not verify the server's TLS certificate (a warning is printed). Prefer --ca-cert.")
    var insecure = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "How many API calls may be in flight at once, for reading and for applying: a number fixes it; auto (the "
                + "default) finds it from the server's latency and throttling, up to --max-concurrency.",
            valueName: "N|auto"))
    var concurrency: ConcurrencyArgument = .auto

    @Option(
        name: .customLong("max-concurrency"),
        help: ArgumentHelp("The most calls in flight that --concurrency auto may reach.", valueName: "N"))
    var maxConcurrency = 32

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The longest one API call may take, the whole answer included, in seconds.", valueName: "SECONDS"))
    var timeout: Double = 30

    @Option(
        name: .customLong("retry-time"),
        help: ArgumentHelp(
            "How long to keep retrying a throttled or failing call (429, 5xx, timeout, dropped connection), in seconds.",
            valueName: "SECONDS"))
    var retryTime: Double = 60

    @Option(
        name: .customLong("wait-for-sync"),
        help: ArgumentHelp(
            "Wait up to this many seconds for organizations that are synchronizing with their Git host (their "
                + "repository list may be incomplete meanwhile) instead of refusing them.",
            valueName: "SECONDS"))
    var waitForSync: Double?

    @Flag(
        name: [.short, .long], help: "Log every step, each retry and each change of concurrency; list unmanaged plans.")
    var verbose = false

    @Option(
        name: .customLong("log-format"),
        help: ArgumentHelp(
            "How log lines look on standard error: text, or json (one object a line).", valueName: "text|json"))
    var logFormat: LogFormatArgument = .text

    /// The longest duration a flag may give: a day. Larger, infinite or NaN values are refused (`inf` would
    /// otherwise crash the conversion to a duration).
    static let longestSeconds = 86_400.0

    func validate() throws {
        if server != nil && simulator != nil {
            throw ValidationError("--server and --simulator exclude each other: give one of them")
        }
        if case .fixed(let limit) = concurrency, !(1...256).contains(limit) {
            throw ValidationError("--concurrency must be auto or a number between 1 and 256")
        }
        if !(1...256).contains(maxConcurrency) {
            throw ValidationError("--max-concurrency must be between 1 and 256")
        }
        try Self.check(timeout, flag: "--timeout", allowZero: false)
        try Self.check(retryTime, flag: "--retry-time", allowZero: true)
        if let waitForSync { try Self.check(waitForSync, flag: "--wait-for-sync", allowZero: false) }
        if insecure && caCert != nil { throw ValidationError("--insecure and --ca-cert exclude each other") }
    }

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

    var concurrencyPolicy: ConcurrencyPolicy {
        switch concurrency {
        case .auto: .adaptive(maximum: maxConcurrency)
        case .fixed(let limit): .fixed(limit)
        }
    }

    func logger(_ output: any OutputSink) -> Logger {
        SinkLogHandler.logger(
            label: "reconcile", level: verbose ? .info : .notice, format: logFormat.format, sink: output)
    }

    /// Files the run reads besides the desired-state files, which `--out` may not overwrite.
    func otherInputs(environment: [String: String]) -> [String] {
        [simulator, caCert, environment[XoperoCredentials.Variable.passwordFile]].compactMap { $0 }
    }

    /// Runs `body` with the connection settings: for a real server from the flags and the environment,
    /// or for an in-process simulator that lives exactly as long as `body`.
    func withConnection(
        _ context: CommandContext, _ body: (ConnectionSettings) async -> ExitStatus
    ) async -> ExitStatus {
        let timeoutDuration = Self.duration(timeout)
        let retryDuration = Self.duration(retryTime)
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

/// `--colour auto|always|never`.
enum ColourChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// Colour for a stream: `auto` means when it is a terminal and NO_COLOR is not set.
    func enabled(for stream: ReconcileKit.OutputStream, in context: CommandContext) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: context.output.isTerminal(stream) && (context.environment["NO_COLOR"] ?? "").isEmpty
        }
    }
}
