import Foundation
import Logging
import ReconcileCore
import XoperoSimulator

/// A simulator on a port chosen by the system, with the credentials to pass to the child process.
struct EndToEndFixture {
    let simulator: RunningSimulator
    static let adminEmail = "admin@example.com"
    /// Distinctive, so that a test can prove it never appears in any output.
    static let adminPassword = "Adm1n-s3cret-e2e-9f2c"
    static let viewerEmail = "viewer@example.com"
    static let viewerPassword = "V1ewer-s3cret-e2e-77ab"

    static let quiet = Logger(label: "e2e") { _ in SwiftLogNoOpLogHandler() }

    /// The example installation (examples/live-state.json) with the test's own passwords, and optionally
    /// a different licence total.
    static func exampleState(licenceTotal: Int?? = nil) throws -> SimulatorStateFile {
        var state = try SimulatorStateFile.load(
            path: ReconcileProcess.repositoryRoot.appendingPathComponent("examples/live-state.json").path)
        state.users = users
        if let licenceTotal { state.licences = .init(total: licenceTotal) }
        return state
    }

    static let users = [
        SimulatorUser(email: adminEmail, password: adminPassword, roles: [.systemAdministrator]),
        SimulatorUser(email: viewerEmail, password: viewerPassword, roles: [.viewer]),
    ]

    /// Runs `body` with a listening simulator, stopping it afterwards.
    static func with<T: Sendable>(
        _ state: SimulatorStateFile, options: SimulatorOptions = SimulatorOptions(),
        _ body: (EndToEndFixture) async throws -> T
    ) async throws -> T {
        let simulator = try await SimulatorServer.start(state: state, options: options, logger: quiet)
        do {
            let value = try await body(EndToEndFixture(simulator: simulator))
            await simulator.stop()
            return value
        } catch {
            await simulator.stop()
            throw error
        }
    }

    /// The environment of a child process that logs in as `email`.
    func environment(email: String = adminEmail, password: String = adminPassword) -> [String: String] {
        ["XOPERO_URL": simulator.baseURL, "XOPERO_EMAIL": email, "XOPERO_PASSWORD": password]
    }

    /// Runs `reconcile` against this simulator as the administrator (or as given).
    func reconcile(_ arguments: [String], environment: [String: String]? = nil) async throws -> ReconcileProcess.Output
    {
        try await ReconcileProcess.run(arguments, environment: environment ?? self.environment())
    }

    /// The simulator's state now, as the planner sees live state, in a canonical order.
    func liveState(organizations names: Set<String>? = nil) async -> LiveState {
        Self.liveState(from: await simulator.store.snapshot(), organizations: names)
    }

    static func liveState(from snapshot: SimulatorStateFile, organizations names: Set<String>? = nil) -> LiveState {
        let organizations = snapshot.organizations.filter { names?.contains($0.name) ?? true }.map { organization in
            LiveOrganization(
                id: organization.id ?? organization.name, name: organization.name,
                repositories: (organization.repositories ?? []).map {
                    LiveRepository(
                        id: $0.id ?? $0.name, name: $0.name, isActive: $0.isActive ?? false,
                        isRemoved: $0.isRemoved ?? false)
                }.sorted { $0.id < $1.id },
                plans: (organization.plans ?? []).map {
                    LivePlan(
                        id: $0.id ?? $0.name, name: $0.name, backupType: $0.backupType,
                        includeMetadata: $0.includeMetadata,
                        includeAllRepositories: $0.includeAllRepositories ?? false,
                        repositoryIds: ($0.repositoryIds ?? []).sorted())
                }.sorted { $0.id < $1.id })
        }
        return LiveState(organizations: organizations.sorted { $0.name < $1.name })
    }

    /// The same state in the canonical order `liveState` uses, for comparing.
    static func canonical(_ live: LiveState) -> LiveState {
        LiveState(
            organizations: live.organizations.map { organization in
                var organization = organization
                organization.repositories.sort { $0.id < $1.id }
                organization.plans = organization.plans.map { plan in
                    var plan = plan
                    plan.repositoryIds.sort()
                    return plan
                }.sorted { $0.id < $1.id }
                return organization
            }.sorted { $0.name < $1.name })
    }

    /// A temporary file holding `text`, removed when the test process ends (names are unique).
    static func file(_ text: String, name: String = "reconcile.yaml") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "reconcile-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static var exampleFile: String {
        ReconcileProcess.repositoryRoot.appendingPathComponent("examples/reconcile.yaml").path
    }
}
