import XoperoContract

/// The simulator's state file (format in `CLI.md`): the licence pool, the users who may log in, and the
/// organizations with their repositories and plans.
///
/// Hand-written files may leave ids out (they are derived from names, the same on every run) and list a
/// plan's repositories by name; `generate`, `--persist` and `GET /__sim/state` write ids.
public struct SimulatorStateFile: Codable, Sendable, Hashable {
    public var licences: Licences?
    public var users: [SimulatorUser]
    public var organizations: [Organization]

    public init(licences: Licences? = nil, users: [SimulatorUser], organizations: [Organization]) {
        self.licences = licences
        self.users = users
        self.organizations = organizations
    }

    /// The first user with an administrator role (RootAdministrator or SystemAdministrator) who can log
    /// in with a password alone, whose credentials `reconcile --simulator` uses.
    public var firstAdministrator: SimulatorUser? {
        users.first { $0.roles.contains(where: \.isAdministrator) && $0.twoFactor != true }
    }

    /// The instance-wide licence pool.
    public struct Licences: Codable, Sendable, Hashable {
        /// How many repositories may hold a licence at once, across all organizations; nil is unlimited.
        public var total: Int?

        public init(total: Int?) {
            self.total = total
        }
    }

    /// An organization (a connection to a Git host).
    public struct Organization: Codable, Sendable, Hashable {
        public var id: String?
        public var name: String
        public var driver: Int?
        public var apiUrl: String?
        public var isReadOnly: Bool?
        public var defaultWorkerId: String?
        public var isCreatedByMarketplace: Bool?
        /// Reported as `synchronizationInProgress` (default false; true when
        /// `synchronizationFinishesAfterSeconds` is given).
        public var synchronizationInProgress: Bool?
        /// The synchronization ends this many seconds after the server started: until then the
        /// organization reports `synchronizationInProgress: true`, then false. Kept as written by
        /// `GET /__sim/state` and `--persist`, so the countdown starts again with the server.
        public var synchronizationFinishesAfterSeconds: Int?
        public var repositories: [Repository]?
        public var plans: [Plan]?

        public init(
            id: String? = nil, name: String, driver: Int? = nil, apiUrl: String? = nil, isReadOnly: Bool? = nil,
            defaultWorkerId: String? = nil, isCreatedByMarketplace: Bool? = nil,
            synchronizationInProgress: Bool? = nil, repositories: [Repository]? = nil, plans: [Plan]? = nil,
            synchronizationFinishesAfterSeconds: Int? = nil
        ) {
            self.id = id
            self.name = name
            self.driver = driver
            self.apiUrl = apiUrl
            self.isReadOnly = isReadOnly
            self.defaultWorkerId = defaultWorkerId
            self.isCreatedByMarketplace = isCreatedByMarketplace
            self.synchronizationInProgress = synchronizationInProgress
            self.synchronizationFinishesAfterSeconds = synchronizationFinishesAfterSeconds
            self.repositories = repositories
            self.plans = plans
        }
    }

    /// A repository as synchronized from the Git host.
    public struct Repository: Codable, Sendable, Hashable {
        public var id: String?
        public var name: String
        /// Holds a licence (default false).
        public var isActive: Bool?
        /// Gone from the Git host, kept in storage (default false).
        public var isRemoved: Bool?

        public init(id: String? = nil, name: String, isActive: Bool? = nil, isRemoved: Bool? = nil) {
            self.id = id
            self.name = name
            self.isActive = isActive
            self.isRemoved = isRemoved
        }
    }

    /// A Git backup plan.
    public struct Plan: Codable, Sendable, Hashable {
        public var id: String?
        public var name: String
        public var backupType: Int?
        public var includeMetadata: Bool?
        public var includeAllRepositories: Bool?
        public var workerId: String?
        public var settings: [String: String]?
        /// How the plan selects repositories (default `list`); `exclude` makes the listed repositories
        /// exclusions, `rules` protects the repositories whose names match `rules`.
        public var selection: OrganizationCounters.PlanSelection?
        /// Name rules (`*`, `?`) of a plan with `selection: "rules"`, evaluated on the server.
        public var rules: [String]?
        /// Listed repositories by name (the hand-written form): attached, or excluded in exclude mode.
        public var repositories: [String]?
        /// Listed repositories by id (the form `generate` and `--persist` write).
        public var repositoryIds: [String]?
        public var lastStatus: Status?
        /// Unix milliseconds.
        public var planFinishedTime: Int64?
        public var isRunning: Bool?

        public init(
            id: String? = nil, name: String, backupType: Int? = nil, includeMetadata: Bool? = nil,
            includeAllRepositories: Bool? = nil, workerId: String? = nil, settings: [String: String]? = nil,
            repositories: [String]? = nil, repositoryIds: [String]? = nil, lastStatus: Status? = nil,
            planFinishedTime: Int64? = nil, isRunning: Bool? = nil,
            selection: OrganizationCounters.PlanSelection? = nil, rules: [String]? = nil
        ) {
            self.id = id
            self.name = name
            self.backupType = backupType
            self.includeMetadata = includeMetadata
            self.includeAllRepositories = includeAllRepositories
            self.workerId = workerId
            self.settings = settings
            self.repositories = repositories
            self.repositoryIds = repositoryIds
            self.lastStatus = lastStatus
            self.planFinishedTime = planFinishedTime
            self.isRunning = isRunning
            self.selection = selection
            self.rules = rules
        }
    }

    /// The outcome counts of a plan's last run: the wire type itself, the state file spells it the same.
    public typealias Status = Components.Schemas.PlanStatus
}

/// A user who may log in to the simulator.
public struct SimulatorUser: Codable, Sendable, Hashable {
    public var email: String
    public var password: String
    public var roles: [XoperoAssumptions.Role]
    /// The account needs a second factor: its login answers 200 with `userId` but no `accessToken`.
    public var twoFactor: Bool?

    public init(email: String, password: String, roles: [XoperoAssumptions.Role], twoFactor: Bool? = nil) {
        self.email = email
        self.password = password
        self.roles = roles
        self.twoFactor = twoFactor
    }
}
