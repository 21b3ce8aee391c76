import Testing

@testable import ReconcileCore

@Suite("Planner integrity stage: never plan from what cannot be fully read")
struct PlannerIntegrityTests {
    static let repositories = [Fixture.repository("api"), Fixture.repository("web"), Fixture.repository("docs")]

    static func exclusionPlan() -> LivePlan {
        var plan = Fixture.plan("excluding", ["docs"])
        plan.repoCount = 2
        return plan
    }

    static func live(acme plans: [LivePlan], syncing: Bool = false) -> [LiveOrganization] {
        var acme = Fixture.organization("acme", repositories, plans)
        acme.synchronizationInProgress = syncing
        let beta = Fixture.organization("beta", [Fixture.repository("tool", active: false)], [Fixture.plan("nightly")])
        return [acme, beta]
    }

    static let betaWantsTool = Fixture.desiredOrganization("beta", [Fixture.desiredPlan("nightly", ["tool"])])

    @Test("an unreadable organization is an error at its name; the others are still planned")
    func unreadableOrganization() throws {
        let result = Fixture.plan(
            [Fixture.desiredOrganization("acme", [Fixture.desiredPlan("nightly", ["api"])]), Self.betaWantsTool],
            Self.live(acme: [Fixture.plan("nightly")], syncing: true))
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.message.hasPrefix("organization \"acme\" cannot be read: it is synchronizing"))
        #expect(error.location == Fixture.location(3, 11))
        let plan = try #require(result.plan)
        #expect(
            plan.operations.allSatisfy { operation in
                if case .attach(let attach) = operation { return attach.organization.name == "beta" }
                if case .activate(let activate) = operation { return activate.organization.name == "beta" }
                return false
            })
        #expect(!plan.operations.isEmpty)
    }

    @Test(
        "a plan the file names whose membership cannot be read is an error with both numbers; its organization is not planned"
    )
    func namedUnreadablePlan() throws {
        let result = Fixture.plan(
            [Fixture.desiredOrganization("acme", [Fixture.desiredPlan("excluding", ["api"])]), Self.betaWantsTool],
            Self.live(acme: [Self.exclusionPlan()]))
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.message.contains("plan \"excluding\" of organization \"acme\": its membership cannot be read"))
        #expect(error.message.contains("the server counts 2 repositories in it; its repositoryIds hold 1"))
        #expect(error.location == Fixture.location(10, 9))
        let plan = try #require(result.plan)
        #expect(
            !plan.operations.contains { operation in
                if case .attach(let attach) = operation { return attach.organization.name == "acme" }
                return false
            })
    }

    @Test("an unmanaged unreadable plan is left alone with a warning")
    func unmanagedUnreadablePlan() throws {
        let result = Fixture.plan(
            [Fixture.desiredOrganization("acme", [Fixture.desiredPlan("nightly", ["api"])])],
            Self.live(acme: [Fixture.plan("nightly"), Self.exclusionPlan()]))
        #expect(!result.diagnostics.containsErrors)
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.message.contains("\"excluding\"") })
        let plan = try #require(result.plan)
        #expect(plan.operations.count == 1)
    }

    @Test("no licence is deactivated in an organization with an unreadable plan: that is an error")
    func noDeactivationBesideAnUnreadablePlan() throws {
        let result = Fixture.plan(
            [Fixture.desiredOrganization("acme", [Fixture.desiredPlan("nightly", ["api"])], licenses: .exact)],
            Self.live(acme: [Fixture.plan("nightly", ["api"]), Self.exclusionPlan()]))
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.message.contains("licence(s) would be deactivated"))
        #expect(error.message.contains("\"excluding\""))
        #expect(result.plan?.operations.isEmpty == true)
    }
}
