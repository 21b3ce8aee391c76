import ArgumentParser
import Foundation
import ReconcileKit

/// The live state as a desired-state file.
struct ExportCommand: AsyncParsableCommand {
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

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let context = PipelineOptions.context(CommandContext.current, jsonLogs: connection.logFormat == .json)
        let organizations = self.organizations
        let logger = connection.logger(context.output)
        let waitForSync = connection.waitForSync.map(ConnectionOptions.duration)
        let status = await connection.withConnection(context) { settings in
            await ExportRun(
                organizations: organizations, connection: settings, output: context.output, logger: logger,
                waitForSync: waitForSync
            ).run()
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
