import Logging
import PrintableText
import ReconcileCore
import XoperoAPI
import XoperoContract

/// Reads the live state of the organizations a run is about, as fast as the server allows and never
/// trusting it for sizes: the largest page size, each listing's first page telling how many pages follow
/// and the rest fetched a bounded window at a time, every organization in parallel, every call under the
/// client's shared limiter. Each listing is checked for completeness and consistency
/// (`ListingConsistency`, read once more on a problem), and the two listings of plans are joined by
/// `PlanListingJoin`; what could not be read is recorded in the organization's `readProblems`, for the
/// planner's integrity stage to refuse.
public struct LiveStateFetcher: Sendable {
    private let client: XoperoClient
    private let reader: ListingReader
    private let logger: Logger

    /// Waiting for organizations that are synchronizing with their Git host (`--wait-for-sync`).
    public struct SynchronizationWait: Sendable {
        /// The longest wait in all.
        public var limit: Duration
        /// The longest time between two looks (the first looks come every second, then less often).
        public var interval: Duration
        /// Told about each look, for progress on standard error.
        public var progress: @Sendable (String) -> Void

        public init(limit: Duration, interval: Duration = .seconds(5), progress: @escaping @Sendable (String) -> Void) {
            self.limit = limit
            self.interval = interval
            self.progress = progress
        }
    }

    public init(client: XoperoClient, pageSize: Int = XoperoClient.maxPageSize, logger: Logger) {
        self.client = client
        self.reader = ListingReader(
            window: client.configuration.concurrency.maximum, pageSize: max(1, min(pageSize, XoperoClient.maxPageSize)))
        self.logger = logger
    }

    /// The live state of the organizations named in `organizationNames` (matched by exact name), or of
    /// every organization when it is nil. Names not on the server are simply absent from the result.
    public func fetch(
        organizationNames: Set<String>?, waitingForSync wait: SynchronizationWait? = nil
    ) async throws(ReconcileError) -> LiveState {
        var wanted = try await organizations(named: organizationNames)
        if let wait { wanted = try await waitForSynchronization(of: wanted, named: organizationNames, wait) }
        logger.debug("reading \(wanted.count) organizations")
        let fetched: [(Int, LiveOrganization)]
        do {
            fetched = try await withThrowingTaskGroup(of: (Int, LiveOrganization).self) { group in
                for (index, organization) in wanted.enumerated() {
                    group.addTask { (index, try await fetchOrganization(organization)) }
                }
                var fetched: [(Int, LiveOrganization)] = []
                for try await entry in group { fetched.append(entry) }
                return fetched
            }
        } catch {
            throw .client(Self.typed(error))
        }
        return LiveState(organizations: fetched.sorted { $0.0 < $1.0 }.map(\.1))
    }

    /// The organizations listing, read whole and checked; a listing that cannot be read is an error, as
    /// nothing could be planned from it.
    func organizations(named names: Set<String>?) async throws(ReconcileError) -> [Components.Schemas.Organization] {
        let client = self.client
        let listing: ListingReader.Result<Components.Schemas.Organization>
        do {
            listing = try await reader.read("the organizations listing", ids: \.id) {
                (page, limit) async throws(XoperoClientError) in
                try await client.organizations(page: page, limit: limit)
            }
        } catch {
            throw .client(error)
        }
        if let problem = listing.problem { throw .unreadableLiveState(problem) }
        return listing.items.filter { names?.contains($0.name) ?? true }
    }

    private func waitForSynchronization(
        of organizations: [Components.Schemas.Organization], named names: Set<String>?, _ wait: SynchronizationWait
    ) async throws(ReconcileError) -> [Components.Schemas.Organization] {
        let clock = ContinuousClock()
        let start = clock.now
        var current = organizations
        while true {
            let syncing = current.filter(\.synchronizationInProgress).map(\.name)
            let waited = clock.now - start
            guard !syncing.isEmpty, waited < wait.limit else { return current }
            let shown = syncing.sorted().prefix(5).map { "\"\($0)\"" }.joined(separator: ", ")
            wait.progress(
                "waiting for \(shown)\(syncing.count > 5 ? " and others" : "") to finish synchronizing with the Git "
                    + "host (\(Int(waited.inSeconds)) s of at most \(Int(wait.limit.inSeconds)) s)")
            do {
                let interval = min(wait.interval, max(.seconds(1), waited / 4))
                try await Task.sleep(for: min(interval, wait.limit - waited))
            } catch {
                throw .client(.notStarted(.getOrganizations))
            }
            current = try await self.organizations(named: names)
        }
    }

    /// One organization: its repositories and its plans' memberships, both listings at once.
    private func fetchOrganization(_ organization: Components.Schemas.Organization) async throws(XoperoClientError)
        -> LiveOrganization
    {
        let client = self.client
        let reader = self.reader
        let id = organization.id
        let name = Self.quoted(organization.name)
        async let repositories = reader.read("the repositories of \(name)", ids: \.id) {
            (page, limit) async throws(XoperoClientError) in
            try await client.repositories(organizationID: id, page: page, limit: limit)
        }
        async let assignments = reader.read("the plans of \(name) (plans/listassignedtoorganization)", ids: \.id) {
            (page, limit) async throws(XoperoClientError) in
            try await client.planAssignments(organizationID: id, page: page, limit: limit)
        }
        do {
            return Self.join(organization, repositories: try await repositories, assignments: try await assignments)
        } catch {
            throw Self.typed(error)
        }
    }

    /// Builds the live organization: `backupType`, `includeMetadata` and `repoCount` from
    /// organizations/getmany, `includeAllRepositories` and `repositoryIds` from listassignedtoorganization.
    static func join(
        _ organization: Components.Schemas.Organization,
        repositories: ListingReader.Result<Components.Schemas.Repository>,
        assignments: ListingReader.Result<Components.Schemas.PlanAssignment>
    ) -> LiveOrganization {
        let listed = organization.plans.map {
            ListedPlan(
                id: $0.id, name: $0.name, backupType: $0.backupType, includeMetadata: $0.includeMetadata,
                repoCount: $0.repoCount)
        }
        let assigned = assignments.items.map {
            AssignedPlan(
                id: $0.id, name: $0.name, includeAllRepositories: $0.includeAllRepositories,
                repositoryIds: $0.repositoryIds)
        }
        let (plans, joinProblems) = PlanListingJoin.join(
            listed: listed, assigned: assigned, organization: organization.name)
        var seen = Set<String>()
        let liveRepositories = repositories.items.compactMap { repository -> LiveRepository? in
            guard seen.insert(repository.id).inserted else { return nil }
            return LiveRepository(
                id: repository.id, name: repository.name, isActive: repository.isActive, isRemoved: repository.isRemoved
            )
        }
        let problems = [repositories.problem, assignments.problem].compactMap { $0 } + joinProblems
        return LiveOrganization(
            id: organization.id, name: organization.name, repositories: liveRepositories, plans: plans,
            synchronizationInProgress: organization.synchronizationInProgress, isReadOnly: organization.isReadOnly,
            readProblems: problems)
    }

    /// A name from the server as a message shows it: quoted, bounded, control characters escaped.
    static func quoted(_ name: String) -> String {
        "\"\(ServerText.bounded(name))\""
    }

    /// Task groups throw untyped errors; every error thrown inside is a `XoperoClientError`.
    static func typed(_ error: any Error) -> XoperoClientError {
        if let clientError = error as? XoperoClientError { return clientError }
        if let reconcileError = error as? ReconcileError, case .client(let inner) = reconcileError { return inner }
        return .notStarted(.getOrganizations)
    }
}
