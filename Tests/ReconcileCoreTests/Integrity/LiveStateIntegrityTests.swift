import Testing

@testable import ReconcileCore

@Suite("Live-state integrity: organizations and plans that cannot be read are found before planning")
struct LiveStateIntegrityTests {
    /// `api`, `web` licensed; `docs` unlicensed; `old` removed and licensed.
    static let repositories = [
        Fixture.repository("api"), Fixture.repository("web"), Fixture.repository("docs", active: false),
        Fixture.repository("old", removed: true),
    ]

    static func organization(plans: [LivePlan], syncing: Bool? = nil, readOnly: Bool? = nil, problems: [String] = [])
        -> LiveOrganization
    {
        var organization = Fixture.organization("acme", repositories, plans)
        organization.synchronizationInProgress = syncing
        organization.isReadOnly = readOnly
        organization.readProblems = problems
        return organization
    }

    static func plan(_ ids: [String], repoCount: Int?, includeAll: Bool = false) -> LivePlan {
        var plan = Fixture.plan("nightly", ids, includeAll: includeAll)
        plan.repoCount = repoCount
        return plan
    }

    @Test(
        "a repoCount that equals one plausible counting of the ids is readable",
        arguments: [
            (["api", "web", "docs", "old"], 4),  // all of them
            (["api", "web", "docs", "old"], 3),  // those not removed
            (["api", "web", "docs", "old"], 3),  // those licensed (api, web, old)
            (["api", "docs", "old"], 1),  // licensed and not removed
            ([], 0),
        ])
    func readablePlans(ids: [String], repoCount: Int) {
        let live = LiveState(organizations: [Self.organization(plans: [Self.plan(ids, repoCount: repoCount)])])
        #expect(LiveStateIntegrity.assess(live).isClean)
    }

    @Test("a plan whose repoCount matches no counting (an exclude- or rule-selected plan) cannot be read")
    func unreadablePlan() throws {
        // Exclude mode: the ids listed are the one exclusion; the plan protects the other two licensed ones.
        let live = LiveState(organizations: [Self.organization(plans: [Self.plan(["docs"], repoCount: 2)])])
        let unreadable = try #require(LiveStateIntegrity.assess(live).unreadablePlans["acme"]?.first)
        #expect(unreadable.name == "nightly")
        #expect(
            unreadable.numbers
                == "the server counts 2 repositories in it; its repositoryIds hold 1 (1 not removed, 0 licensed)")
    }

    @Test("includeAllRepositories plans and plans without a reported repoCount are not judged")
    func notJudged() {
        let live = LiveState(organizations: [
            Self.organization(plans: [
                Self.plan(["api"], repoCount: 40, includeAll: true), Self.plan(["api"], repoCount: nil),
            ])
        ])
        #expect(LiveStateIntegrity.assess(live).isClean)
    }

    @Test("an organization synchronizing with its Git host, or with listings that disagree, cannot be read")
    func unreadableOrganizations() throws {
        let syncing = LiveStateIntegrity.assess(LiveState(organizations: [Self.organization(plans: [], syncing: true)]))
        #expect(try #require(syncing.unreadableOrganizations["acme"]?.first).contains("synchronizationInProgress"))
        let broken = LiveStateIntegrity.assess(
            LiveState(organizations: [Self.organization(plans: [], problems: ["the repositories: 3 of 4"])]))
        #expect(broken.unreadableOrganizations["acme"] == ["the repositories: 3 of 4"])
    }

    @Test("isReadOnly is not a reason to refuse")
    func readOnlyIsReadable() {
        let live = LiveState(organizations: [Self.organization(plans: [], syncing: false, readOnly: true)])
        #expect(LiveStateIntegrity.assess(live).isClean)
    }

    @Test("the two plan listings must list the same plans, each once")
    func planListingJoin() {
        let listed = [
            ListedPlan(id: "p1", name: "nightly", backupType: 5, includeMetadata: true, repoCount: 1),
            ListedPlan(id: "p2", name: "weekly", backupType: 5, includeMetadata: false, repoCount: 0),
        ]
        let assigned = [
            AssignedPlan(id: "p1", name: "nightly", includeAllRepositories: false, repositoryIds: ["r1"]),
            AssignedPlan(id: "p3", name: "ghost", includeAllRepositories: false, repositoryIds: []),
        ]
        let (plans, problems) = PlanListingJoin.join(listed: listed, assigned: assigned, organization: "acme")
        #expect(plans.map(\.name) == ["nightly"])
        #expect(plans.first?.repoCount == 1 && plans.first?.repositoryIds == ["r1"])
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("in organizations/getmany but not in") && $0.contains("\"weekly\"") })
        #expect(
            problems.contains {
                $0.contains("in plans/listassignedtoorganization but not in") && $0.contains("\"ghost\"")
            })
        let (_, twice) = PlanListingJoin.join(listed: listed + [listed[0]], assigned: assigned, organization: "acme")
        #expect(twice.contains { $0.contains("lists plan id p1 of \"acme\" 2 times") })
    }
}
