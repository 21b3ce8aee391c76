import Logging
import ReconcileCore
import XoperoAPI

/// The export command: the live state of the named organizations (or all) as a desired-state file on
/// standard output, such that planning that file against the same server plans nothing. An organization
/// that cannot be read completely is not exported (exporting part of it would make the next apply
/// detach what was left out): that is an error.
public struct ExportRun: Sendable {
    public var organizations: [String]
    public var connection: ConnectionSettings
    public var output: any OutputSink
    public var logger: Logger
    public var waitForSync: Duration?

    public init(
        organizations: [String], connection: ConnectionSettings, output: any OutputSink, logger: Logger,
        waitForSync: Duration? = nil
    ) {
        self.organizations = organizations
        self.connection = connection
        self.output = output
        self.logger = logger
        self.waitForSync = waitForSync
    }

    public func run() async -> ExitStatus {
        let client: XoperoClient
        do { client = try connection.makeClient(logger: logger, output: output) } catch {
            output.printError("reconcile: error: \(error.description)")
            return .failure
        }
        let status = await export(client)
        await client.shutdown()
        return status
    }

    private func export(_ client: XoperoClient) async -> ExitStatus {
        let wanted = organizations.isEmpty ? nil : Set(organizations)
        let output = self.output
        let wait = waitForSync.map { limit in
            LiveStateFetcher.SynchronizationWait(limit: limit) { output.printError("reconcile: \($0)") }
        }
        let live: LiveState
        do throws(ReconcileError) {
            do { try await client.authenticate() } catch { throw .client(error) }
            live = try await LiveStateFetcher(client: client, logger: logger)
                .fetch(organizationNames: wanted, waitingForSync: wait)
        } catch {
            output.printError("reconcile: error: \(error.description)")
            return .failure
        }
        let found = Set(live.organizations.map(\.name))
        let missing = organizations.filter { !found.contains($0) }
        if !missing.isEmpty {
            output.printError(
                "reconcile: error: --org \(missing.joined(separator: ", ")): no such organization on the server "
                    + "(names match exactly, case included)")
            return .failure
        }
        let assessment = LiveStateIntegrity.assess(live)
        let unreadable = assessment.unreadableOrganizations.sorted { $0.key < $1.key }
        for (name, reasons) in unreadable {
            output.printError(
                "reconcile: error: \(IntegrityMessages.unreadableOrganization(name, reasons)); it was not exported")
        }
        let readable = LiveState(
            organizations: live.organizations.filter { assessment.unreadableOrganizations[$0.name] == nil })
        let text = DesiredStateExporter.export(readable)
        output.printOut(text)
        output.printError("reconcile: exported \(readable.organizations.count) organization(s)")
        return unreadable.isEmpty ? .success : .failure
    }
}
