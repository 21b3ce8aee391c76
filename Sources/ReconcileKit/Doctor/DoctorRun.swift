import Foundation
import Logging
import PrintableText
import ReconcileCore
import XoperoAPI

/// How `doctor` prints its report.
public enum DoctorFormat: String, Sendable, Hashable, CaseIterable {
    case text, json
}

/// The doctor command: logs in, reads, and reports for each assumption about the server whether it is
/// `confirmed`, `contradicted` (with what was seen) or `not-checked` (and why). Read calls only. Exit 0
/// when nothing is contradicted, 1 otherwise.
public struct DoctorRun: Sendable {
    /// `--org`: the organizations to look at (all when empty).
    public var organizations: [String]
    public var connection: ConnectionSettings
    public var format: DoctorFormat
    public var output: any OutputSink
    public var logger: Logger

    public init(
        organizations: [String], connection: ConnectionSettings, format: DoctorFormat, output: any OutputSink,
        logger: Logger
    ) {
        self.organizations = organizations
        self.connection = connection
        self.format = format
        self.output = output
        self.logger = logger
    }

    /// Runs the checks, prints the report on standard output, and says how the process should end.
    public func run() async -> ExitStatus {
        let client: XoperoClient
        do { client = try connection.makeClient(logger: logger, output: output) } catch {
            output.printError("reconcile: error: \(error.description)")
            return .failure
        }
        let transport: AccessJudge.Transport =
            connection.serverURL.scheme?.lowercased() == "https"
            ? (connection.insecure ? .unverified : .verified) : .plain
        let loggedIn = if case .password = connection.credentials { true } else { false }
        let examination = DoctorExamination(
            client: client, server: ServerText.bounded(connection.serverURL.absoluteString), loggedIn: loggedIn,
            transport: transport, wanted: organizations, logger: logger)
        let report = await examination.report()
        await client.shutdown()
        output.printOut(format == .json ? report.json : report.text)
        let contradicted = report.checks.filter { $0.verdict == .contradicted }.map(\.name)
        if !contradicted.isEmpty {
            output.printError(
                "reconcile: error: the server contradicts \(contradicted.count) assumption(s) of this tool: "
                    + contradicted.joined(separator: ", ") + " (see the report)")
        }
        return report.exitStatus
    }
}
