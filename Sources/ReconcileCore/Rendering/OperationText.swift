/// Wording shared by the text, Markdown and JSON renderers.
enum OperationText {
    /// `Plan: 5 to activate, 1 to modify, 3 to attach, 2 to detach, 0 to deactivate.`
    static func summaryLine(_ summary: PlanSummary) -> String {
        "Plan: \(summary.activate) to activate, \(summary.modify) to modify, \(summary.attach) to attach, \(summary.detach) to detach, \(summary.deactivate) to deactivate."
    }

    static let noChanges = "No changes. The live state matches the desired state."

    /// The write-only fields a modify sends, by name only (settings values may be secrets):
    /// `worker`, then `settings.<key>` in key order (`settings` alone for an empty map).
    static func unverifiedFields(_ operation: ModifyOperation) -> [String] {
        var fields: [String] = []
        if operation.worker != nil { fields.append("worker") }
        if let settings = operation.settings {
            fields +=
                settings.isEmpty ? ["settings"] : settings.keys.sorted(by: OrdinalOrder.less).map { "settings.\($0)" }
        }
        return fields
    }

    /// One line describing an operation, for lists of failures.
    static func describe(_ operation: PlannedOperation) -> String {
        switch operation {
        case .activate(let op):
            "activate licences in organization \"\(op.organization.name)\" for \(names(op.repositories))"
        case .modify(let op):
            "modify plan \"\(op.plan.name)\" in organization \"\(op.organization.name)\""
        case .attach(let op):
            "attach \"\(op.repository.name)\" to plan \"\(op.plan.name)\" in organization \"\(op.organization.name)\""
        case .detach(let op):
            "detach \"\(op.repository.name)\" from plan \"\(op.plan.name)\" in organization \"\(op.organization.name)\""
        case .deactivate(let op):
            "deactivate licences in organization \"\(op.organization.name)\" for \(names(op.repositories))"
        }
    }

    /// `file:line:column: message`, or the message alone for a diagnostic that belongs to no file.
    static func warning(_ diagnostic: Diagnostic) -> String {
        diagnostic.location.map { "\($0): \(diagnostic.message)" } ?? diagnostic.message
    }

    /// `failed: <what>: <code> <message>` or `skipped: <what>: <reason>`; nil for success.
    static func outcomeLine(_ operation: PlannedOperation, _ result: OperationResult) -> String? {
        switch result {
        case .ok:
            return nil
        case .failed(let code, let message, let repositories):
            let failedNames = repositories.isEmpty ? "" : " (repositories: \(names(repositories)))"
            return "failed: \(describe(operation)): \(code.map { "\($0) " } ?? "")\(message)\(failedNames)"
        case .skipped(let reason):
            return "skipped: \(describe(operation)): \(reason)"
        }
    }

    /// The `outcomeLine` of every operation of `plan` that did not succeed, in plan order.
    static func outcomeLines(_ plan: ReconcilePlan, _ report: ApplyReport) -> [String] {
        plan.operations.indices.compactMap { index in outcomeLine(plan.operations[index], report.result(at: index))
        }
    }

    /// `Apply: 10 succeeded, 1 failed, 2 skipped.` (with a note when interrupted).
    static func outcomeSummary(_ report: ApplyReport) -> String {
        let line =
            "Apply: \(report.succeededCount) succeeded, \(report.failedCount) failed, \(report.skippedCount) skipped."
        return report.interrupted ? line + " The run was interrupted before every operation was attempted." : line
    }

    private static func names(_ repositories: [ObjectRef]) -> String {
        repositories.map(\.name).joined(separator: ", ")
    }
}
