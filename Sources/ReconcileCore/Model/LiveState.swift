/// The server's state as plain values: what the API's read calls returned, nothing more.
///
/// Built by `ReconcileKit` from the API (or by tests directly). Lists may come in any order; the
/// planner never depends on that order.
public struct LiveState: Sendable, Hashable, Codable {
    public var organizations: [LiveOrganization]

    public init(organizations: [LiveOrganization]) {
        self.organizations = organizations
    }
}

public struct LiveOrganization: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var repositories: [LiveRepository]
    public var plans: [LivePlan]
    /// The organization is synchronizing its repository list with its Git host: the list may be
    /// incomplete. Nil when not reported.
    public var synchronizationInProgress: Bool?
    /// The server's `isReadOnly` (meaning undocumented; most likely the Git host credentials' access).
    /// Reported by `doctor`, never a reason to refuse. Nil when not reported.
    public var isReadOnly: Bool?
    /// Why the organization's listings could not be read completely and consistently (each with the
    /// server's numbers), as found by the reader; empty when they could.
    public var readProblems: [String]

    public init(
        id: String, name: String, repositories: [LiveRepository], plans: [LivePlan],
        synchronizationInProgress: Bool? = nil, isReadOnly: Bool? = nil, readProblems: [String] = []
    ) {
        self.id = id
        self.name = name
        self.repositories = repositories
        self.plans = plans
        self.synchronizationInProgress = synchronizationInProgress
        self.isReadOnly = isReadOnly
        self.readProblems = readProblems
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, repositories, plans, synchronizationInProgress, isReadOnly, readProblems
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id), name: try container.decode(String.self, forKey: .name),
            repositories: try container.decode([LiveRepository].self, forKey: .repositories),
            plans: try container.decode([LivePlan].self, forKey: .plans),
            synchronizationInProgress: try container.decodeIfPresent(Bool.self, forKey: .synchronizationInProgress),
            isReadOnly: try container.decodeIfPresent(Bool.self, forKey: .isReadOnly),
            readProblems: try container.decodeIfPresent([String].self, forKey: .readProblems) ?? [])
    }
}

public struct LiveRepository: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// Holds a licence.
    public var isActive: Bool
    /// Gone from the Git host, kept in storage. Never matched by a glob, never attachable.
    public var isRemoved: Bool

    public init(id: String, name: String, isActive: Bool, isRemoved: Bool) {
        self.id = id
        self.name = name
        self.isActive = isActive
        self.isRemoved = isRemoved
    }
}

/// A plan as the API reads it back. `workerId` and `settings` are write-only on the server, so absent.
public struct LivePlan: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// From organizations/getmany; nil when the server did not report it.
    public var backupType: Int?
    /// From organizations/getmany; nil when the server did not report it.
    public var includeMetadata: Bool?
    /// From plans/listassignedtoorganization.
    public var includeAllRepositories: Bool
    /// From plans/listassignedtoorganization: the repositories explicitly attached.
    public var repositoryIds: [String]
    /// From organizations/getmany: how many repositories the server counts in the plan. Checked against
    /// `repositoryIds` to tell whether the plan's membership can be read at all. Nil when not reported.
    public var repoCount: Int?

    public init(
        id: String, name: String, backupType: Int?, includeMetadata: Bool?,
        includeAllRepositories: Bool, repositoryIds: [String], repoCount: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.backupType = backupType
        self.includeMetadata = includeMetadata
        self.includeAllRepositories = includeAllRepositories
        self.repositoryIds = repositoryIds
        self.repoCount = repoCount
    }
}
