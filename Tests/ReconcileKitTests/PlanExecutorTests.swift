import Foundation
import ReconcileCore
import ReconcileKit
import TestSupport
import Testing
import XoperoAPI
import XoperoContract
import XoperoSimulator

@Suite("PlanExecutor against the simulator over HTTP")
struct PlanExecutorTests {
    /// One organization: six unlicensed repositories `new-1`...`new-6`, two licensed `old-1`, `old-2`
    /// attached to `nightly`, and room for `freeLicences` more licences.
    static func state(freeLicences: Int) -> SimulatorStateFile {
        let repositories =
            (1...6).map { SimulatorStateFile.Repository(name: "new-\($0)", isActive: false, isRemoved: false) }
            + (1...2).map { SimulatorStateFile.Repository(name: "old-\($0)", isActive: true, isRemoved: false) }
        let organization = SimulatorStateFile.Organization(
            name: "acme", repositories: repositories,
            plans: [
                .init(
                    name: "nightly", backupType: 5, includeMetadata: false, includeAllRepositories: false,
                    repositories: ["old-1", "old-2"])
            ])
        return SimulatorStateFile(
            licences: .init(total: 2 + freeLicences), users: SimulatorFixture.users, organizations: [organization])
    }

    static func live(_ client: XoperoClient) async throws -> (LiveOrganization, LivePlan) {
        let live = try await LiveStateFetcher(client: client, logger: SimulatorFixture.quiet)
            .fetch(organizationNames: nil)
        let organization = try #require(live.organizations.first)
        return (organization, try #require(organization.plans.first))
    }

    static func ref(_ organization: LiveOrganization, _ name: String) throws -> ObjectRef {
        let repository = try #require(organization.repositories.first { $0.name == name })
        return ObjectRef(id: repository.id, name: repository.name)
    }

    @Test("licence exhaustion mid-batch: the attaches of the unlicensed repositories are skipped, the rest applied")
    func licenceExhaustion() async throws {
        try await withRunningSimulator(Self.state(freeLicences: 2)) { simulator in
            let report = try await SimulatorFixture.withClient(simulator) { client in
                let (organization, plan) = try await Self.live(client)
                let org = ObjectRef(id: organization.id, name: organization.name)
                let planRef = ObjectRef(id: plan.id, name: plan.name)
                let newOnes = try (1...4).map { try Self.ref(organization, "new-\($0)") }
                let operations: [PlannedOperation] =
                    [
                        .activate(LicenseOperation(organization: org, repositories: newOnes)),
                        .modify(
                            ModifyOperation(
                                organization: org, plan: planRef,
                                changes: [FieldChange(field: .includeMetadata, from: .bool(false), to: .bool(true))],
                                includeMetadata: true)),
                    ]
                    + newOnes.map { .attach(MembershipOperation(organization: org, plan: planRef, repository: $0)) }
                    + [
                        .detach(
                            MembershipOperation(
                                organization: org, plan: planRef, repository: try Self.ref(organization, "old-2")))
                    ]
                let executor = PlanExecutor(writer: client, maxConcurrentOperations: 3)
                return await executor.apply(ReconcilePlan(operations: operations, fingerprint: "sha256:test")).report
            }
            // Two licences were free: new-1 and new-2 got them, new-3 and new-4 did not (LI5020).
            guard case .failed(let code, let message, let failedRepositories) = report.results[0] else {
                Issue.record("activate should fail partly, got \(report.results[0])")
                return
            }
            #expect(code == "LI5020")
            #expect(message.contains("2 of 4"))
            #expect(failedRepositories.map(\.name).sorted() == ["new-3", "new-4"])
            #expect(report.results[1] == .ok)
            #expect(report.results[2] == .ok && report.results[3] == .ok)
            for index in [4, 5] {
                guard case .skipped(let reason) = report.results[index] else {
                    Issue.record("attach \(index) should be skipped, got \(report.results[index])")
                    continue
                }
                #expect(reason.contains("LI5020"))
            }
            #expect(report.results[6] == .ok)
            #expect(!report.isComplete && !report.interrupted)

            let after = await simulator.store.snapshot()
            let organization = try #require(after.organizations.first)
            let nightly = try #require(organization.plans?.first)
            let idToName = Dictionary(
                uniqueKeysWithValues: (organization.repositories ?? []).compactMap { r in r.id.map { ($0, r.name) } })
            let members = Set((nightly.repositoryIds ?? []).compactMap { idToName[$0] } + (nightly.repositories ?? []))
            #expect(members == ["old-1", "new-1", "new-2"])
            #expect(nightly.includeMetadata == true)
            // Only the calls that could succeed were made: the skipped attaches never reached the server.
            #expect(await simulator.store.stats().calls(path: "/plans/attachgitrepository") == 2)
        }
    }

    @Test("a repository whose detach failed keeps its licence; the rest of the batch is deactivated")
    func deactivateWaitsForDetach() async throws {
        try await withRunningSimulator(Self.state(freeLicences: 0)) { simulator in
            let report = try await SimulatorFixture.withClient(simulator) { client in
                let (organization, plan) = try await Self.live(client)
                let org = ObjectRef(id: organization.id, name: organization.name)
                let old1 = try Self.ref(organization, "old-1")
                let old2 = try Self.ref(organization, "old-2")
                let missingPlan = ObjectRef(id: "00000000-dead-beef-0000-000000000000", name: "gone")
                let operations: [PlannedOperation] = [
                    .detach(MembershipOperation(organization: org, plan: missingPlan, repository: old1)),
                    .detach(
                        MembershipOperation(
                            organization: org, plan: ObjectRef(id: plan.id, name: plan.name), repository: old2)),
                    .deactivate(LicenseOperation(organization: org, repositories: [old1, old2])),
                ]
                return await PlanExecutor(writer: client, maxConcurrentOperations: 2)
                    .apply(ReconcilePlan(operations: operations, fingerprint: "sha256:test")).report
            }
            guard case .failed(let code, _, _) = report.results[0] else {
                Issue.record("the detach from an unknown plan should fail, got \(report.results[0])")
                return
            }
            #expect(code == "HTTP 404")
            #expect(report.results[1] == .ok)
            guard case .failed(_, let message, let notDeactivated) = report.results[2] else {
                Issue.record("the deactivate should report old-1 as not done, got \(report.results[2])")
                return
            }
            #expect(notDeactivated.map(\.name) == ["old-1"])
            #expect(message.contains("keeps its licence"))
            let repositories = await simulator.store.snapshot().organizations.first?.repositories ?? []
            #expect(repositories.first { $0.name == "old-1" }?.isActive == true)
            #expect(repositories.first { $0.name == "old-2" }?.isActive == false)
        }
    }

    @Test(
        "deactivating a repository that holds no licence (GT1001, e.g. a retried call's first attempt did it) is not a failure"
    )
    func deactivateOfInactiveIsDone() async throws {
        try await withRunningSimulator(Self.state(freeLicences: 0)) { simulator in
            let report = try await SimulatorFixture.withClient(simulator) { client in
                let (organization, _) = try await Self.live(client)
                let org = ObjectRef(id: organization.id, name: organization.name)
                let batch = try [Self.ref(organization, "old-1"), Self.ref(organization, "new-1")]
                return await PlanExecutor(writer: client, maxConcurrentOperations: 1)
                    .apply(
                        ReconcilePlan(
                            operations: [.deactivate(LicenseOperation(organization: org, repositories: batch))],
                            fingerprint: "sha256:test")
                    ).report
            }
            #expect(report.results == [.ok])
            let repositories = await simulator.store.snapshot().organizations.first?.repositories ?? []
            #expect(repositories.first { $0.name == "old-1" }?.isActive == false)
            #expect(repositories.first { $0.name == "new-1" }?.isActive == false)
        }
    }

    @Test("after an interruption no new call starts and the rest is reported as skipped")
    func interruption() async throws {
        try await withRunningSimulator(Self.state(freeLicences: 6)) { simulator in
            let report = try await SimulatorFixture.withClient(simulator) { client in
                let (organization, plan) = try await Self.live(client)
                let org = ObjectRef(id: organization.id, name: organization.name)
                let planRef = ObjectRef(id: plan.id, name: plan.name)
                let newOnes = try (1...6).map { try Self.ref(organization, "new-\($0)") }
                let operations: [PlannedOperation] =
                    [.activate(LicenseOperation(organization: org, repositories: newOnes))]
                    + newOnes.map { .attach(MembershipOperation(organization: org, plan: planRef, repository: $0)) }
                let flag = InterruptionFlag()
                // Ctrl-C arrives as soon as the first attach has finished.
                let executor = PlanExecutor(writer: client, maxConcurrentOperations: 1, interruption: flag) {
                    event in
                    if case .operationFinished(_, .attach, _) = event { flag.interrupt() }
                }
                return await executor.apply(ReconcilePlan(operations: operations, fingerprint: "sha256:test")).report
            }
            #expect(report.interrupted)
            #expect(report.results[0] == .ok)
            #expect(report.succeededCount == 2)
            #expect(report.results.dropFirst(2).allSatisfy { $0 == .skipped(reason: "interrupted") })
            #expect(await simulator.store.stats().calls(path: "/plans/attachgitrepository") == 1)
        }
    }

    @Test("a refused write (Viewer, 403) stops the run: nothing else is attempted")
    func forbiddenStopsTheRun() async throws {
        try await withRunningSimulator(Self.state(freeLicences: 6)) { simulator in
            let viewer = XoperoCredentials.password(
                email: SimulatorFixture.viewerEmail, password: SimulatorFixture.viewerPassword)
            let execution = try await SimulatorFixture.withClient(simulator, credentials: viewer) { client in
                let (organization, plan) = try await Self.live(client)
                let org = ObjectRef(id: organization.id, name: organization.name)
                let planRef = ObjectRef(id: plan.id, name: plan.name)
                let operations: [PlannedOperation] =
                    [.modify(ModifyOperation(organization: org, plan: planRef, changes: [], includeMetadata: true))]
                    + (try (1...2).map {
                        .detach(
                            MembershipOperation(
                                organization: org, plan: planRef, repository: try Self.ref(organization, "old-\($0)")))
                    })
                return await PlanExecutor(writer: client, maxConcurrentOperations: 1)
                    .apply(ReconcilePlan(operations: operations, fingerprint: "sha256:test"))
            }
            #expect(execution.abortedBy == .forbidden(.modifyGitPlan))
            #expect(execution.report.failedCount == 1)
            #expect(
                execution.report.results.dropFirst().allSatisfy {
                    if case .skipped(let reason) = $0 { reason.contains("HTTP 403") } else { false }
                })
            #expect(await simulator.store.stats().writeCalls == 1)
        }
    }

