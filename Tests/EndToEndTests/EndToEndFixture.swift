import Foundation
import Logging
import ReconcileCore
import TestSupport
import XoperoSimulator

/// A simulator on a port chosen by the system (`withRunningSimulator`), with the credentials to run
/// `reconcile` against it, in process (most tests) or as the real executable (`subprocess`).
struct EndToEndFixture {
    let simulator: RunningSimulator
    static let adminEmail = TestAccounts.adminEmail
    static let adminPassword = TestAccounts.adminPassword
    static let viewerEmail = TestAccounts.viewerEmail
    static let viewerPassword = TestAccounts.viewerPassword

    static let quiet = quietLogger

    /// The example installation (examples/live-state.json) with the test accounts, and optionally a
    /// different licence total.
    static func exampleState(licenceTotal: Int?? = nil) throws -> SimulatorStateFile {
        try RepositoryFiles.exampleState(licenceTotal: licenceTotal)
    }

    /// Runs `body` with a listening simulator, stopping it afterwards.
    static func with<T: Sendable>(
        _ state: SimulatorStateFile, options: SimulatorOptions = SimulatorOptions(),
        clock: any TokenClock = SystemTokenClock(), _ body: (EndToEndFixture) async throws -> T
    ) async throws -> T {
        try await withRunningSimulator(state, options: options, clock: clock) {
            try await body(EndToEndFixture(simulator: $0))
        }
    }

    /// The environment of a run that logs in as `email`.
    func environment(email: String = adminEmail, password: String = adminPassword) -> [String: String] {
        TestAccounts.environment(server: simulator.baseURL, email: email, password: password)
    }

    /// Runs `reconcile` in process against this simulator as the administrator (or as given).
    func reconcile(_ arguments: [String], environment: [String: String]? = nil) async -> InProcess.Output {
        await InProcess.reconcile(arguments, environment: environment ?? self.environment())
    }

    /// Runs the real `reconcile` executable against this simulator (for what the process itself does:
    /// signals, exit codes, the environment).
    func subprocess(
        _ arguments: [String], environment: [String: String]? = nil,
        whileRunning: (@Sendable (Int32) async -> Void)? = nil
    ) async throws -> ReconcileProcess.Output {
        try await ReconcileProcess.run(
            arguments, environment: environment ?? self.environment(), whileRunning: whileRunning)
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

    /// A temporary file holding `text`, in a new folder of its own.
    static func file(_ text: String, name: String = "reconcile.yaml") throws -> String {
        try RepositoryFiles.temporaryFile(text, name: name)
    }

    static var exampleFile: String { RepositoryFiles.exampleFile }
}
