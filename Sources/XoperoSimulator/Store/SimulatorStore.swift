import Logging
import XoperoContract

/// The simulator's state and everything that changes it: data, sessions, call counts.
///
/// One actor, so that every call sees and leaves a consistent state (the counters are always true).
public actor SimulatorStore {
    var world: SimulatorWorld
    var sessions: [String: Session] = [:]
    private var callStats = SimulatorStats()
    let tokenLifetime: Duration
    /// Sessions beyond this many are pruned of expired ones at the next login, so that the table stays small.
    let sessionsBeforePruning: Int
    private let persister: StatePersister?
    private let logger: Logger
    let clock: any TokenClock
    /// When the server started, for `synchronizationFinishesAfterSeconds`.
    private let started: ContinuousClock.Instant
    /// `--max-page-size`: at most this many items a page, whatever `limit` asks.
    private let pageSizeCap: Int?
    /// Calls in flight and the capacity's slots, read for the stats.
    nonisolated let traffic: CapacityGate
    /// Sorted orders of an organization's repositories, dropped when they change.
    private var repositoryOrders: [RepositoryOrderKey: [Int]] = [:]
    /// Counters and plan counts of each organization, dropped when it changes.
    private var protectionCache: [Int: (counters: OrganizationCounters, repoCounts: [Int])] = [:]

    struct Session: Sendable {
        var userId: String
        var roles: [XoperoAssumptions.Role]
        var expires: ContinuousClock.Instant
    }

    private struct RepositoryOrderKey: Hashable {
        var organization: Int
        var field: Components.Schemas.RepositoryField
        var descending: Bool
    }

    init(
        world: SimulatorWorld, tokenLifetime: Duration, clock: any TokenClock = SystemTokenClock(),
        persister: StatePersister?, logger: Logger, pageSizeCap: Int? = nil,
        traffic: CapacityGate = CapacityGate(capacity: nil),
        sessionsBeforePruning: Int = SimulatorStore.defaultSessionsBeforePruning
    ) {
        self.world = world
        self.sessionsBeforePruning = sessionsBeforePruning
        self.tokenLifetime = tokenLifetime
        self.clock = clock
        self.persister = persister
        self.logger = logger
        self.pageSizeCap = pageSizeCap
        self.traffic = traffic
        started = clock.now
    }

    /// The calls received so far, and how many are in flight.
    public func stats() -> SimulatorStats {
        var stats = callStats
        stats.include(traffic.snapshot)
        return stats
    }

    /// The whole state, in the state-file format, with every id written.
    public func snapshot() -> SimulatorStateFile { world.snapshot() }

    func record(path: String, status: String) {
        callStats.record(path: path, status: status)
    }

    // MARK: Listings

    enum ListingFailure: Error, Sendable {
        case organizationNotFound
        case invalid(ListingError)
    }

    func organizations(
        _ request: ListingRequest<Components.Schemas.OrganizationField>
    ) throws(ListingError) -> ListingPage<OrganizationRow> {
        let resolved = try QueryEngine.resolve(request, pageSizeCap: pageSizeCap, field: ListingFields.organization)
        let rows = world.organizations.indices.map(row(of:))
        let order = resolved.sortField.map { QueryEngine.sortedOrder(rows, by: $0, descending: resolved.descending) }
        return QueryEngine.page(rows, order: order, resolved)
    }

    func repositories(
        organizationId: String, _ request: ListingRequest<Components.Schemas.RepositoryField>
    ) throws(ListingFailure) -> ListingPage<SimRepository> {
        guard let index = world.organizationIndex[organizationId] else { throw .organizationNotFound }
        let resolved: QueryEngine.Resolved<SimRepository>
        do {
            resolved = try QueryEngine.resolve(request, pageSizeCap: pageSizeCap, field: ListingFields.repository)
        } catch { throw .invalid(error) }
        let repositories = world.organizations[index].repositories
        var order: [Int]?
        if let field = request.orderBy, let sortField = resolved.sortField {
            let key = RepositoryOrderKey(organization: index, field: field, descending: resolved.descending)
            if let cached = repositoryOrders[key] {
                order = cached
            } else {
                let sorted = QueryEngine.sortedOrder(repositories, by: sortField, descending: resolved.descending)
                repositoryOrders[key] = sorted
                order = sorted
            }
        }
        return QueryEngine.page(repositories, order: order, resolved)
    }

    func plans(
        organizationId: String, _ request: ListingRequest<Components.Schemas.PlanAssignmentField>
    ) throws(ListingFailure) -> ListingPage<SimPlan> {
        guard let index = world.organizationIndex[organizationId] else { throw .organizationNotFound }
        let resolved: QueryEngine.Resolved<SimPlan>
        do {
            resolved = try QueryEngine.resolve(request, pageSizeCap: pageSizeCap, field: ListingFields.plan)
        } catch { throw .invalid(error) }
        let plans = world.organizations[index].plans
        let order = resolved.sortField.map { QueryEngine.sortedOrder(plans, by: $0, descending: resolved.descending) }
        return QueryEngine.page(plans, order: order, resolved)
    }

    private func row(of index: Int) -> OrganizationRow {
        let organization = world.organizations[index]
        let protection = protectionCache[index] ?? organization.protection()
        protectionCache[index] = protection
        return OrganizationRow(
            organization: organization, counters: protection.counters, repoCounts: protection.repoCounts,
            synchronizationInProgress: synchronizing(organization))
    }

    /// `synchronizationInProgress` as reported now.
    private func synchronizing(_ organization: SimOrganization) -> Bool {
        guard organization.synchronizationInProgress else { return false }
        guard let seconds = organization.synchronizationFinishesAfterSeconds else { return true }
        return clock.now - started < .seconds(seconds)
    }

    // MARK: Changes

    /// Each change is applied, then written with `--persist`; a change that cannot be written is undone
    /// and reported, so that the caller answers 500 and the file and the server never disagree.
    func attach(planId: String, repositoryId: String) throws(SimulatorError) -> PlanChangeOutcome {
        try changePlan(planId) { $0.attach(planId: planId, repositoryId: repositoryId) }
    }

    func detach(planId: String, repositoryId: String) throws(SimulatorError) -> PlanChangeOutcome {
        try changePlan(planId) { $0.detach(planId: planId, repositoryId: repositoryId) }
    }

    func modify(planId: String, _ modification: SimPlanModification) throws(SimulatorError) -> PlanChangeOutcome {
        try changePlan(planId) { $0.modify(planId: planId, modification) }
    }

    func activate(ids: [String]) throws(SimulatorError) -> LicenceBatchOutcome {
        let before = undoCopy()
        let outcome = world.activate(ids: ids)
        try commit(before, organizations: outcome.changedOrganizations, repositories: true)
        return outcome
    }

    func deactivate(ids: [String]) throws(SimulatorError) -> LicenceBatchOutcome {
        let before = undoCopy()
        let outcome = world.deactivate(ids: ids)
        try commit(before, organizations: outcome.changedOrganizations, repositories: true)
        return outcome
    }

    private func changePlan(
        _ planId: String, _ change: (inout SimulatorWorld) -> PlanChangeOutcome
    ) throws(SimulatorError) -> PlanChangeOutcome {
        let before = undoCopy()
        let outcome = change(&world)
        guard outcome == .done(changed: true), let organization = world.organizationOfPlan(planId) else {
            return outcome
        }
        try commit(before, organizations: [organization], repositories: false)
        return outcome
    }

    /// The world as it was, kept only where a failed save must undo a change: holding a copy while the
    /// world changes makes copy-on-write duplicate the organization the change touches.
    private func undoCopy() -> SimulatorWorld? {
        persister == nil ? nil : world
    }

    private func commit(
        _ before: SimulatorWorld?, organizations: Set<Int>, repositories: Bool
    ) throws(SimulatorError) {
        guard !organizations.isEmpty else { return }
        forget(organizations, repositories: repositories)
        guard let persister, let before else { return }
        do {
            try persister.write(world.snapshot())
        } catch {
            world = before
            forget(organizations, repositories: repositories)
            logger.error("\(error.description); the change was undone and answered 500")
            throw error
        }
    }

    private func forget(_ organizations: Set<Int>, repositories: Bool) {
        for organization in organizations { protectionCache[organization] = nil }
        if repositories {
            repositoryOrders = repositoryOrders.filter { !organizations.contains($0.key.organization) }
        }
    }
}
