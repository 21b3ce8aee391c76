import Foundation
import ReconcileCore

/// What a plan or apply run did, handed to the run's observers when it ends (a job summary, a metrics
/// file, a notification). Holds names, counts and results, never a secret.
public struct RunRecord: Sendable {
    public enum Mode: String, Sendable {
        case dryRun = "dry-run"
        case apply
    }

    public var mode: Mode
    public var startedAt: Date
    public var duration: Duration
    public var status: ExitStatus
    /// The plan, when one was made (a partial one when the live state could not be fully read).
    public var plan: ReconcilePlan?
    /// What the apply did, after an apply.
    public var report: ApplyReport?
    /// Every diagnostic of the run (parsing, planning, safety), with the files they point into.
    public var diagnostics: [Diagnostic]
    public var sources: [SourceFile]
    /// The error that ended the run, as printed.
    public var error: String?

    public init(
        mode: Mode, startedAt: Date, duration: Duration, status: ExitStatus, plan: ReconcilePlan? = nil,
        report: ApplyReport? = nil, diagnostics: [Diagnostic] = [], sources: [SourceFile] = [], error: String? = nil
    ) {
        self.mode = mode
        self.startedAt = startedAt
        self.duration = duration
        self.status = status
        self.plan = plan
        self.report = report
        self.diagnostics = diagnostics
        self.sources = sources
        self.error = error
    }

    /// True when the dry run found something to change (drift, on a scheduled run).
    public var foundDrift: Bool { !(plan?.isEmpty ?? true) }
}

/// Told about a run when it ends. Observers must not fail the run: they report their own problems on
/// the run's output and return.
public protocol RunObserver: Sendable {
    func runFinished(_ record: RunRecord, output: any OutputSink) async
}
