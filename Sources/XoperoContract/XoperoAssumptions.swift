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

    /// ASSUMED: the server binds whole-number request fields (`limit`, `page`, `backupType`) to 32-bit
    /// integers (C# `int`): a value outside that range or with a fraction is a 400 naming the field
    /// (openapi.yaml's `maximum: 2147483647`; the simulator's `RequestFieldProblems.checkNumbers`).
    public static let requestIntegersAre32Bit = true

    // MARK: Authentication and roles

    /// How long a token from login stays valid (the 30 days are confirmed; that `rememberMe` does not
    /// change it is assumed).
    public static let tokenLifetimeSeconds = 30 * 24 * 60 * 60

    /// The product's roles as the state file and the simulator spell them. The vendor names a Root
    /// Administrator (the account that signed up, never restricted) and a System Administrator as the
    /// users of the API; the extra permission for Git objects is "DevOps management".
    public enum Role: String, Sendable, CaseIterable, Codable {
        case rootAdministrator = "RootAdministrator"
        case systemAdministrator = "SystemAdministrator"
        case backupOperator = "BackupOperator"
        case restoreOperator = "RestoreOperator"
        case viewer = "Viewer"

        /// ASSUMED: the roles that hold "DevOps management" and so may call the write operations.
        public var mayWrite: Bool {
            switch self {
            case .rootAdministrator, .systemAdministrator, .backupOperator: true
            case .restoreOperator, .viewer: false
            }
        }

        /// ASSUMED (the simulator's behaviour, not the vendor's word): every role may make the read
        /// calls. The vendor only says that System Administrators may use the API, so a dry run should
        /// be run with such an account too; the simulator lets a Viewer read so that a 403 on a write
        /// can be tested.
        public var mayRead: Bool { true }

        /// The roles whose accounts may log in to the API as the vendor documents it.
        public var isAdministrator: Bool { self == .rootAdministrator || self == .systemAdministrator }
    }

    /// Seconds given in `Retry-After` with a 429.
    public static let retryAfterSeconds = 1

    // The flags below only NAME behaviours (nothing reads them, so changing a value alone changes
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

    // MARK: Plans that select repositories another way

    /// ASSUMED: on a plan with `selection` exclude, attach adds the repository to the plan's exclusions
    /// (it stops being protected) and detach removes it from them (it is protected again), because the
    /// server keeps one list per plan and the mode says what the list means. On a rules-mode plan attach
    /// and detach change its explicit list, which it protects besides the rules' matches. The simulator
    /// implements this in `SimulatorWorld+Changes.swift`, so that a client that attaches blindly is caught.
    public static let attachToExcludePlanAddsExclusion = true

    /// ASSUMED: name rules (`*`, `?`) match the whole repository name and ignore case, like every other
    /// string comparison of the server (`comparisonsIgnoreCase`).
    public static let ruleGlobsIgnoreCase = true

    // MARK: Read-only roles

    /// ASSUMED (the simulator's behaviour, not the vendor's word): a Viewer and a Restore Operator may
    /// make every read call and no write call (403). See `Role.mayRead` and `Role.mayWrite`; the
    /// simulator's `AuthMiddleware` refuses writes by `mayWrite` and lets every role read.
    public static let readOnlyRolesMayRead = true
}
