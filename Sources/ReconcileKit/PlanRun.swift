import Foundation
import Logging
import ReconcileCore
import XoperoAPI
import XoperoContract

/// The plan/apply command: read the files, fetch the live state, plan, check safety, then print the plan
/// (dry run) or apply it and print the outcome. The plan goes to standard output, everything else to
/// standard error.
public struct PlanRun: Sendable {
    /// The desired state a run works on, read and checked offline before any connection is made.
    public struct Input: Sendable {
        /// Already limited to `--org`.
        public var desired: DesiredState
        public var sources: [SourceFile]
    }

    public var options: PlanRunOptions
    public var input: Input
    public var connection: ConnectionSettings
    public var logger: Logger

    public init(options: PlanRunOptions, input: Input, connection: ConnectionSettings, logger: Logger) {
        self.options = options
        self.input = input
        self.connection = connection
        self.logger = logger
    }

    private var errorOutput: StandardError { StandardError() }

    /// Reads and parses the files and applies `--org`, printing every diagnostic; nil when the run must
    /// stop (exit 1). Needs no server, so a bad file is reported before credentials are even looked at.
    public static func prepare(_ options: PlanRunOptions, environment: [String: String]) -> Input? {
        do {
            let loaded = try DesiredStateLoader.load(
                options.files, environment: environment, colour: options.diagnosticsColour)
            guard let parsed = loaded.state else { return nil }
            return Input(
                desired: try OrganizationFilter.restrict(parsed, to: options.organizations), sources: loaded.sources)
        } catch {
            StandardError().line("reconcile: error: \(error.description)")
            return nil
        }
    }

    /// Runs the command and says how the process should end. Never throws: every failure is printed.
    public func run() async -> ExitStatus {
        do {
            return try await runThrowing()
        } catch {
            errorOutput.line("reconcile: error: \(error.description)")
            return .failure
        }
    }

    private func runThrowing() async throws(ReconcileError) -> ExitStatus {
        let client: XoperoClient
        do { client = try connection.makeClient(logger: logger) } catch { throw .client(error) }
        let status: Result<ExitStatus, ReconcileError>
        do {
            status = .success(try await run(desired: input.desired, sources: input.sources, client: client))
        } catch {
            status = .failure(error)
        }
        await client.shutdown()
        return try status.get()
    }

    private func run(desired: DesiredState, sources: [SourceFile], client: XoperoClient) async throws(ReconcileError)
        -> ExitStatus
    {
        let limiter = ConcurrencyLimiter(limit: options.concurrency)
        let clock = ContinuousClock()
        let started = clock.now
        let live: LiveState
        do {
            try await client.authenticate()
            live = try await LiveStateFetcher(client: client, limiter: limiter, logger: logger)
                .fetch(organizationNames: Set(desired.organizations.map(\.name)))
        } catch {
            throw .client(error)
        }
        logger.info("read the live state of \(live.organizations.count) organization(s) in \(clock.now - started)")

        let planning = Planner.plan(desired: desired, live: live, options: options.planning)
        DesiredStateLoader.printDiagnostics(planning.diagnostics, sources: sources, colour: options.diagnosticsColour)
        guard let plan = planning.plan, !planning.diagnostics.containsErrors else { return .failure }

        let refusals = SafetyCheck.check(plan, live: live, policy: options.safety)
        if refusals.containsErrors {
            print(render(plan, report: nil))
            DesiredStateLoader.printDiagnostics(refusals, sources: sources, colour: options.diagnosticsColour)
            errorOutput.line("reconcile: error: refused by the safety check; nothing was changed")
            return .failure
        }
        DesiredStateLoader.printDiagnostics(refusals, sources: sources, colour: options.diagnosticsColour)

        if let expected = options.expectedFingerprint,
            !PlanFingerprint.matches(expected, plan.fingerprint)
        {
            throw .fingerprintMismatch(expected: expected, actual: plan.fingerprint)
        }

        guard options.apply else {
            print(render(plan, report: nil))
            try writeOut(plan, report: nil)
            return options.detailedExitCode && !plan.isEmpty ? .changesPlanned : .success
        }
        guard !plan.isEmpty else {
            print(render(plan, report: nil))
            try writeOut(plan, report: nil)
            return .success
        }
        let execution = await apply(plan, client: client, limiter: limiter)
        let report = execution.report
        print(render(plan, report: report))
        try writeOut(plan, report: report)
        if let abortedBy = execution.abortedBy {
            // Not a partial success: every further call would have failed the same way.
            errorOutput.line(
                "reconcile: error: \(abortedBy.description) The run stopped there: \(report.succeededCount) of "
                    + "\(report.results.count) operations were done, the others were not attempted.")
            return .failure
        }
        if report.interrupted { return .interrupted }
        return report.isComplete ? .success : .applyFailed
    }

    private func apply(_ plan: ReconcilePlan, client: XoperoClient, limiter: ConcurrencyLimiter) async
        -> PlanExecutor.Execution
    {
        let flag = InterruptionFlag()
        let output = errorOutput
        let watcher = InterruptSignalWatcher(flag: flag) { output.line("reconcile: \($0)") }
        let progress = ApplyProgressReporter(totalOperations: plan.operations.count)
        let executor = PlanExecutor(writer: client, limiter: limiter, interruption: flag) { event in
            await progress.handle(event)
        }
        let report = await executor.apply(plan)
        await progress.finish()
        watcher.stop()
        return report
    }

    private func render(_ plan: ReconcilePlan, report: ApplyReport?) -> String {
        let text: String =
            switch options.format {
            case .text: PlanRenderer.text(plan, report: report, colour: options.colour, verbose: options.verbose)
            case .markdown: PlanRenderer.markdown(plan, report: report)
            case .json: PlanRenderer.json(plan, report: report)
            }
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    /// Saves the JSON document (`--out`); it holds names, ids and results, never a secret.
    private func writeOut(_ plan: ReconcilePlan, report: ApplyReport?) throws(ReconcileError) {
        guard let path = options.outPath else { return }
        do {
            try Data(PlanRenderer.json(plan, report: report).utf8).write(
                to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .unwritableOutput(path: path, reason: error.localizedDescription)
        }
    }
}
