/// Stage 0 of planning: never plan from what cannot be fully read.
///
/// - An organization the desired state names that cannot be read is an error at its name, and nothing is
///   planned for it; the other organizations are planned (a dry run shows them, an apply writes nothing).
/// - A plan the desired state names whose membership cannot be read is an error at its name, with both
///   numbers, and its organization is not planned.
/// - An unmanaged plan whose membership cannot be read is left alone, with a warning; but because it may
///   protect repositories it does not list, its organization deactivates no licence: a deactivation there
///   is an error.
struct IntegrityStage {
    let assessment: LiveStateAssessment
    /// The desired state without the organizations that must not be planned.
    let plannable: DesiredState
    let diagnostics: [Diagnostic]

    init(desired: DesiredState, live: LiveState) {
        let assessment = LiveStateIntegrity.assess(live)
        var diagnostics: [Diagnostic] = []
        var plannable: [DesiredOrganization] = []
        for organization in desired.organizations {
            if let reasons = assessment.unreadableOrganizations[organization.name] {
                diagnostics.append(
                    .error(Self.unreadableOrganization(organization.name, reasons), at: organization.location))
                continue
            }
            let unreadable = assessment.unreadablePlans[organization.name] ?? []
            var blocked = false
            for plan in unreadable {
                if let named = organization.plans.first(where: { $0.name == plan.name }) {
                    diagnostics.append(.error(Self.unreadableNamedPlan(plan, organization.name), at: named.location))
                    blocked = true
                } else {
                    diagnostics.append(.warning(Self.unreadableUnmanagedPlan(plan, organization.name)))
                }
            }
            if !blocked { plannable.append(organization) }
        }
        self.assessment = assessment
        self.plannable = DesiredState(organizations: plannable)
        self.diagnostics = diagnostics
    }

    /// The operations of an organization with an unreadable (unmanaged) plan, unless they deactivate a
    /// licence: then an error, and none of its operations.
    func check(_ operations: StepOperations, of organization: DesiredOrganization) -> (
        StepOperations, [Diagnostic]
    ) {
        guard let unreadable = assessment.unreadablePlans[organization.name], !unreadable.isEmpty else {
            return (operations, [])
        }
        let deactivated = operations.ordered.reduce(0) { count, operation in
            if case .deactivate(let batch) = operation { return count + batch.repositories.count }
            return count
        }
        guard deactivated > 0 else { return (operations, []) }
        let names = unreadable.map { "\"\($0.name)\"" }.joined(separator: ", ")
        return (
            StepOperations(),
            [
                .error(
                    "organization \"\(organization.name)\": \(deactivated) licence(s) would be deactivated, but the "
                        + "membership of plan \(names) cannot be read, so it may protect them; nothing is planned for "
                        + "this organization. Use `licenses: additive`, or switch the plan to a list selection",
                    at: organization.location)
            ]
        )
    }

    static func unreadableOrganization(_ name: String, _ reasons: [String]) -> String {
        IntegrityMessages.unreadableOrganization(name, reasons) + "; nothing is planned for it"
    }

    static func unreadableNamedPlan(_ plan: UnreadablePlan, _ organization: String) -> String {
        "plan \"\(plan.name)\" of organization \"\(organization)\": its membership cannot be read (\(plan.numbers)); "
            + "it may select repositories another way (exclude or rules), so this tool never attaches to or "
            + "detaches from it, and nothing is planned for this organization. Remove the plan from the file, or "
            + "switch it to \"Select repositories\" in the console"
    }

    static func unreadableUnmanagedPlan(_ plan: UnreadablePlan, _ organization: String) -> String {
        "plan \"\(plan.name)\" of organization \"\(organization)\" is left alone: its membership cannot be read "
            + "(\(plan.numbers))"
    }
}

/// Messages of the integrity rules shared by the planner, `export` and `doctor`.
public enum IntegrityMessages {
    /// `organization "acme" cannot be read: <reason>; <reason>`.
    public static func unreadableOrganization(_ name: String, _ reasons: [String]) -> String {
        "organization \"\(name)\" cannot be read: " + reasons.joined(separator: "; ")
    }
}
