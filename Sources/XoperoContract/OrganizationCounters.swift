/// ASSUMED definitions of an organization's counters in `organizations/getmany`.
///
/// The vendor's samples do not pin them down (their numbers are not consistent with any one reading),
/// so the simulator keeps these true after every change and the client treats them as informative only.
public struct OrganizationCounters: Sendable, Hashable {
    /// Every repository of the organization, removed ones included.
    public var totalRepositories: Int
    /// Repositories gone from the Git host but kept in storage.
    public var removedRepositories: Int
    /// Repositories that are not removed and are in at least one plan, explicitly or through a plan
    /// with `includeAllRepositories`.
    public var protectedRepositories: Int
    /// Protected repositories that hold no licence.
    public var missingLicences: Int

    public init(totalRepositories: Int, removedRepositories: Int, protectedRepositories: Int, missingLicences: Int) {
        self.totalRepositories = totalRepositories
        self.removedRepositories = removedRepositories
        self.protectedRepositories = protectedRepositories
        self.missingLicences = missingLicences
    }

    /// One repository as the counters see it.
    public struct RepositoryFacts: Sendable, Hashable {
        public var isActive: Bool
        public var isRemoved: Bool
        /// Explicitly attached to at least one plan.
        public var isAttached: Bool

        public init(isActive: Bool, isRemoved: Bool, isAttached: Bool) {
            self.isActive = isActive
            self.isRemoved = isRemoved
            self.isAttached = isAttached
        }
    }

    /// Counts the counters from the organization's repositories.
    /// - Parameter anyPlanIncludesAll: some plan of the organization has `includeAllRepositories`.
    public static func count(_ repositories: some Sequence<RepositoryFacts>, anyPlanIncludesAll: Bool) -> Self {
        var counters = Self(totalRepositories: 0, removedRepositories: 0, protectedRepositories: 0, missingLicences: 0)
        for repository in repositories {
            counters.totalRepositories += 1
            if repository.isRemoved {
                counters.removedRepositories += 1
                continue
            }
            guard repository.isAttached || anyPlanIncludesAll else { continue }
            counters.protectedRepositories += 1
            if !repository.isActive { counters.missingLicences += 1 }
        }
        return counters
    }

    /// ASSUMED: a plan's `repoCount` is the number of repositories explicitly attached to it, or, for a
    /// plan with `includeAllRepositories`, the number of the organization's repositories not removed.
    public static func planRepoCount(includeAllRepositories: Bool, attachedCount: Int, notRemovedCount: Int) -> Int {
        includeAllRepositories ? notRemovedCount : attachedCount
    }
}
