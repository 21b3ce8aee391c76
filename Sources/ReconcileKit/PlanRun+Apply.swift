import Foundation
import ReconcileCore
import XoperoAPI

extension PlanRun {
    /// Carries out the plan. The first Ctrl-C or SIGTERM stops new calls at once (the executor and the
    /// client's limiter both refuse to start one), lets the calls in flight finish for the grace period,
    /// then cancels them; the report then says what was and was not done.
    func apply(_ plan: ReconcilePlan, client: XoperoClient) async -> PlanExecutor.Execution {
        let output = self.output
        let progress = ApplyProgressReporter(
            totalOperations: plan.operations.count, live: output.isTerminal(.standardError),
            level: { await client.limiter.currentLimit }, write: { output.write($0, to: .standardError) })
        let executor = PlanExecutor(
            writer: client, maxConcurrentOperations: client.configuration.concurrency.maximum,
            interruption: interruption
        ) { event in
            await progress.handle(event)
        }
        let work = Task { await executor.apply(plan) }
        let grace = options.stopGracePeriod
        let stop: @Sendable (Int32) -> Void = { signal in
            let name = signal == SIGTERM ? "Terminated (SIGTERM)" : "Interrupted"
            output.printError(
                "reconcile: \(name): starting no new call; waiting up to \(Int(grace.inSeconds)) s for the calls in "
                    + "flight (again to stop at once).")
            Task {
                await client.limiter.stopStartingCalls()
                try? await Task.sleep(for: grace)
                work.cancel()
            }
        }
        interruption.onInterrupt(stop)
        let watcher =
            watchesSignals
            ? StopSignalWatcher(flag: interruption, announce: { output.printError("reconcile: \($0)") }) : nil
        let execution = await work.value
        await progress.finish()
        watcher?.stop()
        return execution
    }
}
