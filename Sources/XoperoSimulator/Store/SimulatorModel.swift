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
    /// Explicitly attached repository ids, in the order they were attached.
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
    var repositories: [SimRepository]
    var plans: [SimPlan]
    /// How many plans explicitly hold each repository id (absent: none), for the counters.
    var attachCounts: [String: Int]

    var anyPlanIncludesAll: Bool { plans.contains { $0.includeAllRepositories } }

    var notRemovedCount: Int { repositories.reduce(0) { $0 + ($1.isRemoved ? 0 : 1) } }

    func counters() -> OrganizationCounters {
        OrganizationCounters.count(
            repositories.lazy.map {
                OrganizationCounters.RepositoryFacts(
                    isActive: $0.isActive, isRemoved: $0.isRemoved, isAttached: (attachCounts[$0.id] ?? 0) > 0)
            },
            anyPlanIncludesAll: anyPlanIncludesAll
        )
    }
}
