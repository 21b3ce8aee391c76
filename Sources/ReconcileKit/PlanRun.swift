import Foundation
import Logging
import ReconcileCore
import XoperoAPI
import XoperoContract

/// The plan/apply command: read the files, fetch the live state, plan, check safety, then print the plan
/// (dry run) or apply it and print the outcome. Everything it prints goes to its `OutputSink` (the plan
/// to standard output, everything else to standard error), and it returns how the process should end.
public struct PlanRun: Sendable {
    /// The flag that saves the plan document (`OutputFile`'s errors name it).
    public static let outOption = "--out"

    /// The desired state a run works on, read and checked offline before any connection is made.
    public struct Input: Sendable {
        /// Already limited to `--org`.
        public var desired: DesiredState
        public var sources: [SourceFile]
    }

    public var options: PlanRunOptions
    public var input: Input
    public var connection: ConnectionSettings
    public var output: any OutputSink
    public var logger: Logger
    /// Stops the apply (the signal watcher sets it; tests may set it themselves).
    public var interruption: InterruptionFlag
    /// Whether SIGINT and SIGTERM stop the apply gracefully (the executable); off when run in process.
    public var watchesSignals: Bool
    /// Told what the run did when it ends (job summary, metrics file, notifications).
    public var observers: [any RunObserver] = []

    public init(
        options: PlanRunOptions, input: Input, connection: ConnectionSettings, output: any OutputSink, logger: Logger,
        interruption: InterruptionFlag = InterruptionFlag(), watchesSignals: Bool = false
    ) {
        self.options = options
        self.input = input
        self.connection = connection
        self.output = output
        self.logger = logger
        self.interruption = interruption
        self.watchesSignals = watchesSignals
    }

    /// Reads and parses the files and applies `--org`, printing every diagnostic; nil when the run must
    /// stop (exit 1). Needs no server, so a bad file is reported before credentials are even looked at.
    public static func prepare(
        _ options: PlanRunOptions, environment: [String: String], output: any OutputSink
    ) -> Input? {
        let loaded = DesiredStateInput.load(
            options.files, environment: environment, output: output, colour: options.diagnosticsColour)
        guard let parsed = loaded.state else { return nil }
        do {
            return Input(
                desired: try OrganizationFilter.restrict(parsed, to: options.organizations), sources: loaded.sources)
        } catch {
            output.printError("reconcile: error: \(error.description)")
            return nil
        }
    }

    /// Runs the command and says how the process should end. Never throws: every failure is printed.
    public func run() async -> ExitStatus {
        let startedAt = Date()
        let clock = ContinuousClock()
        let start = clock.now
        var record = RunRecord(
            mode: options.apply ? .apply : .dryRun, startedAt: startedAt, duration: .zero, status: .failure,
            sources: input.sources)
        do throws(ReconcileError) {
            let outFile = try options.outPath.map { (path) throws(ReconcileError) in
                try OutputFile(path: path, option: Self.outOption, inputs: options.files + options.otherInputs)
            }
            let client: XoperoClient
            do { client = try connection.makeClient(logger: logger, output: output) } catch { throw .client(error) }
            let result: Result<ExitStatus, ReconcileError>
            do {
                result = .success(try await run(client: client, outFile: outFile, record: &record))
            } catch {
                result = .failure(error)
            }
            await client.shutdown()
            record.status = try result.get()
        } catch {
            output.printError("reconcile: error: \(error.description)")
            record.status = .failure
            record.error = error.description
        }
        record.duration = clock.now - start
        for observer in observers { await observer.runFinished(record, output: output) }
        return record.status
    }

    private func run(
        client: XoperoClient, outFile: OutputFile?, record: inout RunRecord
    ) async throws(ReconcileError) -> ExitStatus {
        let clock = ContinuousClock()
        let started = clock.now
        do { try await client.authenticate() } catch { throw .client(error) }
        let output = self.output
        let wait = options.waitForSync.map { limit in
            LiveStateFetcher.SynchronizationWait(limit: limit) { output.printError("reconcile: \($0)") }
        }
        let live = try await LiveStateFetcher(client: client, logger: logger)
            .fetch(organizationNames: Set(input.desired.organizations.map(\.name)), waitingForSync: wait)
        logger.info("read the live state of \(live.organizations.count) organization(s) in \(clock.now - started)")

        let planning = Planner.plan(desired: input.desired, live: live, options: options.planning)
        printDiagnostics(planning.diagnostics)
        record.diagnostics = planning.diagnostics
        record.plan = planning.plan
        guard let plan = planning.plan else { return .failure }
        if planning.diagnostics.containsErrors {
            // Integrity errors: the plan covers only what could be read. Shown, never applied.
            output.printOut(render(plan, report: nil))
            output.printError(
                "reconcile: error: the live state could not be fully read (see above); the plan shown leaves out "
                    + "what could not be read, and nothing was changed")
            return .failure
        }

        let refusals = SafetyCheck.check(plan, live: live, policy: options.safety)
        record.diagnostics += refusals
        if refusals.containsErrors {
            output.printOut(render(plan, report: nil))
            printDiagnostics(refusals)
            output.printError("reconcile: error: refused by the safety check; nothing was changed")
            return .failure
        }
        printDiagnostics(refusals)

        if let expected = options.expectedFingerprint, !PlanFingerprint.matches(expected, plan.fingerprint) {
            throw .fingerprintMismatch(expected: expected, actual: plan.fingerprint)
        }
        guard options.apply, !plan.isEmpty else {
            output.printOut(render(plan, report: nil))
            try outFile?.write(PlanRenderer.json(plan, report: nil))
            return options.detailedExitCode && !plan.isEmpty && !options.apply ? .changesPlanned : .success
        }
        let execution = await apply(plan, client: client)
        let report = execution.report
        record.report = report
        output.printOut(render(plan, report: report))
        try outFile?.write(PlanRenderer.json(plan, report: report))
        if let abortedBy = execution.abortedBy {
            // Not a partial success: every further call would have failed the same way.
            output.printError(
                "reconcile: error: \(abortedBy.description) The run stopped there: \(report.succeededCount) of "
                    + "\(report.results.count) operations were done, the others were not attempted.")
            return .failure
        }
        if report.interrupted { return interruption.signal == SIGTERM ? .terminated : .interrupted }
        return report.isComplete ? .success : .applyFailed
    }

    func printDiagnostics(_ diagnostics: [Diagnostic]) {
        output.printDiagnostics(diagnostics, sources: input.sources, colour: options.diagnosticsColour)
    }

    func render(_ plan: ReconcilePlan, report: ApplyReport?) -> String {
        switch options.format {
        case .text: PlanRenderer.text(plan, report: report, colour: options.colour, verbose: options.verbose)
        case .markdown: PlanRenderer.markdown(plan, report: report)
        case .json: PlanRenderer.json(plan, report: report)
        }
    }
}

extension OutputSink {
    /// Renders diagnostics compiler-style on standard error.
    public func printDiagnostics(_ diagnostics: [Diagnostic], sources: [SourceFile], colour: Bool) {
        guard !diagnostics.isEmpty else { return }
        printError(DiagnosticRenderer.render(diagnostics, sources: sources, colour: colour))
    }
}
