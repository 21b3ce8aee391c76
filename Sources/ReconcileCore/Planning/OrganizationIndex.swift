/// One live organization prepared for planning: repositories in plan order (name, then id, ordinal)
/// with lookups by id and name, and plans by name. Built once per organization the desired state names.
struct OrganizationIndex: Sendable {
    let organization: LiveOrganization
    /// The organization's repositories sorted by name, then id; positions index `RepositorySet`.
    let repositories: [LiveRepository]
    let positionById: [String: Int]
    let positionsByName: [String: [Int]]
    let plansByName: [String: [LivePlan]]
    /// Every repository that is not removed: what a glob may match and what `includeAllRepositories` covers.
    let present: RepositorySet

    var ref: ObjectRef { ObjectRef(id: organization.id, name: organization.name) }

    init(_ organization: LiveOrganization) {
        self.organization = organization
        let sorted = organization.repositories.sorted { lhs, rhs in
            let byName = OrdinalOrder.compare(lhs.name, rhs.name)
            if byName != 0 { return byName < 0 }
            let byId = OrdinalOrder.compare(lhs.id, rhs.id)
            if byId != 0 { return byId < 0 }
            // Identical name and id: order by flags so that the order never depends on the input.
            return (lhs.isRemoved ? 1 : 0, lhs.isActive ? 1 : 0) < (rhs.isRemoved ? 1 : 0, rhs.isActive ? 1 : 0)
        }
        repositories = sorted
        var byId: [String: Int] = [:]
        var byName: [String: [Int]] = [:]
        var present = RepositorySet(capacity: sorted.count)
        byId.reserveCapacity(sorted.count)
        byName.reserveCapacity(sorted.count)
        for (position, repository) in sorted.enumerated() {
            if byId[repository.id] == nil { byId[repository.id] = position }
            byName[repository.name, default: []].append(position)
            if !repository.isRemoved { present.insert(position) }
        }
        positionById = byId
        positionsByName = byName
        self.present = present
        plansByName = Dictionary(grouping: organization.plans, by: \.name)
    }

    func repositoryRef(at position: Int) -> ObjectRef {
        let repository = repositories[position]
        return ObjectRef(id: repository.id, name: repository.name)
    }

    /// The live plans in plan order (name, then id).
    var plansInOrder: [LivePlan] {
        organization.plans.sorted { lhs, rhs in
            let byName = OrdinalOrder.compare(lhs.name, rhs.name)
            return byName != 0 ? byName < 0 : OrdinalOrder.less(lhs.id, rhs.id)
        }
    }

    /// Names of the repositories that are not removed, for "did you mean".
    var presentNames: [String] { present.positions.map { repositories[$0].name } }
}