    @Test("calls inside a step run concurrently, never more than the limit")
    func stepConcurrency() async throws {
        // Each call lasts long enough that the limiter admits three before the first ends. That the server
        // then sees the three at once is ConnectionPoolTests' part: here it depended on how quickly a loaded
        // machine got them out, and failed once in 20 runs beside a second test run.
        let options = SimulatorOptions(latency: .milliseconds(80))
        try await withRunningSimulator(Self.state(freeLicences: 6), options: options) { simulator in
            let (report, peak) = try await SimulatorFixture.withClient(simulator, concurrency: .fixed(3)) { client in
                let (organization, plan) = try await Self.live(client)
                let org = ObjectRef(id: organization.id, name: organization.name)
                let planRef = ObjectRef(id: plan.id, name: plan.name)
                let operations: [PlannedOperation] =
                    try (1...2).map {
                        .attach(
                            MembershipOperation(
                                organization: org, plan: planRef, repository: try Self.ref(organization, "old-\($0)")))
                    } + [
                        .detach(
                            MembershipOperation(
                                organization: org, plan: planRef, repository: try Self.ref(organization, "old-1")))
                    ]
                    + (1...6).map { _ in
                        .modify(ModifyOperation(organization: org, plan: planRef, changes: [], backupType: 5))
                    }
                let report = await PlanExecutor(writer: client, maxConcurrentOperations: 8).apply(
                    ReconcilePlan(operations: operations, fingerprint: "sha256:test")
                ).report
                return (report, await client.limiter.peakInFlight)
            }
            #expect(report.isComplete)
            #expect(peak == 3)
            #expect(await simulator.store.stats().peakConcurrency <= 3)
        }
    }
}
