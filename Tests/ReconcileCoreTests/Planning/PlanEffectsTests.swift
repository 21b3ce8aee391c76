import Testing

@testable import ReconcileCore

@Suite("PlanEffects")
struct PlanEffectsTests {
    typealias F = Fixture
    let live = LiveState(organizations: [
        F.organization(
            "acme",
            [
                F.repository("api", active: false), F.repository("old"), F.repository("gone", removed: true),
            ], [F.plan("nightly", ["old"], backupType: 3, includeMetadata: nil)])
    ])

    private var acme: ObjectRef { ObjectRef(id: "o-acme", name: "acme") }
    private var nightly: ObjectRef { ObjectRef(id: "p-nightly", name: "nightly") }
    private func repository(_ name: String) -> ObjectRef { ObjectRef(id: "r-\(name)", name: name) }

    @Test func modelsEachCall() throws {
        let plan = ReconcilePlan(
            operations: [
                .activate(LicenseOperation(organization: acme, repositories: [repository("api")])),
                .modify(
                    ModifyOperation(organization: acme, plan: nightly, changes: [], worker: "w", includeMetadata: true)),
                .attach(MembershipOperation(organization: acme, plan: nightly, repository: repository("api"))),
                .attach(MembershipOperation(organization: acme, plan: nightly, repository: repository("api"))),
                .attach(MembershipOperation(organization: acme, plan: nightly, repository: repository("gone"))),
                .detach(MembershipOperation(organization: acme, plan: nightly, repository: repository("old"))),
                .deactivate(LicenseOperation(organization: acme, repositories: [repository("old")])),
            ], fingerprint: "sha256:test")
        let after = PlanEffects.apply(plan, to: live)
        let organization = try #require(after.organizations.first)
        #expect(organization.repositories.map(\.isActive) == [true, false, true])
        let livePlan = try #require(organization.plans.first)
        #expect(livePlan.repositoryIds == ["r-api"])  // attached once; removed not attachable; old detached
        #expect(livePlan.backupType == 3)  // not sent, so unchanged
        #expect(livePlan.includeMetadata == true)
    }

    @Test func callsForUnknownObjectsChangeNothing() {
        let stranger = ObjectRef(id: "o-none", name: "none")
        let plan = ReconcilePlan(
            operations: [
                .activate(LicenseOperation(organization: stranger, repositories: [repository("api")])),
                .detach(
                    MembershipOperation(
                        organization: acme, plan: ObjectRef(id: "p-none", name: "none"), repository: repository("old"))),
            ], fingerprint: "sha256:test")
        #expect(PlanEffects.apply(plan, to: live) == live)
    }
}
