import ArgumentParser
import Foundation
import ReconcileKit

/// The live state as a desired-state file.
struct ExportCommand: AsyncParsableCommand, ConnectionFlags {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Print the server's live state as a desired-state file (a starting point for an existing installation).",
        discussion: """
            Plans list their repositories by name, sorted; licences are `additive`. Running a dry run on the \
            output against the same server plans nothing.
            """
    )

    @Option(
        name: .customLong("org"),
        help: ArgumentHelp(
            "Export only this organization (repeatable; default: every organization).", valueName: "NAME"))
    var organizations: [String] = []

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
        let context = PipelineOptions.context(CommandContext.current, jsonLogs: logFormat == .json)
        let organizations = self.organizations
        let logger = makeLogger(context.output)
        let waitForSync = waitForSyncDuration
        let status = await withConnection(context) { settings in
            await ExportRun(
                organizations: organizations, connection: settings, output: context.output, logger: logger,
                waitForSync: waitForSync
            ).run()
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
