/// Turns a desired state and a live state into diagnostics and one ordered plan. Pure: no I/O.
///
/// The plan is nil when the desired state does not resolve against the live state. When only the
/// integrity stage found errors (organizations or plans that cannot be read), the plan covers the other
/// organizations and the diagnostics hold the errors: a dry run may show it, an apply must not run it.
///
/// Stages, each a function with named input and output:
/// 0. `IntegrityStage`: never plan from what cannot be fully read (`LiveStateIntegrity`).
/// 1. `SemanticValidator`: resolve organization, plan and repository names against the live state.
/// 2. `MembershipTargets`: each plan's repositories after reconciling, and licence needs.
/// 3. `PlanDiff`: the calls, bucketed by step, each step in its stable order.
/// 4. `PlanFingerprint`: the hash a reviewer can pin with `--expect-fingerprint`.
public enum Planner {
    /// Plans the calls that reconcile `live` with `desired`. The plan is nil exactly when a diagnostic is an error.
    public static func plan(
        desired: DesiredState, live: LiveState, options: PlanningOptions = .init()
    ) -> PlanningResult {
        let integrity = IntegrityStage(desired: desired, live: live)
        let resolution = SemanticValidator.resolve(desired: integrity.plannable, live: live)
        var diagnostics = integrity.diagnostics + resolution.diagnostics
        guard !resolution.diagnostics.containsErrors else {
            return PlanningResult(plan: nil, diagnostics: diagnostics.sortedByLocation())
        }

        var steps = StepOperations()
        var unmanagedPlans: [String: [String]] = [:]
        let organizations = resolution.organizations.sorted { OrdinalOrder.less($0.desired.name, $1.desired.name) }
        for organization in organizations {
            let (target, targetDiagnostics) = MembershipTargets.compute(for: organization)
            let (operations, diffDiagnostics) = PlanDiff.operations(for: target, options: options)
            let (checked, integrityErrors) = integrity.check(operations, of: organization.desired)
            diagnostics += targetDiagnostics + diffDiagnostics + integrityErrors
            steps.append(contentsOf: checked)
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
