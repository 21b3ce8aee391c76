import Foundation
import ReconcileCore
import Synchronization

/// One command run as a CI job sees it: the output wrapped for CI (`PipelineOutput`), and the observers
/// that report the run when it ends (job summary, metrics file, notification).
///
/// A plan run hands its record to the observers itself (`observers(organizations:)`). A run that stops
/// before it has a plan run (an invalid file, missing credentials, a simulator state that cannot be
/// read) is reported by `end(_:)` instead, with a record of what is known: the mode, the times, the
/// status, the diagnostics and the last error printed. Either way every observer hears of every run once.
public struct PipelineSession: Sendable {
    public let output: PipelineOutput
    public let mode: RunRecord.Mode
    public let startedAt: Date
    private let started: ContinuousClock.Instant
    private let stepSummary: StepSummaryWriter?
    private let metricsFile: OutputFile?
    private let webhook: WebhookObserver?
    private let delivery = DeliveryFlag()

    public init(
        output: PipelineOutput, mode: RunRecord.Mode, stepSummary: StepSummaryWriter? = nil,
        metricsFile: OutputFile? = nil, webhook: WebhookObserver? = nil
    ) {
        self.output = output
        self.mode = mode
        self.startedAt = Date()
        self.started = ContinuousClock.now
        self.stepSummary = stepSummary
        self.metricsFile = metricsFile
        self.webhook = webhook
    }

    /// The observers for a plan run about `organizations` (for the metrics' per-organization zeros).
    public func observers(organizations: [String]) -> [any RunObserver] {
        var observers: [any RunObserver] = [delivery]
        if let stepSummary { observers.append(stepSummary) }
        if let metricsFile {
            observers.append(MetricsFile(file: metricsFile, organizations: organizations, mask: output.mask))
        }
        if let webhook { observers.append(webhook) }
        return observers
    }

    /// Reports a run that ended before a plan run could (when none did).
    public func end(_ status: ExitStatus) async {
        guard !delivery.delivered else { return }
        let record = RunRecord(
            mode: mode, startedAt: startedAt, duration: ContinuousClock.now - started, status: status,
            diagnostics: output.collector.diagnostics,
            error: output.collector.lastError
                ?? (output.collector.diagnostics.containsErrors ? "the desired-state files are invalid" : nil))
        for observer in observers(organizations: []) { await observer.runFinished(record, output: output) }
    }
}

/// Notes that a plan run delivered its record.
final class DeliveryFlag: RunObserver {
    private let flag = Mutex(false)

    var delivered: Bool { flag.withLock { $0 } }

    func runFinished(_ record: RunRecord, output: any OutputSink) async {
        flag.withLock { $0 = true }
    }
}

extension PlanRun {
    /// The same run, telling `observers` too when it ends.
    public func observed(by observers: [any RunObserver]) -> PlanRun {
        var copy = self
        copy.observers += observers
        return copy
    }
}
