/// One live organization prepared for planning: repositories in plan order (name, then id, ordinal)
/// with lookups by id and name, and plans by name. Built once per organization the desired state names.
struct OrganizationIndex: Sendable {
    let organization: LiveOrganization
    /// The organization's repositories sorted by name, then id; positions index `RepositorySet`.
    let repositories: [LiveRepository]
    let positionById: [String: Int]
    /// The first position of each name; repositories sharing a name follow it (they sort together).
    private let firstPositionByName: [String: Int]
    let plansByName: [String: [LivePlan]]
    /// Every repository that is not removed: what a glob may match and what `includeAllRepositories` covers.
    let present: RepositorySet

    var ref: ObjectRef { ObjectRef(id: organization.id, name: organization.name) }

    init(_ organization: LiveOrganization) {
        self.organization = organization
        let input = organization.repositories
        // Identical name and id: order by flags so that the order never depends on the input.
        let order = OrdinalSort.order(primary: input.map(\.name), secondary: input.map(\.id)) { lhs, rhs in
            (input[lhs].isRemoved ? 1 : 0, input[lhs].isActive ? 1 : 0) < (
                input[rhs].isRemoved ? 1 : 0, input[rhs].isActive ? 1 : 0
            )
        }
        let sorted = order.map { input[$0] }
        repositories = sorted
        var byId: [String: Int] = [:]
        var byName: [String: Int] = [:]
        var present = RepositorySet(capacity: sorted.count)
        byId.reserveCapacity(sorted.count)
        byName.reserveCapacity(sorted.count)
        for (position, repository) in sorted.enumerated() {
            if byId[repository.id] == nil { byId[repository.id] = position }
            if byName[repository.name] == nil { byName[repository.name] = position }
            if !repository.isRemoved { present.insert(position) }
        }
        positionById = byId
        firstPositionByName = byName
        self.present = present
        plansByName = Dictionary(grouping: organization.plans, by: \.name)
    }

    /// The positions of the repositories named exactly `name` (several only when one was removed and
    /// a new one took its name).
    func positions(named name: String) -> Range<Int> {
        guard let first = firstPositionByName[name] else { return 0..<0 }
        var end = first + 1
        while end < repositories.count, repositories[end].name == name { end += 1 }
        return first..<end
    }

    func repositoryRef(at position: Int) -> ObjectRef {
        let repository = repositories[position]
        return ObjectRef(id: repository.id, name: repository.name)
    }

    /// The live plans in plan order (name, then id).
    var plansInOrder: [LivePlan] {
        organization.plans.sorted { OrdinalOrder.less(($0.name, $0.id), ($1.name, $1.id)) }
    }

    /// The positions of the repositories whose name starts with `prefix` (UTF-8): a contiguous run,
    /// because repositories are sorted by name bytes. Found by binary search.
    func positions(withNamePrefix prefix: [UInt8]) -> Range<Int> {
        guard !prefix.isEmpty else { return repositories.indices }
        let start = prefix.withUnsafeBufferPointer { prefixBytes in
            var low = 0
            var high = repositories.count
            while low < high {
                let middle = (low + high) / 2
                let before = withUTF8Bytes(of: repositories[middle].name) { name in
                    name.lexicographicallyPrecedes(prefixBytes)
                }
                if before { low = middle + 1 } else { high = middle }
            }
            return low
        }
        var end = start
        while end < repositories.count,
            withUTF8Bytes(of: repositories[end].name, { $0.starts(with: prefix) })
        {
            end += 1
        }
        return start..<end
    }

    /// Names of the repositories that are not removed, for "did you mean".
    var presentNames: [String] { present.positions.map { repositories[$0].name } }
}
