import XoperoContract

extension SimulatorWorld {
    /// One organization of a state file, checked, with missing ids derived from names.
    static func buildOrganization(
        _ file: SimulatorStateFile.Organization, field: String
    ) throws(StateProblem) -> SimOrganization {
        if let seconds = file.synchronizationFinishesAfterSeconds {
            guard seconds >= 0 else {
                throw StateProblem(
                    field: "\(field).synchronizationFinishesAfterSeconds", message: "must be 0 or more, got \(seconds)")
            }
            guard file.synchronizationInProgress != false else {
                throw StateProblem(
                    field: "\(field).synchronizationFinishesAfterSeconds",
                    message: "needs synchronizationInProgress true or left out: a synchronization that is not "
                        + "in progress cannot finish")
            }
        }
        var repositories: [SimRepository] = []
        var idByName: [String: String] = [:]
        for (index, repository) in (file.repositories ?? []).enumerated() {
            let repoField = "\(field).repositories[\(index)]"
            guard !repository.name.isEmpty else {
                throw StateProblem(field: "\(repoField).name", message: "must not be empty")
            }
            guard idByName[repository.name] == nil else {
                throw StateProblem(
                    field: "\(repoField).name",
                    message: "repository \"\(repository.name)\" appears twice in organization \"\(file.name)\"")
            }
            let id = repository.id ?? StableID.repository(organization: file.name, name: repository.name)
            idByName[repository.name] = id
            repositories.append(
                SimRepository(
                    id: id, name: repository.name,
                    isActive: repository.isActive ?? false, isRemoved: repository.isRemoved ?? false))
        }
        let knownIds = Set(repositories.map(\.id))
        var plans: [SimPlan] = []
        var planNames: Set<String> = []
        var attachCounts: [String: Int] = [:]
        for (index, plan) in (file.plans ?? []).enumerated() {
            let planField = "\(field).plans[\(index)]"
            guard !plan.name.isEmpty else {
                throw StateProblem(field: "\(planField).name", message: "must not be empty")
            }
            guard planNames.insert(plan.name).inserted else {
                throw StateProblem(
                    field: "\(planField).name",
                    message: "plan \"\(plan.name)\" appears twice in organization \"\(file.name)\"")
            }
            let built = try buildPlan(
                plan, field: planField, organization: file.name, idByName: idByName, knownIds: knownIds,
                repositories: repositories)
            if built.selection != .exclude {
                for id in built.attached { attachCounts[id, default: 0] += 1 }
            }
            plans.append(built)
        }
        return SimOrganization(
            id: file.id ?? StableID.organization(name: file.name), name: file.name, driver: file.driver ?? 1,
            apiUrl: file.apiUrl, isReadOnly: file.isReadOnly ?? false, defaultWorkerId: file.defaultWorkerId,
            isCreatedByMarketplace: file.isCreatedByMarketplace ?? false,
            synchronizationInProgress: file.synchronizationInProgress
                ?? (file.synchronizationFinishesAfterSeconds != nil),
            synchronizationFinishesAfterSeconds: file.synchronizationFinishesAfterSeconds,
            repositories: repositories, plans: plans, attachCounts: attachCounts)
    }

    private static func buildPlan(
        _ plan: SimulatorStateFile.Plan, field: String, organization: String, idByName: [String: String],
        knownIds: Set<String>, repositories: [SimRepository]
    ) throws(StateProblem) -> SimPlan {
        let selection = plan.selection ?? .list
        let rules = plan.rules ?? []
        switch selection {
        case .list, .exclude:
            guard plan.rules == nil else {
                throw StateProblem(
                    field: "\(field).rules",
                    message:
                        "rules apply only to a plan with selection \"rules\"; this one has \"\(selection.rawValue)\"")
            }
        case .rules:
            guard !rules.isEmpty else {
                throw StateProblem(
                    field: "\(field).rules",
                    message: "a plan with selection \"rules\" needs at least one rule, such as \"api-*\"")
            }
            for (index, rule) in rules.enumerated() where rule.isEmpty {
                throw StateProblem(field: "\(field).rules[\(index)]", message: "must not be empty")
            }
        }
        let matchers = rules.map(NameRule.init)
        let matches: Set<String> =
            matchers.isEmpty
            ? []
            : Set(repositories.filter { repository in matchers.contains { $0.matches(repository.name) } }.map(\.id))
        let attached = try resolveListed(
            plan, field: field, organization: organization, idByName: idByName, knownIds: knownIds)
        return SimPlan(
            id: plan.id ?? StableID.plan(organization: organization, name: plan.name),
            name: plan.name, backupType: plan.backupType ?? 5, includeMetadata: plan.includeMetadata ?? false,
            includeAllRepositories: plan.includeAllRepositories ?? false, workerId: plan.workerId,
            settings: plan.settings ?? [:], selection: selection, rules: rules, ruleMatches: matches,
            attached: attached, attachedSet: Set(attached),
            lastStatus: plan.lastStatus ?? .init(successes: 0, warnings: 0, errors: 0),
            planFinishedTime: plan.planFinishedTime, isRunning: plan.isRunning ?? false)
    }

    /// A plan's listed ids from `repositories` (names) and `repositoryIds` (ids), without repeats.
    private static func resolveListed(
        _ plan: SimulatorStateFile.Plan, field: String, organization: String,
        idByName: [String: String], knownIds: Set<String>
    ) throws(StateProblem) -> [String] {
        var attached: [String] = []
        var seen: Set<String> = []
        for (index, name) in (plan.repositories ?? []).enumerated() {
            guard let id = idByName[name] else {
                throw StateProblem(
                    field: "\(field).repositories[\(index)]",
                    message: "no repository named \"\(name)\" in organization \"\(organization)\"")
            }
            if seen.insert(id).inserted { attached.append(id) }
        }
        for (index, id) in (plan.repositoryIds ?? []).enumerated() {
            guard knownIds.contains(id) else {
                throw StateProblem(
                    field: "\(field).repositoryIds[\(index)]",
                    message: "no repository with id \(id) in organization \"\(organization)\"")
            }
            if seen.insert(id).inserted { attached.append(id) }
        }
        return attached
    }
}
