import Foundation
import ReconcileCore
import ReconcileKit
import TestSupport
import Testing
import XoperoAPI
import XoperoContract
import XoperoSimulator

@Suite("XoperoClient: login, re-login, retries and errors against the simulator")
struct XoperoClientTests {
    static let state = SimulatorFixture.state(organizations: 2, repositories: 60)

    /// Ten page reads sent at once against 4 calls a second: whatever the machine's load, the ten reach
    /// the server within one or two one-second windows, so at least one window is over its limit. (A fetch
    /// that reads page after page can spread its calls below the limit on a slow machine, and took 3-5 s.)
    @Test("retries throttled calls (429 with Retry-After) until they succeed")
    func retriesThrottling() async throws {
        try await withRunningSimulator(Self.state, options: SimulatorOptions(throttle: 4)) { simulator in
            let pages = try await SimulatorFixture.withClient(simulator, concurrency: .fixed(10)) { client in
                let organizations = try await client.organizations(page: 1).items.map(\.id)
                return try await withThrowingTaskGroup(of: [String].self) { group in
                    for organization in organizations {
                        for page in 1...5 {
                            group.addTask {
                                try await client.repositories(organizationID: organization, page: page, limit: 12)
                                    .items.map(\.id)
                            }
                        }
                    }
                    return try await group.reduce(into: [[String]]()) { $0.append($1) }
                }
            }
            #expect(pages.count == 10)
            #expect(Set(pages.joined()).count == 120, "every repository of both organizations, once")
            let stats = await simulator.store.stats()
            #expect((stats.byStatus["429"] ?? 0) > 0)
        }
    }

    @Test("retries 503 faults until the call goes through")
    func retriesServerFaults() async throws {
        let options = SimulatorOptions(faultRate: 0.4, faultMode: .before, seed: 7)
        try await withRunningSimulator(Self.state, options: options) { simulator in
            let live = try await SimulatorFixture.withClient(simulator) { client in
                try await LiveStateFetcher(
                    client: client, pageSize: 10, logger: SimulatorFixture.quiet
                )
                .fetch(organizationNames: nil)
            }
            #expect(live.organizations.allSatisfy { $0.repositories.count == 60 })
            let stats = await simulator.store.stats()
            #expect((stats.byStatus["503"] ?? 0) > 0)
        }
    }

