/// One live plan's membership now and after reconciling.
struct PlanTarget: Sendable {
    let live: LivePlan
    /// nil for a plan the desired state does not name (left alone, but it still needs licences).
    let desired: DesiredPlan?
    /// The plan's explicit repositories now (ids the organization knows).
    let current: RepositorySet
    /// The plan's explicit repositories after reconciling.
    let target: RepositorySet
    /// Whether the server will take every repository after reconciling.
    let includeAllAfter: Bool
}

/// Membership and licence targets of one organization.
struct OrganizationTarget: Sendable {
    let resolved: ResolvedOrganization
    /// Every live plan of the organization, managed or not, in plan order.
    let plans: [PlanTarget]
    /// Repositories (not removed) that will be in some plan, so must hold a licence.
    let needsLicense: RepositorySet
    /// Repositories whose licence is never taken away: those that need one, any repository still on
    /// some plan's explicit list (removed ones included), and `keepLicensed` matches.
    let keepsLicense: RepositorySet
}

/// Stage 2 of planning: what every plan of an organization will hold after reconciling, and hence
/// which repositories must (and may keep) a licence.
enum MembershipTargets {
    static func compute(for organization: ResolvedOrganization) -> (OrganizationTarget, [Diagnostic]) {
        let index = organization.index
        let managed = Dictionary(organization.plans.map { ($0.live.id, $0) }, uniquingKeysWith: { first, _ in first })
        var diagnostics: [Diagnostic] = []
        var plans: [PlanTarget] = []
        var needsLicense = RepositorySet(capacity: index.repositories.count)
        var onSomeList = RepositorySet(capacity: index.repositories.count)
        for live in index.plansInOrder {
            var current = RepositorySet(capacity: index.repositories.count)
            var unknownIds: [String] = []
            for id in live.repositoryIds {
                if let position = index.positionById[id] { current.insert(position) } else { unknownIds.append(id) }
            }
            let resolved = managed[live.id]
            var target = current
            if let matched = resolved?.matched, let desired = resolved?.desired {
                switch desired.membership {
                case .exact: target = matched
                case .additive: target.formUnion(matched)
                }
            }
            if let desired = resolved?.desired, !unknownIds.isEmpty {
                diagnostics.append(
                    .warning(
                        "plan \"\(live.name)\" in organization \"\(index.organization.name)\" lists repository ids the organization does not have (\(unknownIds.sorted(by: OrdinalOrder.less).joined(separator: ", "))); they are left alone",
                        at: desired.location))
            }
            let includeAllAfter = resolved?.desired.includeAllRepositories ?? live.includeAllRepositories
            needsLicense.formUnion(includeAllAfter ? index.present : target)
            onSomeList.formUnion(target)
            plans.append(
                PlanTarget(
                    live: live, desired: resolved?.desired, current: current, target: target,
                    includeAllAfter: includeAllAfter))
        }
        // Removed repositories never need a licence (they cannot be backed up any more).
        needsLicense = needsLicense.intersection(index.present)
        let keepsLicense = needsLicense.union(onSomeList).union(organization.keepLicensed)
        return (
            OrganizationTarget(
                resolved: organization, plans: plans, needsLicense: needsLicense, keepsLicense: keepsLicense),
            diagnostics
        )
    }
}
