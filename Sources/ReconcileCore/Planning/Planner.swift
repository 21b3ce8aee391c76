/// Turns a desired state and a live state into diagnostics and one ordered plan. Pure: no I/O.
///
/// Stages, each a function with named input and output:
/// 1. `SemanticValidator`: resolve organization, plan and repository names against the live state.
/// 2. `MembershipTargets`: each plan's repositories after reconciling, and licence needs.
/// 3. `PlanDiff`: the calls, bucketed by step, each step in its stable order.
/// 4. `PlanFingerprint`: the hash a reviewer can pin with `--expect-fingerprint`.
public enum Planner {
    /// Plans the calls that reconcile `live` with `desired`. The plan is nil exactly when a diagnostic is an error.
    public static func plan(
        desired: DesiredState, live: LiveState, options: PlanningOptions = .init()
    ) -> PlanningResult {
        let resolution = SemanticValidator.resolve(desired: desired, live: live)
        var diagnostics = resolution.diagnostics
        guard !diagnostics.containsErrors else {
            return PlanningResult(plan: nil, diagnostics: diagnostics.sortedByLocation())
        }

        var steps = StepOperations()
        var unmanagedPlans: [String: [String]] = [:]
        let organizations = resolution.organizations.sorted { OrdinalOrder.less($0.desired.name, $1.desired.name) }
        for organization in organizations {
            let (target, targetDiagnostics) = MembershipTargets.compute(for: organization)
            let (operations, diffDiagnostics) = PlanDiff.operations(for: target, options: options)
            diagnostics += targetDiagnostics + diffDiagnostics
            steps.append(contentsOf: operations)
            let unmanaged = target.plans.filter { $0.desired == nil }.map(\.live.name)
            if !unmanaged.isEmpty { unmanagedPlans[organization.desired.name] = unmanaged }
        }
        diagnostics = diagnostics.sortedByLocation()
        let plan = ReconcilePlan(
            operations: steps.ordered,
            warnings: diagnostics.filter { $0.severity != .error },
            fingerprint: PlanFingerprint.compute(desired: desired, live: live, options: options),
            unmanagedPlans: unmanagedPlans)
        return PlanningResult(plan: plan, diagnostics: diagnostics)
    }
}
