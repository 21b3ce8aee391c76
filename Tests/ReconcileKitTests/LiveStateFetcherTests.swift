import Foundation
import ReconcileCore
import ReconcileKit
import TestSupport
import Testing
import XoperoAPI
import XoperoContract
import XoperoSimulator

@Suite("LiveStateFetcher against the simulator over HTTP")
struct LiveStateFetcherTests {
    @Test("reads every page of every listing and joins plans with their memberships")
    func readsEverything() async throws {
        let state = SimulatorFixture.state(organizations: 3, repositories: 250)
        try await withRunningSimulator(state) { simulator in
            let live = try await SimulatorFixture.withClient(simulator) { client in
                try await LiveStateFetcher(client: client, pageSize: 40, logger: SimulatorFixture.quiet)
                    .fetch(organizationNames: nil)
            }
            let snapshot = await simulator.store.snapshot()
            #expect(live.organizations.map(\.name) == ["org-1", "org-2", "org-3"])
            for organization in live.organizations {
                let expected = try #require(snapshot.organizations.first { $0.name == organization.name })
                let expectedRepositories = expected.repositories ?? []
                #expect(organization.repositories.count == 250)
                #expect(Set(organization.repositories.map(\.name)) == Set(expectedRepositories.map(\.name)))
                #expect(
                    organization.repositories.filter(\.isRemoved).count
                        == expectedRepositories.filter { $0.isRemoved == true }.count)
                #expect(
                    organization.repositories.filter(\.isActive).count
                        == expectedRepositories.filter { $0.isActive == true }.count)
                let nightly = try #require(organization.plans.first { $0.name == "nightly" })
                let weekly = try #require(organization.plans.first { $0.name == "weekly" })
                #expect(nightly.includeMetadata == true && weekly.includeMetadata == false)
                #expect(nightly.backupType == 5)
                let byID = Dictionary(uniqueKeysWithValues: organization.repositories.map { ($0.id, $0.name) })
                let expectedNightly = expected.plans?.first { $0.name == "nightly" }
                let expectedNames = Set(
                    try #require(
                        expectedNightly?.repositories
                            ?? expectedNightly?.repositoryIds.map { ids in
                                ids.compactMap { byID[$0] }
                            }))
                #expect(Set(nightly.repositoryIds.compactMap { byID[$0] }) == expectedNames)
            }
            // 250 repositories at 40 a page: 7 pages per organization, nothing read twice.
            let stats = await simulator.store.stats()
            #expect(stats.calls(path: "/git/repositories/getmany") == 3 * 7)
            #expect(stats.writeCalls == 0)
        }
    }

    @Test("reads only the organizations asked for")
    func onlyNamedOrganizations() async throws {
        try await withRunningSimulator(SimulatorFixture.state(organizations: 4, repositories: 30)) { simulator in
            let live = try await SimulatorFixture.withClient(simulator) { client in
                try await LiveStateFetcher(client: client, logger: SimulatorFixture.quiet)
                    .fetch(organizationNames: ["org-2", "org-4", "no-such-org"])
            }
            #expect(live.organizations.map(\.name).sorted() == ["org-2", "org-4"])
            let stats = await simulator.store.stats()
            #expect(stats.calls(path: "/git/repositories/getmany") == 2)
            #expect(stats.calls(path: "/plans/listassignedtoorganization") == 2)
        }
    }

    @Test(
        "never has more calls in flight than the limit, and does use the concurrency it has, at the client and at the server",
        arguments: [1, 3, 12])
    func respectsConcurrency(limit: Int) async throws {
        // Each organization has `limit + 2` pages of 10, so that the fetcher has more calls to make than the
        // limit; each call lasts long enough that the limiter has admitted `limit` of them before the first
        // ends. That the server then sees all of them at once is ConnectionPoolTests' part (here it would
        // depend on how quickly a loaded machine gets twelve requests out).
        let options = SimulatorOptions(latency: .milliseconds(20 * limit + 20))
        let state = SimulatorFixture.state(organizations: 2, repositories: 10 * (limit + 2))
        try await withRunningSimulator(state, options: options) {
            simulator in
            let peak = try await SimulatorFixture.withClient(simulator, concurrency: .fixed(limit)) { client in
                _ = try await LiveStateFetcher(client: client, pageSize: 10, logger: SimulatorFixture.quiet)
                    .fetch(organizationNames: nil)
                return await client.limiter.peakInFlight
            }
            #expect(peak == limit)
            #expect(await simulator.store.stats().peakConcurrency <= limit)
        }
    }
}
