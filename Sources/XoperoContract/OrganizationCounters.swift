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
        /// In at least one plan's selection: attached to a list-mode plan, or protected by an exclude- or
        /// rules-mode plan (see `planProtects`). Plans with `includeAllRepositories` are counted apart.
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

    /// How a plan selects its repositories: three of the product's "repository selection methods".
    /// Only `list` is visible through the API as it is known; the others show in `repoCount` alone.
    public enum PlanSelection: String, Sendable, Hashable, CaseIterable, Codable {
        /// "Select repositories": the plan protects the repositories it lists (`repositoryIds`).
        case list
        /// "Exclude repositories": the listed repositories are exclusions; the plan protects every other
        /// licensed repository of the organization.
        case exclude
        /// "Set rules": the plan protects the repositories whose names match one of its rules (`*`, `?`),
        /// and those it lists.
        case rules
    }

    /// ASSUMED: whether a plan protects a repository. Never a removed one; with `includeAllRepositories`
    /// every other one; else as `selection` says (`isListed`: in the plan's `repositoryIds`;
    /// `matchesRules`: its name matches one of a rules-mode plan's rules).
    public static func planProtects(
        selection: PlanSelection, includeAllRepositories: Bool, isListed: Bool, matchesRules: Bool,
        isActive: Bool, isRemoved: Bool
    ) -> Bool {
        guard !isRemoved else { return false }
        guard !includeAllRepositories else { return true }
        switch selection {
        case .list: return isListed
        case .exclude: return !isListed && isActive
        case .rules: return isListed || matchesRules
        }
    }

    /// ASSUMED: a plan's `repoCount` is the number of repositories it protects (`protectedCount`, see
    /// `planProtects`), except for a list-mode plan without `includeAllRepositories`, whose `repoCount`
    /// is its `repositoryIds` count (`listedCount`, removed repositories included), as before.
    public static func planRepoCount(
        selection: PlanSelection, includeAllRepositories: Bool, listedCount: Int, protectedCount: Int
    ) -> Int {
        selection == .list && !includeAllRepositories ? listedCount : protectedCount
    }
}
