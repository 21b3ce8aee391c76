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
    /// One result per operation of `plan.operations`, same index.
    public var results: [OperationResult]
    /// True when the run was interrupted (Ctrl-C) before every operation was attempted.
    public var interrupted: Bool

    public init(plan: ReconcilePlan, results: [OperationResult], interrupted: Bool = false) {
        self.plan = plan
        self.results = results
        self.interrupted = interrupted
    }

    public var failedCount: Int { results.filter { if case .failed = $0 { true } else { false } }.count }
    public var skippedCount: Int { results.filter { if case .skipped = $0 { true } else { false } }.count }
    public var succeededCount: Int { results.filter(\.isOK).count }
    /// True when every operation succeeded.
    public var isComplete: Bool { succeededCount == results.count && !interrupted }
}
