/// The machine-readable plan of `CLI.md`, `formatVersion` 1. Keys always come in this order:
/// `formatVersion`, `generator` (`ReconcileVersion.generator`), `fingerprint`, `summary`, (`outcome`
/// after an apply), `operations`, `warnings`.
///
/// Every operation has `action` and `organization`; licence operations `repositories` (names);
/// modify `plan` and `changes` (`{field: {from, to}}`, `null` for a value the server did not report)
/// and, when it sends write-only fields, `unverified`: their names (`worker`, `settings.<key>`) but
/// never their values, since settings may hold secrets; attach and detach `plan` and `repository`.
/// After an apply each operation also has `result` (`ok`, `failed`, `skipped`); a failed one has
/// `error: {code, message}` (and `failedRepositories` for a licence batch), a skipped one `reason`.
enum PlanJSONDocument {
    static func render(_ plan: ReconcilePlan, report: ApplyReport?) -> String {
        let summary = plan.summary
        var members: [(String, OrderedJSON)] = [
            ("formatVersion", .int(1)),
            ("generator", .string(ReconcileVersion.generator)),
            ("fingerprint", .string(plan.fingerprint)),
            (
                "summary",
                .object([
                    ("activate", .int(summary.activate)), ("modify", .int(summary.modify)),
                    ("attach", .int(summary.attach)), ("detach", .int(summary.detach)),
                    ("deactivate", .int(summary.deactivate)),
                ])
            ),
        ]
        if let report { members.append(("outcome", outcome(report))) }
        let operations = plan.operations.indices.map { index in
            operation(plan.operations[index], result: report?.result(at: index))
        }
        members.append(("operations", .array(operations)))
        members.append(("warnings", .array(plan.warnings.map { .string(OperationText.warning($0)) })))
        return JSONWriter.prettyPrinted(.object(members))
    }

    private static func operation(_ operation: PlannedOperation, result: OperationResult?) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [("action", .string(operation.step.rawValue))]
        switch operation {
        case .activate(let op), .deactivate(let op):
            members.append(("organization", .string(op.organization.name)))
            members.append(("repositories", .array(op.repositories.map { .string($0.name) })))
        case .modify(let op):
            members.append(("organization", .string(op.organization.name)))
            members.append(("plan", .string(op.plan.name)))
            members.append(
                (
                    "changes",
                    .object(
                        op.changes.map { change in
                            (change.field.rawValue, .object([("from", value(change.from)), ("to", value(change.to))]))
                        })
                ))
            let unverified = OperationText.unverifiedFields(op)
            if !unverified.isEmpty { members.append(("unverified", .array(unverified.map(OrderedJSON.string)))) }
        case .attach(let op), .detach(let op):
            members.append(("organization", .string(op.organization.name)))
            members.append(("plan", .string(op.plan.name)))
            members.append(("repository", .string(op.repository.name)))
        }
        switch result {
        case nil:
            break
        case .ok?:
            members.append(("result", .string("ok")))
        case .failed(let code, let message, let repositories)?:
            members.append(("result", .string("failed")))
            members.append(
                ("error", .object([("code", code.map(OrderedJSON.string) ?? .null), ("message", .string(message))])))
            if !repositories.isEmpty {
                members.append(("failedRepositories", .array(repositories.map { .string($0.name) })))
            }
        case .skipped(let reason)?:
            members.append(("result", .string("skipped")))
            members.append(("reason", .string(reason)))
        }
        return .object(members)
    }

    private static func outcome(_ report: ApplyReport) -> OrderedJSON {
        .object([
            ("ok", .int(report.succeededCount)), ("failed", .int(report.failedCount)),
            ("skipped", .int(report.skippedCount)),
            ("interrupted", .bool(report.interrupted)),
        ])
    }

    private static func value(_ value: FieldValue) -> OrderedJSON {
        switch value {
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .null: .null
        }
    }
}
