import Testing

@testable import ReconcileCore

@Suite("Planner modify and write-only fields")
struct PlannerModifyTests {
    typealias F = Fixture
    let live = [
        F.organization("acme", [F.repository("api")], [F.plan("nightly", ["api"], backupType: 3, includeMetadata: nil)])
    ]

    private func modify(_ result: PlanningResult) throws -> ModifyOperation {
        let plan = try #require(result.plan)
        let modifies = plan.operations.compactMap { if case .modify(let op) = $0 { op } else { nil } }
        try #require(modifies.count == 1)
        return modifies[0]
    }

    @Test func differingReadableFieldsAreChangesAndUnknownLiveValuesDiffer() throws {
        let result = F.plan(
            [F.desiredOrganization("acme", [F.desiredPlan("nightly", backupType: 5, includeMetadata: false)])], live)
        let op = try modify(result)
        #expect(
            op.changes == [
                FieldChange(field: .backupType, from: .int(3), to: .int(5)),
                FieldChange(field: .includeMetadata, from: .null, to: .bool(false)),
            ])
        #expect(op.backupType == 5 && op.includeMetadata == false && op.includeAllRepositories == nil)
    }

    @Test func fieldsTheFileLeavesOutAreNotManaged() {
        let result = F.plan([F.desiredOrganization("acme", [F.desiredPlan("nightly")])], live)
        #expect(result.plan?.isEmpty == true)
    }

    @Test func writeOnlyFieldsNeverDriftOnTheirOwnButAreSentWithAModify() throws {
        let quiet = F.plan(
            [
                F.desiredOrganization(
                    "acme", [F.desiredPlan("nightly", backupType: 3, worker: "w1", settings: ["k": "v"])])
            ], live)
        #expect(quiet.plan?.isEmpty == true)
        #expect(quiet.warnings.count == 1)
        #expect(quiet.warnings.first?.contains("worker and settings cannot be read back") == true)

        let withChange = F.plan(
            [
                F.desiredOrganization(
                    "acme", [F.desiredPlan("nightly", backupType: 5, worker: "w1", settings: ["k": "v"])])
            ], live)
        let op = try modify(withChange)
        #expect(op.worker == "w1" && op.settings == ["k": "v"] && op.sendsUnverifiedFields)
        #expect(withChange.warnings.isEmpty)
    }

    @Test func pushWriteOnlyModifiesEveryPlanThatDeclaresThem() throws {
        let desired = [F.desiredOrganization("acme", [F.desiredPlan("nightly", backupType: 3, worker: "w1")])]
        let op = try modify(F.plan(desired, live, options: PlanningOptions(pushWriteOnly: true)))
        #expect(op.changes.isEmpty)
        #expect(op.worker == "w1")
        let undeclared = F.plan(
            [F.desiredOrganization("acme", [F.desiredPlan("nightly", backupType: 3)])], live,
            options: PlanningOptions(pushWriteOnly: true))
        #expect(undeclared.plan?.isEmpty == true)
    }

    @Test func changingIncludeAllRepositoriesIsAModify() throws {
        let result = F.plan([F.desiredOrganization("acme", [F.desiredPlan("nightly", includeAll: true)])], live)
        let op = try modify(result)
        #expect(op.changes == [FieldChange(field: .includeAllRepositories, from: .bool(false), to: .bool(true))])
    }
}
