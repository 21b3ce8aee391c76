import XoperoContract

/// The outcome of attach, detach or modify.
enum PlanChangeOutcome: Sendable, Hashable {
    /// Done; `changed` is false for an idempotent repeat.
    case done(changed: Bool)
    case planNotFound
    /// Unknown, removed (attach), or of another organization than the plan's (attach): GT1001.
    case repositoryNotFound
}

/// The fields of modifygitplan as the simulator applies them; nil leaves a field unchanged.
struct SimPlanModification: Sendable, Hashable {
    var backupType: Int?
    var workerId: String?
    var settings: [String: String]?
    var includeAllRepositories: Bool?
    var includeMetadata: Bool?
}

/// One id that activate or deactivate refused, and why.
struct LicenceFailure: Sendable, Hashable {
    var id: String
    var code: XoperoAssumptions.ErrorCode
}

/// The per-id split of activate and deactivate.
struct LicenceBatchOutcome: Sendable, Hashable {
    var success: [String] = []
    var errors: [LicenceFailure] = []
    /// Organizations whose repositories changed.
    var changedOrganizations: Set<Int> = []
}

extension SimulatorWorld {
    /// Adds a repository to a plan's list (a no-op if it is listed already). On an exclude-mode plan the
    /// list holds exclusions, so the repository stops being protected
    /// (`XoperoAssumptions.attachToExcludePlanAddsExclusion`).
    mutating func attach(planId: String, repositoryId: String) -> PlanChangeOutcome {
        guard let plan = planLocation[planId] else { return .planNotFound }
        guard let repository = repositoryLocation[repositoryId],
            repository.organization == plan.organization,
            !organizations[repository.organization].repositories[repository.index].isRemoved
        else { return .repositoryNotFound }
        var organization = organizations[plan.organization]
        guard organization.plans[plan.index].attachedSet.insert(repositoryId).inserted else {
            return .done(changed: false)
        }
        organization.plans[plan.index].attached.append(repositoryId)
        if organization.plans[plan.index].selection != .exclude {
            organization.attachCounts[repositoryId, default: 0] += 1
        }
        organizations[plan.organization] = organization
        return .done(changed: true)
    }

    /// Removes a repository from a plan's list (a no-op if it is not listed): on an exclude-mode plan it
    /// ends an exclusion. Removed repositories may be detached; unknown ones are GT1001.
    mutating func detach(planId: String, repositoryId: String) -> PlanChangeOutcome {
        guard let plan = planLocation[planId] else { return .planNotFound }
        guard repositoryLocation[repositoryId] != nil else { return .repositoryNotFound }
        var organization = organizations[plan.organization]
        guard organization.plans[plan.index].attachedSet.remove(repositoryId) != nil else {
            return .done(changed: false)
        }
        organization.plans[plan.index].attached.removeAll { $0 == repositoryId }
        if organization.plans[plan.index].selection != .exclude {
            let remaining = (organization.attachCounts[repositoryId] ?? 1) - 1
            organization.attachCounts[repositoryId] = remaining > 0 ? remaining : nil
        }
        organizations[plan.organization] = organization
        return .done(changed: true)
    }

    /// Changes the given fields of a plan; fields left nil stay as they are.
    mutating func modify(planId: String, _ modification: SimPlanModification) -> PlanChangeOutcome {
        guard let location = planLocation[planId] else { return .planNotFound }
        var plan = organizations[location.organization].plans[location.index]
        let before = plan
        if let value = modification.backupType { plan.backupType = value }
        if let value = modification.workerId { plan.workerId = value }
        if let value = modification.settings { plan.settings = value }
        if let value = modification.includeAllRepositories { plan.includeAllRepositories = value }
        if let value = modification.includeMetadata { plan.includeMetadata = value }
        organizations[location.organization].plans[location.index] = plan
        return .done(changed: plan != before)
    }

    /// Gives each id a licence from the pool, in order. Already active: success without using one.
    /// Unknown or removed: GT1001. Pool used up: LI5020 (the ids before still succeed).
    mutating func activate(ids: [String]) -> LicenceBatchOutcome {
        var outcome = LicenceBatchOutcome()
        for id in ids {
            guard let location = repositoryLocation[id],
                !organizations[location.organization].repositories[location.index].isRemoved
            else {
                outcome.errors.append(LicenceFailure(id: id, code: .repositoryNotFound))
                continue
            }
            if organizations[location.organization].repositories[location.index].isActive {
                outcome.success.append(id)
                continue
            }
            if let total = licenceTotal, activeCount >= total {
                outcome.errors.append(LicenceFailure(id: id, code: .noFreeLicence))
                continue
            }
            organizations[location.organization].repositories[location.index].isActive = true
            activeCount += 1
            outcome.success.append(id)
            outcome.changedOrganizations.insert(location.organization)
        }
        return outcome
    }

    /// Returns each id's licence to the pool. Unknown or not active: GT1001.
    mutating func deactivate(ids: [String]) -> LicenceBatchOutcome {
        var outcome = LicenceBatchOutcome()
        for id in ids {
            guard let location = repositoryLocation[id],
                organizations[location.organization].repositories[location.index].isActive
            else {
                outcome.errors.append(LicenceFailure(id: id, code: .repositoryNotFound))
                continue
            }
            organizations[location.organization].repositories[location.index].isActive = false
            activeCount -= 1
            outcome.success.append(id)
            outcome.changedOrganizations.insert(location.organization)
        }
        return outcome
    }

    /// The organization index of a plan, for cache invalidation.
    func organizationOfPlan(_ planId: String) -> Int? { planLocation[planId]?.organization }
}
