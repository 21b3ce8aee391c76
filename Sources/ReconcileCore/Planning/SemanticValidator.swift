/// A desired plan joined with the one live plan of the same name.
struct ResolvedPlan: Sendable {
    let desired: DesiredPlan
    let live: LivePlan
    /// The repositories the plan's list selects; nil when membership is not managed (no list, or
    /// `includeAllRepositories: true` desired).
    let matched: RepositorySet?
}

/// A desired organization joined with the one live organization of the same name.
struct ResolvedOrganization: Sendable {
    let desired: DesiredOrganization
    let index: OrganizationIndex
    /// Managed plans, in the order of the desired state.
    let plans: [ResolvedPlan]
    /// Repositories `keepLicensed` selects (empty unless `licenses: exact`).
    let keepLicensed: RepositorySet
}

/// The output of the semantic stage: every name resolved against the live state, or diagnostics saying why not.
struct SemanticResolution: Sendable {
    var organizations: [ResolvedOrganization]
    var diagnostics: [Diagnostic]
}

/// Stage 1 of planning: resolves organization, plan and repository names of the desired state
/// against the live state, collecting every error (not only the first) at its place in the file.
enum SemanticValidator {
    static func resolve(desired: DesiredState, live: LiveState) -> SemanticResolution {
        let liveByName = Dictionary(grouping: live.organizations, by: \.name)
        let liveNames = Set(live.organizations.map(\.name))
        var resolution = SemanticResolution(organizations: [], diagnostics: [])
        for organization in desired.organizations {
            let candidates = liveByName[organization.name] ?? []
            guard candidates.count == 1, let liveOrganization = candidates.first else {
                resolution.diagnostics.append(
                    candidates.isEmpty
                        ? .error(
                            organization.nameVariables.isEmpty
                                ? "organization \"\(organization.name)\" does not exist on the server"
                                    + NameSuggestion.didYouMean(organization.name, among: liveNames)
                                : PlanningMessages.unknownFromVariables(
                                    "organization", organization.nameVariables, in: "on the server"),
                            at: organization.location)
                        : .error(
                            "organization name \"\(organization.name)\" is ambiguous on the server: \(candidates.count) organizations have it (ids \(sortedIds(candidates.map(\.id)))); rename all but one in the console",
                            at: organization.location))
                continue
            }
            let (resolved, diagnostics) = resolve(organization, against: OrganizationIndex(liveOrganization))
            resolution.diagnostics += diagnostics
            if let resolved { resolution.organizations.append(resolved) }
        }
        return resolution
    }

    private static func resolve(
        _ organization: DesiredOrganization, against index: OrganizationIndex
    ) -> (ResolvedOrganization?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var selectors = SelectorResolver(index: index)
        var plans: [ResolvedPlan] = []
        for plan in organization.plans {
            let candidates = index.plansByName[plan.name] ?? []
            guard candidates.count == 1, let livePlan = candidates.first else {
                diagnostics.append(
                    candidates.isEmpty
                        ? .error(
                            plan.nameVariables.isEmpty
                                ? "plan \"\(plan.name)\" does not exist in organization \"\(organization.name)\""
                                    + (NameSuggestion.nearest(to: plan.name, among: index.plansByName.keys)
                                        .map { "; did you mean \"\($0)\"?" }
                                        ?? "; the API cannot create plans: create it in the console first")
                                : PlanningMessages.unknownFromVariables(
                                    "plan", plan.nameVariables, in: "in organization \"\(organization.name)\""),
                            at: plan.location)
                        : .error(
                            "plan name \"\(plan.name)\" is ambiguous in organization \"\(organization.name)\": \(candidates.count) plans have it (ids \(sortedIds(candidates.map(\.id)))); rename all but one in the console",
                            at: plan.location))
                continue
            }
            var matched: RepositorySet?
            if plan.includeAllRepositories != true, let list = plan.repositories {
                let (set, found) = selectors.resolve(list, as: .planRepositories)
                matched = set
                diagnostics += found
                if plan.includeAllRepositories == nil && livePlan.includeAllRepositories {
                    diagnostics.append(
                        .warning(
                            "plan \"\(plan.name)\" in organization \"\(organization.name)\" takes every repository (includeAllRepositories is true on the server), so its repositories list only changes the plan's explicit list; set includeAllRepositories: false to back up only the listed repositories",
                            at: plan.location))
                }
            }
            plans.append(ResolvedPlan(desired: plan, live: livePlan, matched: matched))
        }
        var keepLicensed = RepositorySet(capacity: index.repositories.count)
        if organization.licenses == .exact {
            let (set, found) = selectors.resolve(organization.keepLicensed, as: .keepLicensed)
            keepLicensed = set
            diagnostics += found
        }
        guard !diagnostics.containsErrors else { return (nil, diagnostics) }
        return (
            ResolvedOrganization(desired: organization, index: index, plans: plans, keepLicensed: keepLicensed),
            diagnostics
        )
    }

    private static func sortedIds(_ ids: [String]) -> String {
        ids.sorted(by: OrdinalOrder.less).joined(separator: ", ")
    }
}
