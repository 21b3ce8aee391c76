import Logging
import XoperoContract

/// The simulator's state and everything that changes it: data, sessions, call counts.
///
/// One actor, so that every call sees and leaves a consistent state (the counters are always true).
public actor SimulatorStore {
    var world: SimulatorWorld
    private var sessions: [String: Session] = [:]
    private var callStats = SimulatorStats()
    private let tokenLifetime: Duration
    private let persister: StatePersister?
    private let logger: Logger
    private let clock: any TokenClock
    /// Sorted orders of an organization's repositories, dropped when they change.
    private var repositoryOrders: [RepositoryOrderKey: [Int]] = [:]
    /// Counters of each organization, dropped when it changes.
    private var countersCache: [Int: OrganizationRow] = [:]

    struct Session: Sendable {
        var userId: String
        var roles: [XoperoAssumptions.Role]
        var expires: ContinuousClock.Instant
    }

    private struct RepositoryOrderKey: Hashable {
        var organization: Int
        var field: String
        var descending: Bool
    }

    init(
        world: SimulatorWorld, tokenLifetime: Duration, clock: any TokenClock = SystemTokenClock(),
        persister: StatePersister?, logger: Logger
    ) {
        self.world = world
        self.tokenLifetime = tokenLifetime
        self.clock = clock
        self.persister = persister
        self.logger = logger
    }

    /// The calls received so far.
    public func stats() -> SimulatorStats { callStats }

    /// The whole state, in the state-file format, with every id written.
    public func snapshot() -> SimulatorStateFile { world.snapshot() }

    func record(path: String, status: String) {
        callStats.record(path: path, status: status)
    }

    // MARK: Sessions

    /// A token for the user with these credentials (email ignores case), or nil.
    func login(email: String, password: String) -> (userId: String, token: String)? {
        guard let user = world.users.first(where: { $0.email.lowercased() == email.lowercased() }),
            user.password == password
        else { return nil }
        let token = Self.newToken()
        let userId = StableID.user(email: user.email)
        sessions[token] = Session(userId: userId, roles: user.roles, expires: clock.now.advanced(by: tokenLifetime))
        return (userId, token)
    }

    /// The session of a token that exists and has not expired.
    func session(token: String) -> Session? {
        guard let session = sessions[token] else { return nil }
        guard clock.now < session.expires else {
            sessions[token] = nil
            return nil
        }
        return session
    }

    private static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return String((0..<64).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }

    // MARK: Listings

    enum ListingFailure: Error, Sendable {
        case organizationNotFound
        case invalid(ListingError)
    }

    func organizations(_ request: ListingRequest) throws(ListingError) -> ListingPage<OrganizationRow> {
        let resolved = try QueryEngine.resolve(request, fields: ListingFields.organizations)
        let rows = world.organizations.indices.map(row(of:))
        let order = resolved.sortField.map { QueryEngine.sortedOrder(rows, by: $0, descending: resolved.descending) }
        return QueryEngine.page(rows, order: order, resolved)
    }

    func repositories(organizationId: String, _ request: ListingRequest) throws(ListingFailure) -> ListingPage<
        SimRepository
    > {
        guard let index = world.organizationIndex[organizationId] else { throw .organizationNotFound }
        let resolved: QueryEngine.Resolved<SimRepository>
        do { resolved = try QueryEngine.resolve(request, fields: ListingFields.repositories) } catch {
            throw .invalid(error)
        }
        let repositories = world.organizations[index].repositories
        var order: [Int]?
        if let field = resolved.sortField {
            let key = RepositoryOrderKey(organization: index, field: field.name, descending: resolved.descending)
            if let cached = repositoryOrders[key] {
                order = cached
            } else {
                let sorted = QueryEngine.sortedOrder(repositories, by: field, descending: resolved.descending)
                repositoryOrders[key] = sorted
                order = sorted
            }
        }
        return QueryEngine.page(repositories, order: order, resolved)
    }

    func plans(organizationId: String, _ request: ListingRequest) throws(ListingFailure) -> ListingPage<SimPlan> {
        guard let index = world.organizationIndex[organizationId] else { throw .organizationNotFound }
        let resolved: QueryEngine.Resolved<SimPlan>
        do { resolved = try QueryEngine.resolve(request, fields: ListingFields.plans) } catch { throw .invalid(error) }
        let plans = world.organizations[index].plans
        let order = resolved.sortField.map { QueryEngine.sortedOrder(plans, by: $0, descending: resolved.descending) }
        return QueryEngine.page(plans, order: order, resolved)
    }

    private func row(of index: Int) -> OrganizationRow {
        if let cached = countersCache[index] { return cached }
        let organization = world.organizations[index]
        let row = OrganizationRow(
            organization: organization, counters: organization.counters(), notRemoved: organization.notRemovedCount)
        countersCache[index] = row
        return row
    }

    // MARK: Changes

    func attach(planId: String, repositoryId: String) -> PlanChangeOutcome {
        let outcome = world.attach(planId: planId, repositoryId: repositoryId)
        changed(outcome, planId: planId)
        return outcome
    }

    func detach(planId: String, repositoryId: String) -> PlanChangeOutcome {
        let outcome = world.detach(planId: planId, repositoryId: repositoryId)
        changed(outcome, planId: planId)
        return outcome
    }

    func modify(planId: String, _ modification: PlanModification) -> PlanChangeOutcome {
        let outcome = world.modify(planId: planId, modification)
        changed(outcome, planId: planId)
        return outcome
    }

    func activate(ids: [String]) -> LicenceBatchOutcome {
        let outcome = world.activate(ids: ids)
        changed(organizations: outcome.changedOrganizations, repositories: true)
        return outcome
    }

    func deactivate(ids: [String]) -> LicenceBatchOutcome {
        let outcome = world.deactivate(ids: ids)
        changed(organizations: outcome.changedOrganizations, repositories: true)
        return outcome
    }

    private func changed(_ outcome: PlanChangeOutcome, planId: String) {
        guard outcome == .done(changed: true), let organization = world.organizationOfPlan(planId) else { return }
        changed(organizations: [organization], repositories: false)
    }

    private func changed(organizations: Set<Int>, repositories: Bool) {
        guard !organizations.isEmpty else { return }
        for organization in organizations { countersCache[organization] = nil }
        if repositories {
            repositoryOrders = repositoryOrders.filter { !organizations.contains($0.key.organization) }
        }
        guard let persister else { return }
        do {
            try persister.write(world.snapshot())
        } catch {
            logger.error("\(error.description)")
        }
    }
}
