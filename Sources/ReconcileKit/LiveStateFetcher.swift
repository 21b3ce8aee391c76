import Logging
import ReconcileCore
import XoperoAPI
import XoperoContract

/// Reads the live state of the organizations a run is about, as fast as the server allows: the largest
/// page size, every listing's first page telling how many pages follow and the rest fetched at once,
/// every organization in parallel, all of it under one shared `ConcurrencyLimiter`.
public struct LiveStateFetcher: Sendable {
    private let client: XoperoClient
    private let limiter: ConcurrencyLimiter
    private let pageSize: Int
    private let logger: Logger

    public init(
        client: XoperoClient, limiter: ConcurrencyLimiter, pageSize: Int = XoperoClient.maxPageSize, logger: Logger
    ) {
        self.client = client
        self.limiter = limiter
        self.pageSize = max(1, min(pageSize, XoperoClient.maxPageSize))
        self.logger = logger
    }

    /// The live state of the organizations named in `organizationNames` (matched by exact name), or of
    /// every organization when it is nil. Names not on the server are simply absent from the result.
    public func fetch(organizationNames: Set<String>?) async throws(XoperoClientError) -> LiveState {
        let pageSize = self.pageSize
        let client = self.client
        let all = try await allPages { (page) async throws(XoperoClientError) in
            try await client.organizations(page: page, limit: pageSize)
        }
        let wanted = all.filter { organizationNames?.contains($0.name) ?? true }
        logger.debug("found \(all.count) organizations, reading \(wanted.count)")
        do {
            return try await withThrowingTaskGroup(of: (Int, LiveOrganization).self) { group in
                for (index, organization) in wanted.enumerated() {
                    group.addTask { (index, try await fetchOrganization(organization)) }
                }
                var fetched: [(Int, LiveOrganization)] = []
                for try await entry in group { fetched.append(entry) }
                return LiveState(organizations: fetched.sorted { $0.0 < $1.0 }.map(\.1))
            }
        } catch {
            throw Self.typed(error)
        }
    }

    /// One organization: its repositories and its plans' memberships, both listings at once.
    private func fetchOrganization(_ organization: Components.Schemas.Organization) async throws(XoperoClientError)
        -> LiveOrganization
    {
        let client = self.client
        let pageSize = self.pageSize
        let id = organization.id
        async let repositories = allPages { (page) async throws(XoperoClientError) in
            try await client.repositories(organizationID: id, page: page, limit: pageSize)
        }
        async let assignments = allPages { (page) async throws(XoperoClientError) in
            try await client.planAssignments(organizationID: id, page: page, limit: pageSize)
        }
        do {
            return Self.join(organization, repositories: try await repositories, assignments: try await assignments)
        } catch {
            throw Self.typed(error)
        }
    }

    /// Builds the live organization: `backupType` and `includeMetadata` from organizations/getmany,
    /// `includeAllRepositories` and `repositoryIds` from listassignedtoorganization, joined by plan id.
    static func join(
        _ organization: Components.Schemas.Organization, repositories: [Components.Schemas.Repository],
        assignments: [Components.Schemas.PlanAssignment]
    ) -> LiveOrganization {
        let assignmentByID = Dictionary(assignments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var plans = organization.plans.map { plan in
            let assignment = assignmentByID[plan.id]
            return LivePlan(
                id: plan.id, name: plan.name, backupType: plan.backupType, includeMetadata: plan.includeMetadata,
                includeAllRepositories: assignment?.includeAllRepositories ?? false,
                repositoryIds: assignment?.repositoryIds ?? [])
        }
        let known = Set(organization.plans.map(\.id))
        for assignment in assignments where !known.contains(assignment.id) {
            // Listed as assigned but absent from the organization's plan list: its settings are unknown.
            plans.append(
                LivePlan(
                    id: assignment.id, name: assignment.name, backupType: nil, includeMetadata: nil,
                    includeAllRepositories: assignment.includeAllRepositories, repositoryIds: assignment.repositoryIds))
        }
        var seen = Set<String>()
        let liveRepositories = repositories.compactMap { repository -> LiveRepository? in
            // Pages read at once may overlap if the listing changed in between; keep the first copy.
            guard seen.insert(repository.id).inserted else { return nil }
            return LiveRepository(
                id: repository.id, name: repository.name, isActive: repository.isActive, isRemoved: repository.isRemoved
            )
        }
        return LiveOrganization(
            id: organization.id, name: organization.name, repositories: liveRepositories, plans: plans)
    }

    /// Every item of a paged listing: page 1 says how many pages there are, the others come concurrently.
    private func allPages<Item: Sendable>(
        _ fetchPage: @escaping @Sendable (Int) async throws(XoperoClientError) -> ListPage<Item>
    ) async throws(XoperoClientError) -> [Item] {
        let limiter = self.limiter
        let first = try await limiter.withPermit { () async throws(XoperoClientError) in try await fetchPage(1) }
        guard first.pageCount > 1 else { return first.items }
        do {
            return try await withThrowingTaskGroup(of: (Int, [Item]).self) { group in
                for page in 2...first.pageCount {
                    group.addTask {
                        let items = try await limiter.withPermit { () async throws(XoperoClientError) in
                            try await fetchPage(page).items
                        }
                        return (page, items)
                    }
                }
                var pages: [Int: [Item]] = [1: first.items]
                for try await (page, items) in group { pages[page] = items }
                return pages.keys.sorted().flatMap { pages[$0] ?? [] }
            }
        } catch {
            throw Self.typed(error)
        }
    }

    /// Task groups throw untyped errors; every error thrown inside is a `XoperoClientError`.
    static func typed(_ error: any Error) -> XoperoClientError {
        if let clientError = error as? XoperoClientError { return clientError }
        return .configuration("reading the live state was interrupted")
    }
}
