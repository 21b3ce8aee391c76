/// Knobs of the planner that change which calls are planned.
public struct PlanningOptions: Sendable, Hashable {
    /// At most this many repository ids in one activate or deactivate call (at least 1).
    public var licenseChunkSize: Int
    /// Send the write-only `worker` and `settings` to every plan that declares them, with a modify
    /// call even when no readable field differs (`--push-write-only`).
    public var pushWriteOnly: Bool

    public init(licenseChunkSize: Int = 100, pushWriteOnly: Bool = false) {
        self.licenseChunkSize = licenseChunkSize
        self.pushWriteOnly = pushWriteOnly
    }
}

/// What planning produced: the plan, or nil when any diagnostic is an error, and every diagnostic.
///
/// `diagnostics` holds errors and warnings in the order of the desired-state file; the plan's own
/// `warnings` repeat the warnings so that they travel with the rendered plan.
public struct PlanningResult: Sendable {
    public var plan: ReconcilePlan?
    public var diagnostics: [Diagnostic]

    public init(plan: ReconcilePlan?, diagnostics: [Diagnostic]) {
        self.plan = plan
        self.diagnostics = diagnostics
    }
}
