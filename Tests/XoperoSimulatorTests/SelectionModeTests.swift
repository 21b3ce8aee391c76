import Foundation
import Testing
import XoperoContract

@testable import XoperoSimulator

/// Plans that select repositories by exclusion or by name rules: what they protect, what the calls
/// show of them, and what attach and detach do to them.
@Suite struct SelectionModeTests {
    let gamma = Fixtures.organizationId("gamma")
    let allBut = Fixtures.planId("gamma", "all-but")
    let byRules = Fixtures.planId("gamma", "by-rules")
    func repo(_ name: String) -> String { Fixtures.repositoryId("gamma", name) }

    /// gamma's plans' `repoCount`, then its protected repositories and missing licences, from getmany.
    func numbers(_ sim: SimulatorHarness, token: String) async throws -> [Int] {
        let gamma = try await sim.organization(named: "gamma", token: token)
        return gamma.plans.map(\.repoCount) + [gamma.protectedRepositories, gamma.missingLicences]
    }

    func attach(_ sim: SimulatorHarness, _ path: String, plan: String, _ name: String, token: String) async throws {
        let response = try await sim.post(
            path, json: #"{"planId": "\#(plan)", "repositoryId": "\#(repo(name))"}"#, token: token)
        #expect(response.status == 200, "\(response.text)")
    }

    @Test func countersAndRepoCountFollowWhatThePlansProtect() async throws {
        try await SimulatorHarness.with(Fixtures.selectionState()) { sim in
            let gamma = try await sim.organization(named: "gamma", token: try await sim.login())
            // all-but: api-gateway, web-22; by-rules: api-gateway, api-core, web-1 (rules ignore case).
            #expect(gamma.plans.map(\.repoCount) == [2, 3])
            #expect(gamma.protectedRepositories == 4)
            #expect(gamma.missingLicences == 1)
            #expect(gamma.totalRepositories == 6)
            #expect(gamma.removedRepositories == 1)
        }
    }

    @Test func listAssignedShowsTheListedIdsOnly() async throws {
        try await SimulatorHarness.with(Fixtures.selectionState()) { sim in
            let page = try await sim.plans(#"{"id": "\#(gamma)", "orderby": "Name"}"#, token: try await sim.login())
            #expect(page.result.map(\.name) == ["all-but", "by-rules"])
            #expect(page.result[0].repositoryIds == [repo("docs"), repo("api-core")])
            #expect(page.result[1].repositoryIds.isEmpty)
            #expect(page.result.allSatisfy { !$0.includeAllRepositories })
        }
    }

    @Test func attachingToAnExcludePlanAddsAnExclusion() async throws {
        try await SimulatorHarness.with(Fixtures.selectionState()) { sim in
            let token = try await sim.login()
            try await attach(sim, "/plans/attachgitrepository", plan: allBut, "web-22", token: token)
            // web-22 is no longer protected by anyone: the blind attach did the opposite of what it meant.
            #expect(try await numbers(sim, token: token) == [1, 3, 3, 1])
            let listed = try await sim.plans(#"{"id": "\#(gamma)", "orderby": "Name"}"#, token: token)
            #expect(listed.result[0].repositoryIds == [repo("docs"), repo("api-core"), repo("web-22")])
            try await attach(sim, "/plans/detachgitrepository", plan: allBut, "web-22", token: token)
            try await attach(sim, "/plans/detachgitrepository", plan: allBut, "docs", token: token)
            // docs is no exclusion any more but holds no licence, so the exclude plan still skips it.
            #expect(try await numbers(sim, token: token) == [2, 3, 4, 1])
        }
    }

    @Test func licencesChangeWhatAnExcludePlanProtects() async throws {
        try await SimulatorHarness.with(Fixtures.selectionState()) { sim in
            let token = try await sim.login()
            let activated = try await sim.post(
                "/git/repositories/activate", json: #"{"ids": ["\#(repo("web-1"))", "\#(repo("docs"))"]}"#,
                token: token)
            #expect(activated.status == 200)
            // web-1 is licensed now and not excluded; docs stays excluded.
            #expect(try await numbers(sim, token: token) == [3, 3, 4, 0])
        }
    }

    @Test func attachingToARulesPlanAddsToItsExplicitList() async throws {
        try await SimulatorHarness.with(Fixtures.selectionState()) { sim in
            let token = try await sim.login()
            try await attach(sim, "/plans/attachgitrepository", plan: byRules, "docs", token: token)
            #expect(try await numbers(sim, token: token) == [2, 4, 5, 2])
            let listed = try await sim.plans(#"{"id": "\#(gamma)", "orderby": "Name"}"#, token: token)
            #expect(listed.result[1].repositoryIds == [repo("docs")])
            // A removed repository can be attached to no plan, whatever its mode.
            let removed = try await sim.post(
                "/plans/attachgitrepository",
                json: #"{"planId": "\#(byRules)", "repositoryId": "\#(repo("old-api"))"}"#,
                token: token)
            #expect(removed.status == 404)
        }
    }

    @Test func includeAllRepositoriesOverridesTheSelection() throws {
        var state = Fixtures.selectionState()
        state.organizations[2].plans?[0].includeAllRepositories = true
        let world = try SimulatorWorld(state: state)
        let (counters, repoCounts) = world.organizations[2].protection()
        #expect(repoCounts == [5, 3])
        #expect(counters.protectedRepositories == 5)
        #expect(counters.missingLicences == 2)
    }

    @Test func theStateRoundTripsThroughSimState() async throws {
        try await SimulatorHarness.with(Fixtures.selectionState()) { sim in
            let response = try await sim.get("/__sim/state")
            let state = try SimulatorStateFile.decode(response.body, path: "/__sim/state")
            let gamma = try #require(state.organizations.first { $0.name == "gamma" })
            #expect(gamma.isReadOnly == true)
            #expect(gamma.synchronizationInProgress == true)
            #expect(gamma.synchronizationFinishesAfterSeconds == 30)
            #expect(gamma.plans?.map(\.selection) == [.exclude, .rules])
            #expect(gamma.plans?[1].rules == ["api-*", "WEB-?"])
            #expect(gamma.plans?[0].repositoryIds == [repo("docs"), repo("api-core")])
            // List-mode plans are written as before, without the new fields.
            #expect(state.organizations[0].plans?.allSatisfy { $0.selection == nil && $0.rules == nil } == true)
            #expect(state.users.first { $0.email == Fixtures.twoFactor }?.twoFactor == true)
            #expect(state.users.first { $0.email == Fixtures.root }?.roles == [.rootAdministrator])
            #expect(try SimulatorWorld(state: state).snapshot() == state)
        }
    }

    @Test(arguments: [
        ("api-*", "api-gateway", true), ("api-*", "api-", true), ("api-*", "my-api-x", false),
        ("web-?", "web-1", true), ("web-?", "web-22", false), ("web-?", "WEB-1", true),
        ("*-service", "billing-service", true), ("*", "", true), ("a*b*c", "aXbYbZc", true),
        ("a*b*c", "aXbYbZ", false), ("?", "", false), ("**x", "x", true), ("a?c", "a*c", true),
        ("lit*", "lit", true), ("exact", "exact", true), ("exact", "exactly", false),
    ])
    func nameRulesMatchTheWholeName(rule: String, name: String, matches: Bool) {
        #expect(NameRule(rule).matches(name) == matches)
    }

    @Test func aPathologicalRuleStaysFast() {
        let rule = NameRule(String(repeating: "*a", count: 200) + "b")
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(!rule.matches(String(repeating: "a", count: 2000)))
        }
        #expect(elapsed < .seconds(2))
    }
}
