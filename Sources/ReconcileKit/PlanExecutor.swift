import Logging
import ReconcileCore
import Synchronization
import XoperoAPI
import XoperoContract

/// Applies a plan: its steps one after the other in plan order (activate, modify, attach, detach,
/// deactivate), the calls inside a step concurrently: at most `maxConcurrentOperations` operations are
/// under way, and the client's limiter decides how many calls are actually in flight.
///
/// A failed call does not stop the calls that do not depend on it. Dependencies:
/// - attaching a repository depends on its activation (when the plan activates it): if that failed, the
///   attach is skipped, because a plan must not hold an unlicensed repository;
/// - deactivating a repository depends on its detaches: if one failed, the repository stays licensed
///   (it is still in a plan) and is reported as not deactivated.
/// After an interruption no new operation starts; the rest is reported as skipped. A call the client
/// refused to send because the run was stopping is skipped too; one cancelled in flight is failed (it
/// may or may not have been made).
public struct PlanExecutor: Sendable {
    /// What the executor reports while it runs.
    public enum Event: Sendable {
        case stepStarted(PlanStep, calls: Int)
        case operationFinished(index: Int, PlannedOperation, OperationResult)
    }

    private let writer: any PlanWriter
    private let maxConcurrentOperations: Int
    private let interruption: InterruptionFlag
    private let observe: @Sendable (Event) async -> Void

    public init(
        writer: any PlanWriter, maxConcurrentOperations: Int, interruption: InterruptionFlag = InterruptionFlag(),
        observe: @escaping @Sendable (Event) async -> Void = { _ in }
    ) {
        self.writer = writer
        self.maxConcurrentOperations = max(1, maxConcurrentOperations)
        self.interruption = interruption
        self.observe = observe
    }

    /// What an apply did: one result per operation, and why it stopped early if it did.
    public struct Execution: Sendable {
        public var report: ApplyReport
        /// Set when a failure made every further call pointless (no permission to write, credentials
        /// refused, server gone): the calls not yet started were skipped.
        public var abortedBy: XoperoClientError?
    }

    /// Runs every operation and returns one result per operation, in plan order.
    public func apply(_ plan: ReconcilePlan) async -> Execution {
        let operations = plan.operations
        var results = [OperationResult?](repeating: nil, count: operations.count)
        var dependencies = DependencyFailures()
        let indicesByStep = Dictionary(grouping: operations.indices, by: { operations[$0].step })
        let abort = AbortState()

        for step in PlanStep.allCases {
            guard let indices = indicesByStep[step], !indices.isEmpty else { continue }
            if interruption.isInterrupted || abort.reason != nil { break }
            await observe(.stepStarted(step, calls: indices.count))
            let known = dependencies
            let stepResults = await runStep(indices.map { ($0, operations[$0]) }, dependencies: known, abort: abort)
            for (index, result) in stepResults {
                results[index] = result
                dependencies.record(operations[index], result)
            }
        }
        let abortedBy = abort.reason
        let notStarted: OperationResult =
            if let abortedBy {
                .skipped(reason: "not attempted: the run stopped after a call failed with \(abortedBy.shortReason)")
            } else {
                .skipped(reason: "interrupted")
            }
        let interrupted = abortedBy == nil && (interruption.isInterrupted || results.contains { $0 == nil })
        return Execution(
            report: ApplyReport(plan: plan, results: results.map { $0 ?? notStarted }, interrupted: interrupted),
            abortedBy: abortedBy)
    }

    /// The operations of one step, at most `maxConcurrentOperations` at a time; an operation not started
    /// because of an interruption or an abort has no result.
    private func runStep(
        _ operations: [(Int, PlannedOperation)], dependencies: DependencyFailures, abort: AbortState
    ) async -> [(Int, OperationResult)] {
        let writer = self.writer
        let interruption = self.interruption
        let observe = self.observe
        return await withTaskGroup(of: (Int, OperationResult)?.self) { group in
            var finished: [(Int, OperationResult)] = []
            var running = 0
            for (index, operation) in operations {
                if running >= maxConcurrentOperations, let entry = await group.next() {
                    running -= 1
                    if let entry { finished.append(entry) }
                }
                // Checked when a place is free: after Ctrl-C or an abort, waiting operations never start.
                if interruption.isInterrupted || abort.reason != nil { break }
                running += 1
                group.addTask {
                    let (result, error) = await Self.perform(operation, writer: writer, dependencies: dependencies)
                    if let error, error.makesFurtherCallsPointless { abort.record(error) }
                    if case .skipped(let reason) = result, reason == Self.notSentReason { return nil }
                    await observe(.operationFinished(index: index, operation, result))
                    return (index, result)
                }
            }
            for await entry in group { if let entry { finished.append(entry) } }
            return finished
        }
    }

    /// The reason of an operation whose call the client did not send because the run was stopping.
    static let notSentReason = "interrupted"

    static func perform(
        _ operation: PlannedOperation, writer: any PlanWriter, dependencies: DependencyFailures
    ) async -> (OperationResult, XoperoClientError?) {
        do {
            return (try await call(operation, writer: writer, dependencies: dependencies), nil)
        } catch {
            if case .notStarted = error { return (.skipped(reason: notSentReason), nil) }
            let failed: [ObjectRef] =
                switch operation {
                case .activate(let batch), .deactivate(let batch): batch.repositories
                case .modify, .attach, .detach: []
                }
            let code = error.errorCode ?? error.status.map { "HTTP \($0)" }
            return (.failed(code: code, message: error.description, failedRepositories: failed), error)
        }
    }

