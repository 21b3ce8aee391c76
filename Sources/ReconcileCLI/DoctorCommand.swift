import ArgumentParser
import Foundation
import ReconcileKit

/// A read-only probe of a server, for the first contact with an installation and for support tickets.
struct DoctorCommand: AsyncParsableCommand, ConnectionFlags {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check, by reading only, every assumption this tool makes about the server.",
        discussion: """
            Logs in, reads, and says for each assumption `confirmed`, `contradicted` (with what was seen) or \
            `not checked` (and why): TLS and reachability, the login answer and the token (a JWT's expiry and \
            role claim), the paged envelope, the largest page size served, `Page`, sorting by Name both ways, \
            the IsRemoved filter, the fields and JSON types of every answer against openapi.yaml, the \
            organizations' counters, each plan's membership, each listing's consistency, synchronization and \
            isReadOnly. What only a write could show (attach and detach idempotence, modify, the licence \
            answers, error codes) is not checked: doctor makes read calls only, and never prints a secret.

            Exit codes: 0 nothing is contradicted; 1 something is (or doctor could not run).
            """
    )

    @Option(
        name: .customLong("org"),
        help: ArgumentHelp(
            "Look only at this organization (repeatable; default: every organization).", valueName: "NAME"))
    var organizations: [String] = []

    @Option(name: .long, help: ArgumentHelp("text (for people) or json (for machines).", valueName: "text|json"))
    var format: DoctorFormat = .text

    // The connection flags (ConnectionFlags), declared flat rather than as an option group.
    @Option(help: ConnectionFlag.server) var server: String?
    @Option(help: ConnectionFlag.simulator) var simulator: String?
    @Option(name: ConnectionFlag.caCertName, help: ConnectionFlag.caCert) var caCert: String?
    @Flag(help: ConnectionFlag.insecure) var insecure = false
    @Option(help: ConnectionFlag.concurrency) var concurrency: ConcurrencyArgument = .auto
    @Option(name: ConnectionFlag.maxConcurrencyName, help: ConnectionFlag.maxConcurrency)
    var maxConcurrency = ConnectionFlag.defaultMaxConcurrency
    @Option(help: ConnectionFlag.timeout) var timeout = ConnectionFlag.defaultTimeout
    @Option(name: ConnectionFlag.retryTimeName, help: ConnectionFlag.retryTime)
    var retryTime = ConnectionFlag.defaultRetryTime
    @Option(name: ConnectionFlag.waitForSyncName, help: ConnectionFlag.waitForSync) var waitForSync: Double?
    @Flag(name: ConnectionFlag.verboseName, help: ConnectionFlag.verbose) var verbose = false
    @Option(name: ConnectionFlag.logFormatName, help: ConnectionFlag.logFormat)
    var logFormat: LogFormatArgument = .text

    func validate() throws { try validateConnection() }

    func run() async throws {
        let context = CommandContext.current
        let organizations = self.organizations
        let format = self.format
        let logger = makeLogger(context.output)
        let status = await withConnection(context) { settings in
            await DoctorRun(
                organizations: organizations, connection: settings, format: format, output: context.output,
                logger: logger
            ).run()
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }
}

extension DoctorFormat: ExpressibleByArgument {}
