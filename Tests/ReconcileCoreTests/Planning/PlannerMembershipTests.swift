import Testing

@testable import ReconcileCore

@Suite("Planner membership")
struct PlannerMembershipTests {
    typealias F = Fixture
    let repositories = ["api", "web-app", "web-legacy", "web-site", "docs"].map { F.repository($0) }

    @Test func exactAttachesMatchedAndDetachesOthers() {
        let result = F.plan(
            [F.desiredOrganization("acme", [F.desiredPlan("nightly", ["api", "web-*", "!web-legacy"])])],
            [F.organization("acme", repositories, [F.plan("nightly", ["docs", "api"])])])
        #expect(
            result.shorthand == [
                "attach acme/nightly/web-app", "attach acme/nightly/web-site", "detach acme/nightly/docs",
            ])
    }

    @Test func additiveAttachesAndNeverDetaches() {
        let result = F.plan(
            [F.desiredOrganization("acme", [F.desiredPlan("nightly", ["api"], membership: .additive)])],
            [F.organization("acme", repositories, [F.plan("nightly", ["docs"])])])
        #expect(result.shorthand == ["attach acme/nightly/api"])
    }

    @Test func exclusionRemovesOnlyWhatEarlierEntriesMatched() {
        // "!web-legacy" comes before "web-*", so web-legacy is matched again by the later glob.
        let result = F.plan(
            [F.desiredOrganization("acme", [F.desiredPlan("nightly", ["!web-legacy", "web-*"])])],
            [F.organization("acme", repositories, [F.plan("nightly")])])
        #expect(
            result.shorthand == [
                "attach acme/nightly/web-app", "attach acme/nightly/web-legacy", "attach acme/nightly/web-site",
            ])
    }

    @Test func removedRepositoriesNeverMatchAGlobAndAreDetachedUnderExact() {
        let live = [
            F.organization(
                "acme", [F.repository("web-app"), F.repository("web-old", removed: true)],
                [F.plan("nightly", ["web-old"])])
        ]
        let result = F.plan([F.desiredOrganization("acme", [F.desiredPlan("nightly", ["web-*"])])], live)
        #expect(result.shorthand == ["attach acme/nightly/web-app", "detach acme/nightly/web-old"])
    }

    @Test func includeAllPlansGetNoAttachOrDetach() {
        let result = F.plan(
            [F.desiredOrganization("acme", [F.desiredPlan("everything", includeAll: true)])],
            [F.organization("acme", repositories, [F.plan("everything", ["docs"], includeAll: true)])])
        #expect(result.shorthand.isEmpty)
        #expect(result.plan?.isEmpty == true)
    }

    @Test func unlistedRepositoriesLeaveMembershipUnmanaged() {
        let result = F.plan(
            [F.desiredOrganization("acme", [F.desiredPlan("nightly", nil, includeMetadata: true)])],
            [F.organization("acme", repositories, [F.plan("nightly", ["docs"])])])
        #expect(result.shorthand.isEmpty)
    }

    @Test func listOnAPlanTheServerRunsWithIncludeAllWarns() {
        let result = F.plan(
            [F.desiredOrganization("acme", [F.desiredPlan("everything", ["api"])])],
            [F.organization("acme", repositories, [F.plan("everything", includeAll: true)])])
        #expect(result.shorthand == ["attach acme/everything/api"])
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.contains("includeAllRepositories is true on the server") == true)
    }

    @Test func unknownRepositoryIdsOnAPlanAreLeftAloneWithAWarning() {
        var plan = F.plan("nightly", ["api"])
        plan.repositoryIds.append("r-ghost")
        let result = F.plan(
            [F.desiredOrganization("acme", [F.desiredPlan("nightly", ["api"])])],
            [F.organization("acme", repositories, [plan])])
        #expect(result.shorthand.isEmpty)
        #expect(
            result.warnings == [
                "plan \"nightly\" in organization \"acme\" lists repository ids the organization does not have (r-ghost); they are left alone"
            ])
    }

    @Test func organizationsAndPlansTheFileDoesNotNameAreLeftAlone() {
        let live = [
            F.organization("acme", repositories, [F.plan("nightly", ["api"]), F.plan("weekly", ["docs"])]),
            F.organization("other", [F.repository("x", active: false)], [F.plan("p", ["x"])]),
        ]
        let result = F.plan(
            [F.desiredOrganization("acme", [F.desiredPlan("nightly", ["api"])], licenses: .exact)], live)
        #expect(result.shorthand == ["deactivate acme: web-app,web-legacy,web-site"])
        #expect(result.plan?.unmanagedPlans == ["acme": ["weekly"]])
    }
}
