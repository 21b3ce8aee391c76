/// A plan as organizations/getmany lists it inside its organization.
public struct ListedPlan: Sendable, Hashable {
    public var id: String
    public var name: String
    public var backupType: Int
    public var includeMetadata: Bool
    /// How many repositories the server counts in the plan.
    public var repoCount: Int

    public init(id: String, name: String, backupType: Int, includeMetadata: Bool, repoCount: Int) {
        self.id = id
        self.name = name
        self.backupType = backupType
        self.includeMetadata = includeMetadata
        self.repoCount = repoCount
    }
}

/// A plan as plans/listassignedtoorganization lists it.
public struct AssignedPlan: Sendable, Hashable {
    public var id: String
    public var name: String
    public var includeAllRepositories: Bool
    public var repositoryIds: [String]

    public init(id: String, name: String, includeAllRepositories: Bool, repositoryIds: [String]) {
        self.id = id
        self.name = name
        self.includeAllRepositories = includeAllRepositories
        self.repositoryIds = repositoryIds
    }
}

/// Joins an organization's two listings of its plans by id into `LivePlan`s. The two must list the same
/// plans, each once: a plan in one but not the other, or listed twice, means the organization cannot be
/// read (its settings or its membership would be a guess).
public enum PlanListingJoin {
    public static func join(
        listed: [ListedPlan], assigned: [AssignedPlan], organization: String
    ) -> (plans: [LivePlan], problems: [String]) {
        var problems: [String] = []
        let listedByID = Dictionary(grouping: listed, by: \.id)
        let assignedByID = Dictionary(grouping: assigned, by: \.id)
        for (id, copies) in listedByID.sorted(by: { OrdinalOrder.less($0.key, $1.key) }) where copies.count > 1 {
            problems.append("organizations/getmany lists plan id \(id) of \"\(organization)\" \(copies.count) times")
        }
        for (id, copies) in assignedByID.sorted(by: { OrdinalOrder.less($0.key, $1.key) }) where copies.count > 1 {
            problems.append(
                "plans/listassignedtoorganization lists plan id \(id) of \"\(organization)\" \(copies.count) times")
        }
        let onlyListed = listed.filter { assignedByID[$0.id] == nil }
        let onlyAssigned = assigned.filter { listedByID[$0.id] == nil }
        if !onlyListed.isEmpty {
            problems.append(
                "\(onlyListed.count) plan(s) of \"\(organization)\" are in organizations/getmany but not in "
                    + "plans/listassignedtoorganization: \(names(onlyListed.map(\.name)))")
        }
        if !onlyAssigned.isEmpty {
            problems.append(
                "\(onlyAssigned.count) plan(s) of \"\(organization)\" are in plans/listassignedtoorganization but "
                    + "not in organizations/getmany: \(names(onlyAssigned.map(\.name)))")
        }
        let plans = listed.compactMap { plan -> LivePlan? in
            guard let assignment = assignedByID[plan.id]?.first else { return nil }
            return LivePlan(
                id: plan.id, name: plan.name, backupType: plan.backupType, includeMetadata: plan.includeMetadata,
                includeAllRepositories: assignment.includeAllRepositories, repositoryIds: assignment.repositoryIds,
                repoCount: plan.repoCount)
        }
        return (plans, problems)
    }

    private static func names(_ names: [String]) -> String {
        let shown = names.sorted(by: OrdinalOrder.less).prefix(5).map { "\"\($0)\"" }.joined(separator: ", ")
        return names.count > 5 ? shown + ", ..." : shown
    }
}
