import ReconcileCore

/// A large, deterministic installation for the benchmark: `repositoryCount` repositories spread
/// unevenly over `organizationCount` organizations (organization i gets a share proportional to
/// i + 1), `plansPerOrganization` plans each, and a desired state using globs, `!` exclusions and
/// exact names, with both membership and licence modes and some drifted plan fields.
struct SyntheticInstallation {
    let live: LiveState
    let desired: DesiredState

    init(repositoryCount: Int, organizationCount: Int, plansPerOrganization: Int) {
        let weightSum = organizationCount * (organizationCount + 1) / 2
        var organizations: [LiveOrganization] = []
        var desiredOrganizations: [DesiredOrganization] = []
        var assigned = 0
        for org in 0..<organizationCount {
            let count =
                org == organizationCount - 1
                ? repositoryCount - assigned : repositoryCount * (org + 1) / weightSum
            assigned += count
            let (live, desired) = Self.organization(org, repositoryCount: count, plans: plansPerOrganization)
            organizations.append(live)
            desiredOrganizations.append(desired)
        }
        live = LiveState(organizations: organizations)
        desired = DesiredState(organizations: desiredOrganizations)
    }

    private static func organization(_ org: Int, repositoryCount: Int, plans planCount: Int) -> (
        LiveOrganization, DesiredOrganization
    ) {
        let name = "org-\(org)"
        var repositories: [LiveRepository] = []
        repositories.reserveCapacity(repositoryCount)
        for index in 0..<repositoryCount {
            let team = index % planCount
            let suffix = index % 17 == 0 ? "-legacy" : ""
            repositories.append(
                LiveRepository(
                    id: "\(name)-r\(index)", name: "team\(team)-service-\(index)\(suffix)",
                    isActive: index % 10 < 7, isRemoved: index % 50 == 0))
        }
        var livePlans: [LivePlan] = []
        var desiredPlans: [DesiredPlan] = []
        let location = SourceLocation(file: "benchmark.yaml", line: 1, column: 1)
        for plan in 0..<planCount {
            // Each plan holds most of its team's repositories, plus a few strays.
            let ids = repositories.enumerated()
                .filter { offset, _ in offset % planCount == plan ? offset % 5 != 1 : offset % 997 == plan }
                .map(\.element.id)
            livePlans.append(
                LivePlan(
                    id: "\(name)-p\(plan)", name: "plan-\(plan)", backupType: 5, includeMetadata: plan % 3 != 0,
                    includeAllRepositories: false, repositoryIds: ids))
            let exactNames = [plan + planCount, plan + 2 * planCount, plan + 3 * planCount]
                .filter { $0 < repositoryCount && $0 % 50 != 0 }
                .map { repositories[$0].name }
            var selectors = [
                RepositorySelector(pattern: "team\(plan)-service-*", location: location),
                RepositorySelector(pattern: "team\(plan)-*-legacy", isExclusion: true, location: location),
                RepositorySelector(pattern: "team\(plan)-service-1[0-4]?", location: location),
            ]
            selectors += exactNames.map { RepositorySelector(pattern: $0, location: location) }
            desiredPlans.append(
                DesiredPlan(
                    name: "plan-\(plan)", backupType: 5, includeMetadata: true,
                    worker: plan % 4 == 0 ? "worker-\(plan)" : nil, repositories: selectors,
                    membership: plan % 2 == 0 ? .exact : .additive, location: location))
        }
        let live = LiveOrganization(id: "\(name)-id", name: name, repositories: repositories, plans: livePlans)
        let desired = DesiredOrganization(
            name: name, licenses: org % 2 == 0 ? .exact : .additive,
            keepLicensed: org % 2 == 0 ? [RepositorySelector(pattern: "team1-*", location: location)] : [],
            plans: desiredPlans, location: location)
        return (live, desired)
    }
}
