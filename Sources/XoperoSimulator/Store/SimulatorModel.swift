import XoperoContract

/// A problem in a state file: the field it is about and what is wrong.
struct StateProblem: Error, Sendable, Hashable {
    var field: String
    var message: String
}

/// Where a repository or plan lives: its organization's index and its own index there.
struct Location: Sendable, Hashable {
    var organization: Int
    var index: Int
}

struct SimRepository: Sendable, Hashable {
    var id: String
    var name: String
    var isActive: Bool
    var isRemoved: Bool
}

struct SimPlan: Sendable, Hashable {
    var id: String
    var name: String
    var backupType: Int
    var includeMetadata: Bool
    var includeAllRepositories: Bool
    /// Write-only on the real server: kept so that `/__sim/state` can show what was written.
    var workerId: String?
    /// Write-only on the real server, as `workerId`.
    var settings: [String: String]
    /// How the plan selects repositories; the meaning of `attached` depends on it.
    var selection: OrganizationCounters.PlanSelection
    /// The name rules of a rules-mode plan, as written.
    var rules: [String]
    /// Ids of the repositories whose names match `rules` (names never change, so this is computed once).
    var ruleMatches: Set<String>
    /// Listed repository ids, in the order they were attached: exclusions of an exclude-mode plan.
    var attached: [String]
    var attachedSet: Set<String>
    var lastStatus: SimulatorStateFile.Status
    var planFinishedTime: Int64?
    var isRunning: Bool
}

struct SimOrganization: Sendable, Hashable {
    var id: String
    var name: String
    var driver: Int
    var apiUrl: String?
    var isReadOnly: Bool
    var defaultWorkerId: String?
    var isCreatedByMarketplace: Bool
    var synchronizationInProgress: Bool
    /// Seconds after the server's start at which `synchronizationInProgress` turns false.
    var synchronizationFinishesAfterSeconds: Int?
    var repositories: [SimRepository]
    var plans: [SimPlan]
    /// How many list- or rules-mode plans list each repository id (absent: none), for the counters;
    /// exclusions of exclude-mode plans are not counted.
    var attachCounts: [String: Int]

    var anyPlanIncludesAll: Bool { plans.contains { $0.includeAllRepositories } }

    var notRemovedCount: Int { repositories.reduce(0) { $0 + ($1.isRemoved ? 0 : 1) } }

    /// The counters and each plan's `repoCount` (in the order of `plans`), as the plans' selections say.
    ///
    /// List-mode plans are counted from `attachCounts` and `includeAllRepositories` from the flag; only
    /// exclude- and rules-mode plans (rare) are evaluated repository by repository.
    func protection() -> (counters: OrganizationCounters, repoCounts: [Int]) {
        let notRemoved = notRemovedCount
        let scanned = plans.filter { !$0.includeAllRepositories && $0.selection != .list }
        let repoCounts = plans.map { plan in
            let protectedCount: Int
            if plan.includeAllRepositories {
                protectedCount = notRemoved
            } else if plan.selection == .list {
                protectedCount = plan.attached.count
            } else {
                protectedCount = repositories.reduce(0) { $0 + (plan.protects($1) ? 1 : 0) }
            }
            return OrganizationCounters.planRepoCount(
                selection: plan.selection, includeAllRepositories: plan.includeAllRepositories,
                listedCount: plan.attached.count, protectedCount: protectedCount)
        }
        let counters = OrganizationCounters.count(
            repositories.lazy.map { repository in
                OrganizationCounters.RepositoryFacts(
                    isActive: repository.isActive, isRemoved: repository.isRemoved,
                    isAttached: (attachCounts[repository.id] ?? 0) > 0 || scanned.contains { $0.protects(repository) })
            },
            anyPlanIncludesAll: anyPlanIncludesAll)
        return (counters, repoCounts)
    }
}

extension SimPlan {
    /// Whether the plan protects `repository` (see `OrganizationCounters.planProtects`).
    func protects(_ repository: SimRepository) -> Bool {
        OrganizationCounters.planProtects(
            selection: selection, includeAllRepositories: includeAllRepositories,
            isListed: attachedSet.contains(repository.id), matchesRules: ruleMatches.contains(repository.id),
            isActive: repository.isActive, isRemoved: repository.isRemoved)
    }
}
