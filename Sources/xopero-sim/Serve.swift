import ArgumentParser
import Foundation
import XoperoSimulator

/// `xopero-sim serve`: start the simulator from a state file.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the API from a state file until interrupted (Ctrl-C or SIGTERM).",
        discussion: """
            Prints the URL it listens on as the first line of stdout, so a script can start it on \
            port 0 and read the URL. Besides the vendor's paths it serves GET /__sim/state (the whole \
            state, in the state-file format) and GET /__sim/stats (calls received, by path and status, and \
            the calls in flight). Bad flags or flag values exit 64, naming the flag.
            """
    )

    @Option(name: .long, help: "The state file to serve (JSON; see CLI.md and examples/live-state.json).")
    var state: String

    @Option(name: .long, help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on; 0 picks a free one (the URL printed first says which).")
    var port: Int = 8080

    @Flag(name: .long, help: "Write every change back to the state file, atomically (temporary file, then rename).")
    var persist = false

    @Option(name: .long, help: "Milliseconds to wait before answering each API call.")
    var latency: Int = 0

    @Option(name: .customLong("fault-rate"), help: "The share of API calls that fail, from 0 to 1.")
    var faultRate: Double = 0

    @Option(
        name: .customLong("fault-mode"),
        help: "How calls fail: before (503, nothing done), after (done, then 500 or a dropped connection), or mixed.")
    var faultMode: FaultModeArgument = .before

    @Option(name: .long, help: "At most this many API calls a second; more are answered 429 with Retry-After.")
    var throttle: Int?

    @Option(name: .customLong("token-ttl"), help: "Seconds a login token stays valid (default: 30 days).")
    var tokenTTL: Int?

    @Option(name: .long, help: "At most this many API calls served at once; more wait in arrival order.")
    var capacity: Int?

    @Option(name: .customLong("max-page-size"), help: "At most this many items a page, whatever limit asks.")
    var maxPageSize: Int?

    @Option(name: .long, help: "Makes faults reproducible: with the same seed the same calls fail on every run.")
    var seed: UInt64 = 0

    @Option(
        name: .customLong("tls-cert"),
        help: ArgumentHelp(
            "Serve HTTPS with this certificate chain (PEM, server certificate first); needs --tls-key.",
            valueName: "file"))
    var tlsCert: String?

    @Option(
        name: .customLong("tls-key"),
        help: ArgumentHelp("The private key of --tls-cert (PEM, not encrypted); needs --tls-cert.", valueName: "file"))
    var tlsKey: String?

    /// Flag values out of range are usage errors (exit 64), found before the state file is read.
    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) {
            throw ValidationError("--tls-cert and --tls-key go together: pass both to serve HTTPS, or neither for HTTP")
        }
        do {
            try options.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The flags as the server's options.
    var options: SimulatorOptions {
        var options = SimulatorOptions(
            host: host, port: port, persistPath: persist ? state : nil, latency: .milliseconds(latency),
            faultRate: faultRate, faultMode: faultMode.mode, throttle: throttle, seed: seed, stopOnSignals: true,
            capacity: capacity, maxPageSize: maxPageSize)
        if let tokenTTL { options.tokenTTL = .seconds(tokenTTL) }
        if let tlsCert, let tlsKey {
            options.tls = SimulatorTLS(certificateChainPath: tlsCert, privateKeyPath: tlsKey)
        }
        return options
    }

    func run() async throws {
        do {
            let stateFile = try SimulatorStateFile.load(path: state)
            let simulator = try await SimulatorServer.start(state: stateFile, options: options)
            // Written straight to the file descriptor (no buffering), so a script reading it sees it at once.
            FileHandle.standardOutput.write(Data("\(simulator.baseURL)\n".utf8))
            await simulator.waitUntilStopped()
        } catch {
            FileHandle.standardError.write(Data("xopero-sim: error: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}

/// `--fault-mode` values.
enum FaultModeArgument: String, ExpressibleByArgument, CaseIterable {
    case before, after, mixed

    var mode: FaultMode {
        switch self {
        case .before: .before
        case .after: .after
        case .mixed: .mixed
        }
    }
}
