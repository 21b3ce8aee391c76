import ArgumentParser
import Foundation
import Logging
import ReconcileKit
import XoperoAPI
import XoperoContract

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
            "The most API calls in flight at once, for reading and for applying.", valueName: "N"))
    var concurrency = 8

    @Option(name: .long, help: ArgumentHelp("The longest one API call may take, in seconds.", valueName: "SECONDS"))
    var timeout: Double = 30

    @Option(
        name: .customLong("retry-time"),
        help: ArgumentHelp(
            "How long to keep retrying a throttled or failing call (429, 5xx, dropped connection), in seconds.",
            valueName: "SECONDS"))
    var retryTime: Double = 60

    @Flag(name: [.short, .long], help: "Log every step and each retry on standard error; list unmanaged plans.")
    var verbose = false

    func validate() throws {
        if server != nil && simulator != nil {
            throw ValidationError("--server and --simulator exclude each other: give one of them")
        }
        if concurrency < 1 || concurrency > 256 { throw ValidationError("--concurrency must be between 1 and 256") }
        if !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
        if !(retryTime >= 0) { throw ValidationError("--retry-time must be zero or a positive number of seconds") }
        if insecure && caCert != nil { throw ValidationError("--insecure and --ca-cert exclude each other") }
    }

    var logger: Logger { StderrLogHandler.logger(label: "reconcile", level: verbose ? .info : .notice) }

    /// Runs `body` with the connection settings: for a real server from the flags and the environment,
    /// or for an in-process simulator that lives exactly as long as `body`.
    func withConnection(
        environment: [String: String], _ body: (ConnectionSettings) async -> ExitStatus
    ) async -> ExitStatus {
        let timeoutDuration = Duration.milliseconds(Int64(timeout * 1000))
        let retryDuration = Duration.milliseconds(Int64(retryTime * 1000))
        if let simulator {
            return await EmbeddedSimulator.run(stateFile: simulator, timeout: timeoutDuration, retryTime: retryDuration)
            {
                await body($0)
            }
        }
        let settings: ConnectionSettings
        do {
            settings = try ConnectionSettings.fromEnvironment(
                server: server, environment: environment, caCertificatePath: caCert, insecure: insecure,
                callTimeout: timeoutDuration, retryTime: retryDuration)
        } catch {
            StandardError().line("reconcile: error: \(error.description)")
            return .failure
        }
        return await body(settings)
    }
}

/// `--colour auto|always|never`.
enum ColourChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// Colour for a stream: `auto` means when it is a terminal and NO_COLOR is not set.
    func enabled(forDescriptor descriptor: Int32, environment: [String: String]) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: isatty(descriptor) == 1 && (environment["NO_COLOR"] ?? "").isEmpty
        }
    }
}
