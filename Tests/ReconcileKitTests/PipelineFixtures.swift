import Foundation
import ReconcileCore
import ReconcileKit
import TestSupport

/// Plans, reports and run records for the CI writers' tests, with names that test every escape.
enum PipelineFixtures {
    /// An organization name with a quote, a backslash, a line feed, a CR and a bidirectional override.
    static let awkwardOrganization = "acme \"west\"\\eu\nline\r\u{202E}"

    static func ref(_ name: String) -> ObjectRef { ObjectRef(id: "id-\(name)", name: name) }

    /// Five operations in two organizations: activate, modify, attach, detach (acme) and attach (the awkward one).
    static func plan() -> ReconcilePlan {
        let acme = ref("acme")
        let odd = ref(awkwardOrganization)
        return ReconcilePlan(
            operations: [
                .activate(LicenseOperation(organization: acme, repositories: [ref("api"), ref("web")])),
                .modify(
                    ModifyOperation(
                        organization: acme, plan: ref("nightly"),
                        changes: [FieldChange(field: .includeMetadata, from: .bool(false), to: .bool(true))])),
                .attach(MembershipOperation(organization: acme, plan: ref("nightly"), repository: ref("<!channel>"))),
                .detach(MembershipOperation(organization: acme, plan: ref("nightly"), repository: ref("old"))),
                .attach(MembershipOperation(organization: odd, plan: ref("p"), repository: ref("r"))),
            ],
            fingerprint: "sha256:" + String(repeating: "ab", count: 32))
    }

    static func record(
        mode: RunRecord.Mode = .dryRun, status: ExitStatus = .success, plan: ReconcilePlan? = plan(),
        report: ApplyReport? = nil, error: String? = nil
    ) -> RunRecord {
        RunRecord(
            mode: mode, startedAt: Date(timeIntervalSince1970: 1_700_000_000.25), duration: .milliseconds(1_500),
            status: status, plan: plan, report: report, error: error)
    }

    /// An apply of `plan()`: activate and modify ok, the attach failed, the detach skipped, the last ok.
    static func partialReport() -> ApplyReport {
        ApplyReport(
            plan: plan(),
            results: [
                .ok, .ok, .failed(code: "GP4001", message: "no such repository", failedRepositories: []),
                .skipped(reason: "depends on a failed call"), .ok,
            ])
    }

    /// A fresh temporary folder.
    static func folder() throws -> URL {
        try ScratchFolder.folder("pipeline")
    }
}
