import Testing

@testable import ReconcileCore

@Suite("Planner semantic diagnostics")
struct PlannerDiagnosticsTests {
    typealias F = Fixture
    let live = [
        F.organization(
            "acme", [F.repository("api"), F.repository("web-app"), F.repository("legacy", removed: true)],
            [
                F.plan("nightly"), F.plan("dup"),
                LivePlan(
                    id: "p-dup-2", name: "dup", backupType: nil, includeMetadata: nil, includeAllRepositories: false,
                    repositoryIds: []),
            ]),
        F.organization("twin", [], []),
        LiveOrganization(id: "o-twin-2", name: "twin", repositories: [], plans: []),
    ]

    @Test func unknownOrganizationSuggestsTheNearestName() {
        let result = F.plan([F.desiredOrganization("acmee", [])], live)
        #expect(result.plan == nil)
        #expect(result.errors == ["organization \"acmee\" does not exist on the server; did you mean \"acme\"?"])
        #expect(result.diagnostics.first?.location == F.location(3, 11))
    }

    @Test func ambiguousOrganizationAndPlanAreErrors() {
        let result = F.plan(
            [F.desiredOrganization("twin", []), F.desiredOrganization("acme", [F.desiredPlan("dup")])], live)
        #expect(
            result.errors == [
                "organization name \"twin\" is ambiguous on the server: 2 organizations have it (ids o-twin, o-twin-2); rename all but one in the console",
                "plan name \"dup\" is ambiguous in organization \"acme\": 2 plans have it (ids p-dup, p-dup-2); rename all but one in the console",
            ])
    }

    @Test func unknownPlanSaysPlansCannotBeCreatedOrSuggests() {
        let near = F.plan([F.desiredOrganization("acme", [F.desiredPlan("nightyl")])], live)
        #expect(near.errors == ["plan \"nightyl\" does not exist in organization \"acme\"; did you mean \"nightly\"?"])
        let far = F.plan([F.desiredOrganization("acme", [F.desiredPlan("weekly-offsite")])], live)
        #expect(
            far.errors == [
                "plan \"weekly-offsite\" does not exist in organization \"acme\"; the API cannot create plans: create it in the console first"
            ])
    }

    @Test func exactRepositoryNamesMustExistAndNotBeRemoved() {
        let result = F.plan(
            [F.desiredOrganization("acme", [F.desiredPlan("nightly", ["apii", "legacy", "!nope"])])], live)
        #expect(
            result.errors == [
                "repository \"apii\" does not exist in organization \"acme\"; did you mean \"api\"?",
                "repository \"legacy\" in organization \"acme\" is removed (gone from its Git host) and cannot be backed up; remove it from the list",
                "repository \"nope\" does not exist in organization \"acme\"",
            ])
        #expect(result.diagnostics.map(\.location?.line) == [11, 12, 13])
    }

    @Test func globMatchingNothingIsOnlyAWarning() throws {
        let result = F.plan(
            [F.desiredOrganization("acme", [F.desiredPlan("nightly", ["api", "mobile-*", "leg*"])])], live)
        let plan = try #require(result.plan)
        #expect(
            result.warnings == [
                "pattern \"mobile-*\" matches no repository in organization \"acme\"",
                "pattern \"leg*\" matches no repository in organization \"acme\"",
            ])
        #expect(plan.warnings.map(\.message) == result.warnings)
    }

    @Test func everyErrorIsReportedNotOnlyTheFirst() {
        let result = F.plan(
            [
                F.desiredOrganization("acmee", []),
                F.desiredOrganization("acme", [F.desiredPlan("nope"), F.desiredPlan("nightly", ["apii"])]),
            ], live)
        #expect(result.errors.count == 3)
    }
}