    private static func call(
        _ operation: PlannedOperation, writer: any PlanWriter, dependencies: DependencyFailures
    ) async throws(XoperoClientError) -> OperationResult {
        switch operation {
        case .activate(let batch):
            let outcome = try await writer.activate(repositoryIDs: batch.repositories.map(\.id))
            return batchResult(batch.repositories, outcome, verb: "activated", notDone: [])
        case .modify(let modify):
            try await writer.modifyPlan(
                PlanModification(
                    planID: modify.plan.id, backupType: modify.backupType, workerID: modify.worker,
                    settings: modify.settings, includeAllRepositories: modify.includeAllRepositories,
                    includeMetadata: modify.includeMetadata))
            return .ok
        case .attach(let membership):
            if let reason = dependencies.activationFailure[membership.repository.id] {
                return .skipped(reason: "not attached: activating its licence failed (\(reason))")
            }
            try await writer.attach(planID: membership.plan.id, repositoryID: membership.repository.id)
            return .ok
        case .detach(let membership):
            try await writer.detach(planID: membership.plan.id, repositoryID: membership.repository.id)
            return .ok
        case .deactivate(let batch):
            let blocked = batch.repositories.filter { dependencies.detachFailure.contains($0.id) }
            let ready = batch.repositories.filter { !dependencies.detachFailure.contains($0.id) }
            if ready.isEmpty {
                return .skipped(
                    reason: "not deactivated: detaching them from a plan failed, so they keep their licence")
            }
            var outcome = try await writer.deactivate(repositoryIDs: ready.map(\.id))
            // GT1001 on deactivate means "not found or not active": either way the repository holds no
            // licence, which is what the call is for. It happens when a retried call's first attempt
            // did the work and lost its answer, so it is not a failure.
            outcome.failed = outcome.failed.filter {
                $0.value != XoperoAssumptions.ErrorCode.repositoryNotFound.rawValue
            }
            return batchResult(ready, outcome, verb: "deactivated", notDone: blocked)
        }
    }

    /// The result of a licence batch from the server's per-id split (`notDone`: left out for a dependency).
    static func batchResult(
        _ repositories: [ObjectRef], _ outcome: BatchOutcome, verb: String, notDone: [ObjectRef]
    ) -> OperationResult {
        let failed = repositories.filter { outcome.failed[$0.id] != nil }
        if failed.isEmpty && notDone.isEmpty { return .ok }
        var parts = failed.map { "\($0.name): \(describeCode(outcome.failed[$0.id] ?? "?"))" }
        parts += notDone.map { "\($0.name): detaching it failed, so it keeps its licence" }
        let codes = Set(failed.compactMap { outcome.failed[$0.id] })
        let total = repositories.count + notDone.count
        return .failed(
            code: codes.count == 1 ? codes.first : nil,
            message: "\(failed.count + notDone.count) of \(total) repositories not \(verb): "
                + parts.joined(separator: "; "),
            failedRepositories: failed + notDone)
    }
}

/// `LI5020 (no free licence left)`, or the bare code when the contract does not name it.
func describeCode(_ code: String) -> String {
    guard let known = XoperoAssumptions.ErrorCode(rawValue: code) else { return code }
    return "\(code) (\(known.meaning))"
}

/// What earlier steps failed to do, by repository id, so that later calls depending on it are skipped.
struct DependencyFailures: Sendable {
    /// Repository id to why its licence was not activated.
    var activationFailure: [String: String] = [:]
    /// Repositories still attached to some plan because a detach failed.
    var detachFailure: Set<String> = []

    mutating func record(_ operation: PlannedOperation, _ result: OperationResult) {
        switch (operation, result) {
        case (.activate, .failed(let code, let message, let repositories)):
            for repository in repositories { activationFailure[repository.id] = code.map(describeCode) ?? message }
        case (.activate(let batch), .skipped(let reason)):
            for repository in batch.repositories { activationFailure[repository.id] = reason }
        case (.detach(let membership), .failed), (.detach(let membership), .skipped):
            detachFailure.insert(membership.repository.id)
        default:
            break
        }
    }
}

/// The first failure that makes further calls pointless, shared by the calls of a run.
final class AbortState: Sendable {
    private let first = Mutex<XoperoClientError?>(nil)

    var reason: XoperoClientError? { first.withLock { $0 } }

    func record(_ error: XoperoClientError) {
        first.withLock { if $0 == nil { $0 = error } }
    }
}

extension XoperoClientError {
    /// True when every further call would fail the same way: the account may not write, the
    /// credentials are refused, or the server stopped answering or stalls (after the retry budget).
    var makesFurtherCallsPointless: Bool {
        switch self {
        case .forbidden, .tokenRejected, .unauthorizedAfterRelogin, .loginRejected, .noTokenInLoginAnswer,
            .configuration, .unreachable, .tls, .tokenExpired, .timedOut:
            true
        case .notFound, .badRequest, .throttled, .serverFault, .unexpectedStatus, .malformedAnswer,
            .answerTooLarge, .notStarted, .cancelled:
            false
        }
    }

    /// `HTTP 403` or `no answer`, for a skipped operation's reason.
    var shortReason: String {
        let call = self.call.map { " (\($0.displayName))" } ?? ""
        if let status { return "HTTP \(status)\(call)" }
        return "no answer\(call)"
    }
}
