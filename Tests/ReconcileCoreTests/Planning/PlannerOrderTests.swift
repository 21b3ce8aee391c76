import Testing

@testable import ReconcileCore

@Suite("Planner order and determinism")
struct PlannerOrderTests {
    typealias F = Fixture

    private var live: [LiveOrganization] {
        [
            F.organization(
                "zeta", [F.repository("b", active: false), F.repository("a", active: false), F.repository("Z")],
                [F.plan("p2", ["Z"]), F.plan("P1")]),
            F.organization(
                "alpha", [F.repository("x"), F.repository("y", active: false)],
                [F.plan("main", ["x"], backupType: 1)]),
        ]
    }

    private var desired: [DesiredOrganization] {
        [
            F.desiredOrganization(
                "zeta", [F.desiredPlan("p2", ["a", "b"], backupType: 2), F.desiredPlan("P1", ["*"])], licenses: .exact),
            F.desiredOrganization("alpha", [F.desiredPlan("main", ["y"], backupType: 5)], licenses: .exact),
        ]
    }

    @Test func stepsRunInOrderAndEachStepSortsByOrganizationPlanRepository() {
        #expect(
            F.plan(desired, live).shorthand == [
                "activate alpha: y", "activate zeta: a,b",
                "modify alpha/main", "modify zeta/p2",
                "attach alpha/main/y", "attach zeta/P1/Z", "attach zeta/P1/a", "attach zeta/P1/b",
                "attach zeta/p2/a", "attach zeta/p2/b",
                "detach alpha/main/x", "detach zeta/p2/Z",
                "deactivate alpha: x",
            ])
    }

    @Test func theOrderOfTheLiveListsDoesNotMatter() {
        let reversed = live.reversed().map { organization in
            var organization = organization
            organization.repositories.reverse()
            organization.plans = organization.plans.reversed().map { plan in
                var plan = plan
                plan.repositoryIds.reverse()
                return plan
            }
            return organization
        }
        let first = F.plan(desired, live)
        let second = F.plan(desired, Array(reversed))
        #expect(first.plan == second.plan)
        #expect(first.plan?.fingerprint.hasPrefix("sha256:") == true)
    }

    @Test func aMatchingLiveStateGivesTheEmptyPlan() throws {
        let planned = try #require(F.plan(desired, live).plan)
        let after = PlanEffects.apply(planned, to: LiveState(organizations: live))
        let again = Planner.plan(desired: DesiredState(organizations: desired), live: after)
        #expect(again.plan?.isEmpty == true)
        #expect(again.plan?.summary == PlanSummary())
    }
}
