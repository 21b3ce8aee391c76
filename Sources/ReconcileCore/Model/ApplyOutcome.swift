/// What happened to one planned operation when the plan was applied.
public enum OperationResult: Sendable, Hashable {
    /// The call succeeded.
    case ok
    /// The call failed (or, for a licence batch, some of its repositories failed).
    /// `failedRepositories` names the repositories of a licence batch that did not get (or lose) a licence.
    case failed(code: String?, message: String, failedRepositories: [ObjectRef])
    /// Not attempted because an operation it depends on failed, or the run was interrupted.
    case skipped(reason: String)

    public var isOK: Bool { if case .ok = self { true } else { false } }
}

/// The outcome of every operation of an applied plan, in plan order.
public struct ApplyReport: Sendable, Hashable {
    public var plan: ReconcilePlan
    /// One result per operation of `plan.operations`, same index (always exactly as many).
    public private(set) var results: [OperationResult]
    /// True when the run was interrupted (Ctrl-C) before every operation was attempted.
    public var interrupted: Bool

    /// The result of an operation the caller gave none for.
    public static let notAttempted = OperationResult.skipped(reason: "not attempted")

    /// `results` are matched to `plan.operations` by index; operations without a result count as
    /// `notAttempted`, so every reader sees one result per operation.
    public init(plan: ReconcilePlan, results: [OperationResult], interrupted: Bool = false) {
        self.plan = plan
        let count = plan.operations.count
        self.results =
            Array(results.prefix(count)) + Array(repeating: Self.notAttempted, count: max(0, count - results.count))
        self.interrupted = interrupted
    }

    /// The result of operation `index`: `notAttempted` for an index the report has no result for (a report
    /// read against a longer plan), so that every reader treats a missing result alike.
    public func result(at index: Int) -> OperationResult {
        results.indices.contains(index) ? results[index] : Self.notAttempted
    }

    public var failedCount: Int { results.filter { if case .failed = $0 { true } else { false } }.count }
    public var skippedCount: Int { results.filter { if case .skipped = $0 { true } else { false } }.count }
    public var succeededCount: Int { results.filter(\.isOK).count }
    /// True when every operation succeeded.
    public var isComplete: Bool { succeededCount == results.count && !interrupted }
}