    @Test("repeats writes whose answer was lost (fault mode after): the result is still right")
    func retriesLostAnswers() async throws {
        let options = SimulatorOptions(faultRate: 0.5, faultMode: .after, seed: 3)
        try await withRunningSimulator(Self.state, options: options) { simulator in
            try await SimulatorFixture.withClient(simulator) { client in
                let live = try await LiveStateFetcher(
                    client: client, logger: SimulatorFixture.quiet
                )
                .fetch(organizationNames: ["org-1"])
                let organization = try #require(live.organizations.first)
                let plan = try #require(organization.plans.first { $0.name == "weekly" })
                let candidates = organization.repositories.filter {
                    $0.isActive && !$0.isRemoved && !plan.repositoryIds.contains($0.id)
                }
                for repository in candidates.prefix(6) {
                    try await client.attach(planID: plan.id, repositoryID: repository.id)
                }
                let after = await simulator.store.snapshot()
                let weekly = try #require(
                    after.organizations.first { $0.name == "org-1" }?.plans?.first { $0.name == "weekly" })
                let attached = Set(weekly.repositoryIds ?? weekly.repositories ?? [])
                for repository in candidates.prefix(6) {
                    #expect(attached.contains(repository.id) || attached.contains(repository.name))
                }
            }
            let stats = await simulator.store.stats()
            #expect(stats.totalCalls > stats.calls(path: "/plans/attachgitrepository", status: 200))
        }
    }

    @Test("logs in again once when the token expires, and carries on")
    func reloginOnExpiredToken() async throws {
        let clock = ManualTokenClock()
        try await withRunningSimulator(Self.state, options: SimulatorOptions(tokenTTL: .seconds(60)), clock: clock) {
            simulator in
            try await SimulatorFixture.withClient(simulator) { client in
                try await client.authenticate()
                clock.advance(by: .seconds(61))
                let page = try await client.organizations(page: 1)
                #expect(page.items.count == 2)
            }
            let stats = await simulator.store.stats()
            #expect(stats.calls(path: "/account/login", status: 200) == 2)
            #expect(stats.calls(path: "/git/organizations/getmany", status: 401) == 1)
            #expect(stats.calls(path: "/git/organizations/getmany", status: 200) == 1)
        }
    }

    @Test("an expired fixed token (XOPERO_TOKEN) is a clear error, not a loop")
    func fixedTokenExpired() async throws {
        try await withRunningSimulator(Self.state) { simulator in
            let error = await #expect(throws: XoperoClientError.self) {
                try await SimulatorFixture.withClient(simulator, credentials: .token("not-a-valid-token-123")) {
                    client in
                    _ = try await client.organizations(page: 1)
                }
            }
            #expect(error == .tokenRejected(.getOrganizations))
            #expect(error?.description.contains("XOPERO_TOKEN") == true)
            #expect(error?.description.contains("not-a-valid-token-123") == false)
        }
    }

    @Test("a wrong password says so, without the password")
    func wrongPassword() async throws {
        try await withRunningSimulator(Self.state) { simulator in
            let error = await #expect(throws: XoperoClientError.self) {
                try await SimulatorFixture.withClient(
                    simulator,
                    credentials: .password(email: SimulatorFixture.adminEmail, password: "wrong-horse-battery")
                ) { client in try await client.authenticate() }
            }
            #expect(error == .loginRejected(email: SimulatorFixture.adminEmail))
            let message = error?.description ?? ""
            #expect(message.contains("XOPERO_PASSWORD"))
            #expect(!message.contains("wrong-horse-battery"))
        }
    }

    @Test("a 404 keeps the vendor code and title of its problem body; a 400 names the fields it complains about")
    func problemBodiesReachTheError() async throws {
        try await withRunningSimulator(Self.state) { simulator in
            let unknownRepository = "00000000-dead-beef-0000-000000000000"
            let (notFound, badRequest) = try await SimulatorFixture.withClient(simulator) { client in
                let page = try await client.organizations(page: 1)
                let plan = try #require(page.items.first?.plans.first)
                let notFound = await #expect(throws: XoperoClientError.self) {
                    try await client.attach(planID: plan.id, repositoryID: unknownRepository)
                }
                let badRequest = await #expect(throws: XoperoClientError.self) {
                    _ = try await client.organizations(page: 0)
                }
                return (notFound, badRequest)
            }
            #expect(notFound?.errorCode == "GT1001")
            #expect(
                notFound?.description.contains("HTTP 404 (GT1001): Repository \(unknownRepository) not found") == true)
            guard case .badRequest(.getOrganizations, let detail) = badRequest else {
                Issue.record("page 0 should be a 400 of getOrganizations, got \(String(describing: badRequest))")
                return
            }
            #expect(detail?.hasSuffix("fields: page") == true, "\(String(describing: detail))")
        }
    }

    @Test("a Viewer may read but a write is forbidden, with the role to ask for")
    func viewerCannotWrite() async throws {
        try await withRunningSimulator(Self.state) { simulator in
            let credentials = XoperoCredentials.password(
                email: SimulatorFixture.viewerEmail, password: SimulatorFixture.viewerPassword)
            let error = await #expect(throws: XoperoClientError.self) {
                try await SimulatorFixture.withClient(simulator, credentials: credentials) { client in
                    let page = try await client.organizations(page: 1)
                    let plan = try #require(page.items.first?.plans.first)
                    try await client.modifyPlan(PlanModification(planID: plan.id, includeMetadata: true))
                }
            }
            #expect(error == .forbidden(.modifyGitPlan))
            #expect(error?.description.contains("System Administrator") == true)
            #expect(await simulator.store.stats().calls(path: "/plans/modifygitplan", status: 403) == 1)
        }
    }

    @Test("an unreachable server fails quickly with what to check")
    func unreachableServer() async throws {
        // A port the simulator listened on a moment ago and no longer does.
        let closedURL = try await withRunningSimulator(Self.state) { $0.baseURL }
        let url = try #require(URL(string: closedURL))
        let client = try XoperoClient(
            configuration: XoperoClientConfiguration(
                serverURL: url, callTimeout: .seconds(5),
                retry: RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(10), totalTime: .seconds(2))),
            credentials: .password(email: "a@b.c", password: "pw-unreachable-9"), logger: SimulatorFixture.quiet)
        let error = await #expect(throws: XoperoClientError.self) { try await client.authenticate() }
        await client.shutdown()
        guard case .unreachable(let call, _, _) = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(call == .login)
        #expect(error?.description.contains("XOPERO_URL") == true)
        #expect(error?.description.contains("pw-unreachable-9") == false)
    }

    @Test(
        "https to a server that does not speak TLS is a TLS error pointing at --ca-cert; a missing --ca-cert file is named"
    )
    func tlsFailures() async throws {
        try await withRunningSimulator(Self.state) { simulator in
            let url = try #require(URL(string: simulator.baseURL.replacingOccurrences(of: "http://", with: "https://")))
            let client = try XoperoClient(
                configuration: XoperoClientConfiguration(serverURL: url, callTimeout: .seconds(5), retry: .none),
                credentials: .password(email: SimulatorFixture.adminEmail, password: SimulatorFixture.adminPassword),
                logger: SimulatorFixture.quiet)
            let error = await #expect(throws: XoperoClientError.self) { try await client.authenticate() }
            await client.shutdown()
            guard case .tls = error else {
                Issue.record("expected a TLS error, got \(String(describing: error))")
                return
            }
            #expect(error?.description.contains("--ca-cert") == true)

            let missing = #expect(throws: XoperoClientError.self) {
                _ = try XoperoClient(
                    configuration: XoperoClientConfiguration(serverURL: url, caCertificatePath: "/no/such/root.pem"),
                    credentials: .token("t"), logger: SimulatorFixture.quiet)
            }
            #expect(missing?.description.contains("/no/such/root.pem") == true)
        }
    }
}
