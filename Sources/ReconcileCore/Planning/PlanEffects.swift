/// A pure, in-memory model of what the five calls do to the server, as `XOPERO-API.md` describes
/// them: activate and deactivate set `isActive`; modify sets the readable fields it sends (a nil
/// field is left unchanged; write-only fields leave no trace that can be read back); attach adds a
/// repository id to the plan's explicit list unless present or removed; detach removes it.
/// Used by the property tests ("apply, then plan again: nothing left to do") and the end-to-end tests.
public enum PlanEffects {
    public static func apply(_ plan: ReconcilePlan, to live: LiveState) -> LiveState {
        var state = live
        var organizationPositions: [String: Int] = [:]
        for (position, organization) in state.organizations.enumerated()
        where organizationPositions[organization.id] == nil {
            organizationPositions[organization.id] = position
        }
        for operation in plan.operations {
            switch operation {
            case .activate(let op):
                setLicense(true, op, in: &state, organizationPositions)
            case .deactivate(let op):
                setLicense(false, op, in: &state, organizationPositions)
            case .modify(let op):
                updatePlan(op.organization.id, op.plan.id, in: &state, organizationPositions) { plan in
                    if let value = op.backupType { plan.backupType = value }
                    if let value = op.includeMetadata { plan.includeMetadata = value }
                    if let value = op.includeAllRepositories { plan.includeAllRepositories = value }
                }
            case .attach(let op):
                let removed = isRemoved(
                    op.repository.id, organization: op.organization.id, in: state, organizationPositions)
                updatePlan(op.organization.id, op.plan.id, in: &state, organizationPositions) { plan in
                    if !removed && !plan.repositoryIds.contains(op.repository.id) {
                        plan.repositoryIds.append(op.repository.id)
                    }
                }
            case .detach(let op):
                updatePlan(op.organization.id, op.plan.id, in: &state, organizationPositions) { plan in
                    plan.repositoryIds.removeAll { $0 == op.repository.id }
                }
            }
        }
        return state
    }

    private static func setLicense(
        _ active: Bool, _ operation: LicenseOperation, in state: inout LiveState, _ positions: [String: Int]
    ) {
        guard let organization = positions[operation.organization.id] else { return }
        let ids = Set(operation.repositories.map(\.id))
        for index in state.organizations[organization].repositories.indices
        where ids.contains(state.organizations[organization].repositories[index].id) {
            state.organizations[organization].repositories[index].isActive = active
        }
    }

    private static func updatePlan(
        _ organizationId: String, _ planId: String, in state: inout LiveState, _ positions: [String: Int],
        _ change: (inout LivePlan) -> Void
    ) {
        guard let organization = positions[organizationId],
            let plan = state.organizations[organization].plans.firstIndex(where: { $0.id == planId })
        else { return }
        change(&state.organizations[organization].plans[plan])
    }

    private static func isRemoved(
        _ repositoryId: String, organization organizationId: String, in state: LiveState, _ positions: [String: Int]
    ) -> Bool {
        guard let organization = positions[organizationId] else { return true }
        return state.organizations[organization].repositories.first { $0.id == repositoryId }?.isRemoved ?? true
    }
}
