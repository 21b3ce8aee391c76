import Testing

@testable import ReconcileCore

@Suite("ApplyReport")
struct ApplyReportTests {
    static let organization = ObjectRef(id: "o", name: "acme")
    static let plan = ReconcilePlan(
        operations: ["a", "b", "c"].map {
            .attach(
                MembershipOperation(
                    organization: organization, plan: ObjectRef(id: "p", name: "nightly"),
                    repository: ObjectRef(id: $0, name: $0)))
        },
        fingerprint: "sha256:test")

    @Test func operationsWithoutAResultCountAsNotAttempted() {
        let report = ApplyReport(plan: Self.plan, results: [.ok])
        #expect(report.results == [.ok, ApplyReport.notAttempted, ApplyReport.notAttempted])
        #expect(report.succeededCount == 1 && report.skippedCount == 2 && report.failedCount == 0)
        #expect(!report.isComplete)
        #expect(PlanRenderer.text(Self.plan, report: report).contains("Apply: 1 succeeded, 0 failed, 2 skipped."))
    }

    @Test func resultsBeyondThePlanAreDropped() {
        let report = ApplyReport(plan: Self.plan, results: [.ok, .ok, .ok, .skipped(reason: "extra")])
        #expect(report.results == [.ok, .ok, .ok])
        #expect(report.isComplete)
    }

    @Test("result(at:) reads the result, and notAttempted past the report's end (a report read with a longer plan)")
    func resultAtAnIndex() {
        let report = ApplyReport(
            plan: Self.plan, results: [.ok, .failed(code: "X", message: "m", failedRepositories: [])])
        #expect(report.result(at: 0) == .ok)
        #expect(report.result(at: 1) == .failed(code: "X", message: "m", failedRepositories: []))
        #expect(report.result(at: 2) == ApplyReport.notAttempted)
        #expect(report.result(at: 7) == ApplyReport.notAttempted)
    }
}
