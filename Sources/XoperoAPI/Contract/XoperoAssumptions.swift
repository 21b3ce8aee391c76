/// Everything this project ASSUMES about the Xopero ONE Management Service where the vendor is silent.
///
/// This file and the `x-assumed` parts of `openapi.yaml` are the only places assumptions live; the
/// simulator and the client read them from here. When checking against a real instance, correct this
/// file first. What the vendor confirms is listed in `XOPERO-API.md` and is not repeated here.
public enum XoperoAssumptions {
    // MARK: Error codes

    /// Vendor error codes carried by `BatchError.errorCode` and `ProblemDetails.errorCode`.
    /// Add a code only with a name and a meaning.
    public enum ErrorCode: String, Sendable, CaseIterable, Codable {
        /// No free licence left in the instance's pool (the code is confirmed by the vendor's sample).
        case noFreeLicence = "LI5020"
        /// The repository is unknown or removed; for deactivate also: it holds no licence
        /// (the code is confirmed by the vendor's sample, the meanings are assumed).
        case repositoryNotFound = "GT1001"

        /// What the code means, in words for an error message.
        public var meaning: String {
            switch self {
            case .noFreeLicence: "no free licence left"
            case .repositoryNotFound: "repository not found, removed, or (deactivate) not active"
            }
        }
    }

    // MARK: Paging

    /// Items a page when the request gives no `limit`.
    public static let defaultPageSize = 50
    /// The most items a page; a larger `limit` is clamped to this, not refused.
    public static let maximumPageSize = 1000

    // MARK: Authentication and roles

    /// How long a token from login stays valid (the 30 days are confirmed; that `rememberMe` does not
    /// change it is assumed).
    public static let tokenLifetimeSeconds = 30 * 24 * 60 * 60

    /// The product's roles as the state file and the simulator spell them.
    public enum Role: String, Sendable, CaseIterable, Codable {
        case systemAdministrator = "SystemAdministrator"
        case backupOperator = "BackupOperator"
        case restoreOperator = "RestoreOperator"
        case viewer = "Viewer"

        /// ASSUMED: the roles that hold "Git management" and so may call the write operations. Every
        /// role may read.
        public var mayWrite: Bool {
            switch self {
            case .systemAdministrator, .backupOperator: true
            case .restoreOperator, .viewer: false
            }
        }
    }

    /// The `operationId`s in openapi.yaml that change state (403 for a role that may not write).
    public static let writeOperationIDs: Set<String> = [
        "attachGitRepository", "detachGitRepository", "modifyGitPlan",
        "activateRepositories", "deactivateRepositories",
    ]

    /// The vendor paths of the write operations, for counting write calls.
    public static let writePaths: Set<String> = [
        "/plans/attachgitrepository", "/plans/detachgitrepository", "/plans/modifygitplan",
        "/git/repositories/activate", "/git/repositories/deactivate",
    ]

    /// Seconds given in `Retry-After` with a 429.
    public static let retryAfterSeconds = 1

    // The three flags below only NAME behaviours (nothing reads them, so changing a value alone changes
    // nothing): the simulator implements them in `QueryEngine`/`FilterCompiler` (case) and in
    // `SimulatorWorld+Changes.swift` (attach, detach, deactivate); correct those with the flag.

    // MARK: Sorting and filtering

    /// ASSUMED: `orderby` and filter `property` names match case-insensitively (like every other input
    /// name), and string comparisons (`eq`, `contains`, `gt`, ...) ignore case, as the SQL Server default
    /// collation does. Booleans support only `eq` and `neq`; numbers all but the three text operators.
    public static let comparisonsIgnoreCase = true

    // MARK: Repositories and licences

    /// ASSUMED: a removed repository cannot be attached or activated (GT1001), but it can be detached
    /// and deactivated, so that what it held can be released.
    public static let removedRepositoriesMayBeReleased = true

    /// ASSUMED: attach refuses a repository of another organization than the plan's, as not found (GT1001).
    public static let attachRequiresSameOrganization = true
}

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
