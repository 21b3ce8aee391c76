import ArgumentParser
import Foundation
import ReconcileKit

/// A read-only probe of a server, for the first contact with an installation and for support tickets.
struct DoctorCommand: AsyncParsableCommand {
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

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let context = CommandContext.current
        let organizations = self.organizations
        let format = self.format
        let logger = connection.logger(context.output)
        let status = await connection.withConnection(context) { settings in
            await DoctorRun(
                organizations: organizations, connection: settings, format: format, output: context.output,
                logger: logger
            ).run()
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }
}

extension DoctorFormat: ExpressibleByArgument {}
