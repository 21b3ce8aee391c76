/// The desired state after parsing, interpolation, merging several files and resolving `defaults`
/// (top level, then organization, then plan). Every value keeps the place it was written, so later
/// stages (semantic checks against live state, safety) can point at it.
public struct DesiredState: Sendable, Hashable {
    public var organizations: [DesiredOrganization]

    public init(organizations: [DesiredOrganization]) {
        self.organizations = organizations
    }
}

/// How licences are reconciled for an organization.
public enum LicenseMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Activate what needs a licence; never deactivate.
    case additive
    /// Also deactivate licensed repositories in no plan that match no `keepLicensed` pattern.
    case exact
}

/// How a plan's repository list is reconciled.
public enum MembershipMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The plan holds exactly the matched repositories afterwards.
    case exact
    /// Matched repositories are attached; nothing is detached.
    case additive
}

public struct DesiredOrganization: Sendable, Hashable {
    public var name: String
    public var licenses: LicenseMode
    /// Patterns (names or globs) of repositories that stay licensed though in no plan; only with `.exact`.
    public var keepLicensed: [RepositorySelector]
    public var plans: [DesiredPlan]
    /// Where the organization's `name` was written.
    public var location: SourceLocation
    /// The environment variables the name was interpolated from (empty when written out). A message
    /// about a name that matches nothing names these instead of printing a value from the environment.
    public var nameVariables: [String]

    public init(
        name: String, licenses: LicenseMode = .additive, keepLicensed: [RepositorySelector] = [],
        plans: [DesiredPlan], location: SourceLocation, nameVariables: [String] = []
    ) {
        self.name = name
        self.licenses = licenses
        self.keepLicensed = keepLicensed
        self.plans = plans
        self.location = location
        self.nameVariables = nameVariables
    }
}

/// A plan with `defaults` already applied. A field that is nil is not managed.
public struct DesiredPlan: Sendable, Hashable {
    public var name: String
    public var backupType: Int?
    public var includeMetadata: Bool?
    public var includeAllRepositories: Bool?
    /// Write-only on the server: never compared, sent with any modify of this plan.
    public var worker: String?
    /// Write-only on the server: never compared, sent with any modify of this plan.
    public var settings: [String: String]?
    /// nil when the file does not list repositories (membership not managed).
    public var repositories: [RepositorySelector]?
    public var membership: MembershipMode
    /// Where the plan's `name` was written.
    public var location: SourceLocation
    /// The environment variables the name was interpolated from (empty when written out).
    public var nameVariables: [String]

    public init(
        name: String, backupType: Int? = nil, includeMetadata: Bool? = nil,
        includeAllRepositories: Bool? = nil, worker: String? = nil, settings: [String: String]? = nil,
        repositories: [RepositorySelector]? = nil, membership: MembershipMode = .exact,
        location: SourceLocation, nameVariables: [String] = []
    ) {
        self.nameVariables = nameVariables
        self.name = name
        self.backupType = backupType
        self.includeMetadata = includeMetadata
        self.includeAllRepositories = includeAllRepositories
        self.worker = worker
        self.settings = settings
        self.repositories = repositories
        self.membership = membership
        self.location = location
    }

    /// True when the plan declares a write-only field (`worker` or `settings`).
    public var declaresWriteOnlyFields: Bool { worker != nil || settings != nil }
}

/// One entry of a `repositories` or `keepLicensed` list: an exact name or a glob, possibly negated with `!`.
public struct RepositorySelector: Sendable, Hashable {
    /// The pattern without its leading `!`.
    public var pattern: String
    /// Written with a leading `!`: removes what earlier entries matched.
    public var isExclusion: Bool
    public var location: SourceLocation
    /// The environment variables the entry was interpolated from (empty when written out).
    public var variables: [String]

    public init(pattern: String, isExclusion: Bool = false, location: SourceLocation, variables: [String] = []) {
        self.pattern = pattern
        self.isExclusion = isExclusion
        self.location = location
        self.variables = variables
    }

    /// True when the pattern holds glob syntax (`*`, `?`, `[`); otherwise it names one repository exactly.
    public var isGlob: Bool { pattern.contains { $0 == "*" || $0 == "?" || $0 == "[" } }
}
