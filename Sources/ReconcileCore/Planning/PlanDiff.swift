/// The operations of a plan bucketed by the step each belongs to (`PlannedOperation.step`), so an
/// operation cannot land in the wrong step; `ordered` concatenates the steps in run order.
struct StepOperations: Sendable {
    private var buckets: [PlanStep: [PlannedOperation]] = [:]

    /// Adds `operation` at the end of its step.
    mutating func append(_ operation: PlannedOperation) {
        buckets[operation.step, default: []].append(operation)
    }

    /// Adds every step of `other` after the operations already in that step.
    mutating func append(contentsOf other: StepOperations) {
        for (step, operations) in other.buckets { buckets[step, default: []] += operations }
    }

    /// The operations of one step, in the order they were added.
    subscript(step: PlanStep) -> [PlannedOperation] { buckets[step] ?? [] }

    /// Step by step: activate, modify, attach, detach, deactivate.
    var ordered: [PlannedOperation] { Self.runOrder.flatMap { self[$0] } }

    private static let runOrder = PlanStep.allCases.sorted()
}

/// Stage 3 of planning: the calls that take one organization from its live state to its targets.
/// Plans come in plan order and repository sets iterate in name order, so each step is already in
/// its stable order (organization, plan, repository).
enum PlanDiff {
    static func operations(
        for target: OrganizationTarget, options: PlanningOptions
    ) -> (StepOperations, [Diagnostic]) {
        let index = target.resolved.index
        let organization = index.ref
        var steps = StepOperations()
        var diagnostics: [Diagnostic] = []
        let chunkSize = max(1, options.licenseChunkSize)

        let toActivate = target.needsLicense.positions.filter { !index.repositories[$0].isActive }
        for chunk in toActivate.chunked(by: chunkSize) {
            steps.append(
                .activate(LicenseOperation(organization: organization, repositories: chunk.map(index.repositoryRef))))
        }

        for plan in target.plans {
            guard let desired = plan.desired else { continue }
            let planRef = ObjectRef(id: plan.live.id, name: plan.live.name)
            let changes = fieldChanges(desired: desired, live: plan.live)
            if !changes.isEmpty || (options.pushWriteOnly && desired.declaresWriteOnlyFields) {
                steps.append(
                    .modify(
                        ModifyOperation(
                            organization: organization, plan: planRef, changes: changes, worker: desired.worker,
                            settings: desired.settings, backupType: desired.backupType,
                            includeMetadata: desired.includeMetadata,
                            includeAllRepositories: desired.includeAllRepositories)))
            } else if desired.declaresWriteOnlyFields {
                let fields = [desired.worker.map { _ in "worker" }, desired.settings.map { _ in "settings" }].compactMap
                { $0 }
                let (subject, pronoun) =
                    fields.count == 1 ? (fields[0], "it was") : ("worker and settings", "they were")
                diagnostics.append(
                    .warning(
                        "plan \"\(desired.name)\" in organization \"\(organization.name)\": \(subject) cannot be read back, so \(pronoun) not compared and not sent (no other field of the plan differs); --push-write-only sends \(fields.count == 1 ? "it" : "them")",
                        at: desired.location))
            }
            for position in plan.target.subtracting(plan.current).positions {
                steps.append(
                    .attach(
                        MembershipOperation(
                            organization: organization, plan: planRef, repository: index.repositoryRef(at: position))))
            }
            for position in plan.current.subtracting(plan.target).positions {
                steps.append(
                    .detach(
                        MembershipOperation(
                            organization: organization, plan: planRef, repository: index.repositoryRef(at: position))))
            }
        }

        if target.resolved.desired.licenses == .exact {
            let toDeactivate = target.keepsLicense.complement.positions.filter { index.repositories[$0].isActive }
            for chunk in toDeactivate.chunked(by: chunkSize) {
                steps.append(
                    .deactivate(
                        LicenseOperation(organization: organization, repositories: chunk.map(index.repositoryRef))))
            }
        }
        return (steps, diagnostics)
    }

    /// Managed readable fields whose desired value differs from the live one (nil desired: not managed;
    /// nil live: unknown, so it differs).
    static func fieldChanges(desired: DesiredPlan, live: LivePlan) -> [FieldChange] {
        var changes: [FieldChange] = []
        if let backupType = desired.backupType, live.backupType != backupType {
            changes.append(
                FieldChange(
                    field: .backupType, from: live.backupType.map(FieldValue.int) ?? .null, to: .int(backupType)))
        }
        if let includeMetadata = desired.includeMetadata, live.includeMetadata != includeMetadata {
            changes.append(
                FieldChange(
                    field: .includeMetadata, from: live.includeMetadata.map(FieldValue.bool) ?? .null,
                    to: .bool(includeMetadata)))
        }
        if let includeAll = desired.includeAllRepositories, live.includeAllRepositories != includeAll {
            changes.append(
                FieldChange(
                    field: .includeAllRepositories, from: .bool(live.includeAllRepositories), to: .bool(includeAll)))
        }
        return changes
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
