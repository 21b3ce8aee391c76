/// One line of a plan as people read it: nested under its organization and plan, with an optional
/// `+` / `-` / `~` marker. The text and Markdown renderers lay the same outline out differently.
struct OutlineLine: Sendable, Hashable {
    enum Marker: Sendable, Hashable {
        case add, remove, change
    }

    let depth: Int
    let marker: Marker?
    let text: String
}

/// Groups a plan's operations by organization and plan (both in name order), keeping each group's
/// lines in plan order: licences to activate, then each plan's changes, attaches and detaches, then
/// licences to deactivate.
enum PlanOutline {
    private struct PlanGroup {
        var plan: ObjectRef
        var lines: [OutlineLine] = []
    }

    private struct OrganizationGroup {
        var organization: ObjectRef
        var activate: [ObjectRef] = []
        var plans: [String: PlanGroup] = [:]
        var deactivate: [ObjectRef] = []
    }

    static func lines(_ plan: ReconcilePlan, verbose: Bool) -> [OutlineLine] {
        var groups: [String: OrganizationGroup] = [:]
        func withPlan(_ organization: ObjectRef, _ planRef: ObjectRef, _ body: (inout PlanGroup) -> Void) {
            // Mutated in place through the dictionaries: copying a group out would copy its lines.
            body(
                &groups[organization.name, default: OrganizationGroup(organization: organization)]
                    .plans[planRef.name, default: PlanGroup(plan: planRef)])
        }
        func label(_ ref: ObjectRef) -> String { verbose ? "\(ref.name) (id \(ref.id))" : ref.name }
        for operation in plan.operations {
            switch operation {
            case .activate(let op):
                groups[op.organization.name, default: OrganizationGroup(organization: op.organization)].activate +=
                    op.repositories
            case .deactivate(let op):
                groups[op.organization.name, default: OrganizationGroup(organization: op.organization)].deactivate +=
                    op.repositories
            case .modify(let op):
                withPlan(op.organization, op.plan) { group in
                    for change in op.changes {
                        group.lines.append(
                            OutlineLine(
                                depth: 2, marker: .change,
                                text: "\(change.field.rawValue): \(change.from) -> \(change.to)"))
                    }
                    let unverified = OperationText.unverifiedFields(op)
                    if !unverified.isEmpty {
                        group.lines.append(
                            OutlineLine(
                                depth: 2, marker: .change,
                                text:
                                    "\(unverified.joined(separator: ", ")): sent unverified (write-only, cannot be read back)"
                            ))
                    }
                }
            case .attach(let op):
                withPlan(op.organization, op.plan) {
                    $0.lines.append(OutlineLine(depth: 2, marker: .add, text: label(op.repository)))
                }
            case .detach(let op):
                withPlan(op.organization, op.plan) {
                    $0.lines.append(OutlineLine(depth: 2, marker: .remove, text: label(op.repository)))
                }
            }
        }
        var names = Set(groups.keys)
        if verbose { names.formUnion(plan.unmanagedPlans.keys) }
        var lines: [OutlineLine] = []
        for name in names.sorted(by: OrdinalOrder.less) {
            let group = groups[name]
            let heading = group.map {
                verbose ? "Organization \"\(name)\" (id \($0.organization.id)):" : "Organization \"\(name)\":"
            }
            lines.append(OutlineLine(depth: 0, marker: nil, text: heading ?? "Organization \"\(name)\":"))
            guard let group else {
                lines += unmanagedLine(plan, name)
                continue
            }
            if !group.activate.isEmpty {
                lines.append(OutlineLine(depth: 1, marker: nil, text: "Activate licences:"))
                lines += group.activate.map { OutlineLine(depth: 2, marker: .add, text: label($0)) }
            }
            for planName in group.plans.keys.sorted(by: OrdinalOrder.less) {
                guard let planGroup = group.plans[planName] else { continue }
                let heading = verbose ? "Plan \"\(planName)\" (id \(planGroup.plan.id)):" : "Plan \"\(planName)\":"
                lines.append(OutlineLine(depth: 1, marker: nil, text: heading))
                lines += planGroup.lines
            }
            if !group.deactivate.isEmpty {
                lines.append(OutlineLine(depth: 1, marker: nil, text: "Deactivate licences:"))
                lines += group.deactivate.map { OutlineLine(depth: 2, marker: .remove, text: label($0)) }
            }
            if verbose { lines += unmanagedLine(plan, name) }
        }
        return lines
    }

    private static func unmanagedLine(_ plan: ReconcilePlan, _ organization: String) -> [OutlineLine] {
        guard let names = plan.unmanagedPlans[organization], !names.isEmpty else { return [] }
        let quoted = names.sorted(by: OrdinalOrder.less).map { "\"\($0)\"" }.joined(separator: ", ")
        return [OutlineLine(depth: 1, marker: nil, text: "Unmanaged plans (left alone): \(quoted)")]
    }
}
