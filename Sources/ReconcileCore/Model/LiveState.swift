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

    public init(id: String, name: String, repositories: [LiveRepository], plans: [LivePlan]) {
        self.id = id
        self.name = name
        self.repositories = repositories
        self.plans = plans
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

    public init(
        id: String, name: String, backupType: Int?, includeMetadata: Bool?,
        includeAllRepositories: Bool, repositoryIds: [String]
    ) {
        self.id = id
        self.name = name
        self.backupType = backupType
        self.includeMetadata = includeMetadata
        self.includeAllRepositories = includeAllRepositories
        self.repositoryIds = repositoryIds
    }
}
