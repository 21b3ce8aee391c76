import Logging
import ReconcileCore
import XoperoAPI
import XoperoContract

/// The export command: the live state of the named organizations (or all) as a desired-state file on
/// standard output, such that planning that file against the same server plans nothing.
public struct ExportRun: Sendable {
    public var organizations: [String]
    public var concurrency: Int
    public var connection: ConnectionSettings
    public var logger: Logger

    public init(organizations: [String], concurrency: Int, connection: ConnectionSettings, logger: Logger) {
        self.organizations = organizations
        self.concurrency = concurrency
        self.connection = connection
        self.logger = logger
    }

    public func run() async -> ExitStatus {
        let client: XoperoClient
        do { client = try connection.makeClient(logger: logger) } catch {
            StandardError().line("reconcile: error: \(error.description)")
            return .failure
        }
        let status = await export(client)
        await client.shutdown()
        return status
    }

    private func export(_ client: XoperoClient) async -> ExitStatus {
        let wanted = organizations.isEmpty ? nil : Set(organizations)
        let live: LiveState
        do {
            try await client.authenticate()
            live = try await LiveStateFetcher(
                client: client, limiter: ConcurrencyLimiter(limit: concurrency), logger: logger
            ).fetch(organizationNames: wanted)
        } catch {
            StandardError().line("reconcile: error: \(error.description)")
            return .failure
        }
        let found = Set(live.organizations.map(\.name))
        let missing = organizations.filter { !found.contains($0) }
        if !missing.isEmpty {
            StandardError().line(
                "reconcile: error: --org \(missing.joined(separator: ", ")): no such organization on the server "
                    + "(names match exactly, case included)")
            return .failure
        }
        let text = DesiredStateExporter.export(live)
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        StandardError().line("reconcile: exported \(live.organizations.count) organization(s)")
        return .success
    }
}
