import Testing

@testable import ReconcileCore

@Suite("Planner licences")
struct PlannerLicenseTests {
    typealias F = Fixture

    @Test func activatesWhatAnyPlanWillHoldIncludingUnmanagedAndIncludeAllPlans() {
        let live = [
            F.organization(
                "acme",
                [
                    F.repository("a", active: false), F.repository("b", active: false),
                    F.repository("c", active: false),
                    F.repository("gone", active: false, removed: true),
                ], [F.plan("managed"), F.plan("unmanaged", ["b"])])
        ]
        let onlyLists = F.plan([F.desiredOrganization("acme", [F.desiredPlan("managed", ["a"])])], live)
        #expect(onlyLists.shorthand == ["activate acme: a,b", "attach acme/managed/a"])

        let includeAll = F.plan([F.desiredOrganization("acme", [F.desiredPlan("managed", includeAll: true)])], live)
        #expect(includeAll.shorthand == ["activate acme: a,b,c", "modify acme/managed"])
    }

    @Test func exactDeactivatesLicensesOfRepositoriesInNoPlanExceptKeptOnes() {
        let live = [
            F.organization(
                "acme",
                [
                    F.repository("api"), F.repository("archive-2019"), F.repository("old"), F.repository("protected"),
                    F.repository("stale", removed: true), F.repository("unlicensed", active: false),
                ], [F.plan("nightly", ["api"]), F.plan("unmanaged", ["protected"])])
        ]
        let result = F.plan(
            [
                F.desiredOrganization(
                    "acme", [F.desiredPlan("nightly", ["api"])], licenses: .exact, keepLicensed: ["archive-*"])
            ],
            live)
        #expect(result.shorthand == ["deactivate acme: old,stale"])
    }

    @Test func removedRepositoryOnAnUnmanagedListKeepsItsLicense() {
        let live = [F.organization("acme", [F.repository("stale", removed: true)], [F.plan("unmanaged", ["stale"])])]
        let result = F.plan([F.desiredOrganization("acme", [], licenses: .exact)], live)
        #expect(result.shorthand.isEmpty)
    }

    @Test func keepLicensedMayNameARemovedRepositoryExactly() {
        let live = [F.organization("acme", [F.repository("stale", removed: true)], [])]
        let result = F.plan([F.desiredOrganization("acme", [], licenses: .exact, keepLicensed: ["stale"])], live)
        #expect(result.errors.isEmpty)
        #expect(result.shorthand.isEmpty)
    }

    @Test func additiveNeverDeactivates() {
        let live = [F.organization("acme", [F.repository("old")], [F.plan("nightly")])]
        let result = F.plan([F.desiredOrganization("acme", [F.desiredPlan("nightly", [])])], live)
        #expect(result.plan?.isEmpty == true)
    }

    @Test func detachedRepositoriesLoseTheirLicenseUnderExact() {
        let live = [
            F.organization("acme", [F.repository("api"), F.repository("old")], [F.plan("nightly", ["api", "old"])])
        ]
        let result = F.plan(
            [F.desiredOrganization("acme", [F.desiredPlan("nightly", ["api"])], licenses: .exact)], live)
        #expect(result.shorthand == ["detach acme/nightly/old", "deactivate acme: old"])
    }

    @Test("licence calls are chunked per organization", arguments: [1, 2, 3, 100])
    func chunking(size: Int) throws {
        let names = ["a", "b", "c", "d", "e"]
        let live = [F.organization("acme", names.map { F.repository($0, active: false) }, [F.plan("nightly")])]
        let result = F.plan(
            [F.desiredOrganization("acme", [F.desiredPlan("nightly", ["*"])])], live,
            options: PlanningOptions(licenseChunkSize: size))
        let plan = try #require(result.plan)
        let batches = plan.operations.compactMap {
            if case .activate(let op) = $0 { op.repositories.map(\.name) } else { nil }
        }
        #expect(batches.count == (names.count + size - 1) / size)
        #expect(batches.allSatisfy { $0.count <= size })
        #expect(batches.flatMap { $0 } == names)
        #expect(plan.summary.activate == 5)
    }
}
