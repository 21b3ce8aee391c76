import Testing

@testable import ReconcileCore

@Suite("Plan types")
struct PlanTypesTests {
    static let organization = ObjectRef(id: "o", name: "acme")
    static let plan = ObjectRef(id: "p", name: "nightly")

    @Test func stepOperationsKeepEachOperationInItsStepInRunOrder() {
        let licence = LicenseOperation(organization: Self.organization, repositories: [ObjectRef(id: "r", name: "r")])
        let membership = MembershipOperation(
            organization: Self.organization, plan: Self.plan, repository: ObjectRef(id: "r", name: "r"))
        let modify = ModifyOperation(organization: Self.organization, plan: Self.plan, changes: [])
        var steps = StepOperations()
        // Added in reverse run order: `ordered` must still run activate first and deactivate last.
        steps.append(.deactivate(licence))
        steps.append(.detach(membership))
        steps.append(.attach(membership))
        var more = StepOperations()
        more.append(.modify(modify))
        more.append(.activate(licence))
        more.append(.deactivate(licence))
        steps.append(contentsOf: more)
        #expect(steps.ordered.map(\.step) == [.activate, .modify, .attach, .detach, .deactivate, .deactivate])
        #expect(steps[.deactivate].count == 2 && steps[.modify].count == 1)
    }

    @Test func planFieldsAreTheFormatKeysOfReadableFields() {
        #expect(PlanField.allCases.map(\.rawValue) == ["backupType", "includeMetadata", "includeAllRepositories"])
        for field in PlanField.allCases { #expect(FormatKey(rawValue: field.rawValue) != nil) }
        #expect(FieldChange(field: .backupType, from: .null, to: .int(5)).field.description == "backupType")
    }

    @Test func theVersionIsOneSemanticVersionNamedByTheGenerator() {
        let parts = ReconcileVersion.current.split(separator: ".")
        #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil })
        #expect(ReconcileVersion.generator == "xopero-reconcile " + ReconcileVersion.current)
        #expect(ReconcileVersion.markdownMarker.hasPrefix("<!--") && ReconcileVersion.markdownMarker.hasSuffix("-->"))
    }
}
