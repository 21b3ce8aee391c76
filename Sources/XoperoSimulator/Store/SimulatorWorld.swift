import XoperoContract

/// The simulated server's data as plain values, with indexes by id. Built from a state file (which it
/// checks), changed by the write calls, written back as a state file. No I/O, no clocks.
struct SimulatorWorld: Sendable {
    var licenceTotal: Int?
    var users: [SimulatorUser]
    var organizations: [SimOrganization]
    var organizationIndex: [String: Int] = [:]
    var repositoryLocation: [String: Location] = [:]
    var planLocation: [String: Location] = [:]
    /// Repositories holding a licence, across all organizations.
    var activeCount = 0

    /// Builds the world from a state file, deriving missing ids from names.
    /// - Throws: the first problem found, naming its field.
    init(state: SimulatorStateFile) throws(StateProblem) {
        licenceTotal = state.licences?.total
        users = state.users
        organizations = []
        try checkUsers()
        var idOwners: [String: String] = [:]
        var orgNames: [String: Int] = [:]
        for (orgNumber, file) in state.organizations.enumerated() {
            let field = "organizations[\(orgNumber)]"
            guard !file.name.isEmpty else { throw StateProblem(field: "\(field).name", message: "must not be empty") }
            if let first = orgNames[file.name] {
                throw StateProblem(
                    field: "\(field).name",
                    message: "organization \"\(file.name)\" is also organizations[\(first)]; names must be unique")
            }
            orgNames[file.name] = orgNumber
            let organization = try Self.buildOrganization(file, field: field)
            try Self.claim(organization.id, for: "\(field).id", in: &idOwners)
            for (index, repository) in organization.repositories.enumerated() {
                try Self.claim(repository.id, for: "\(field).repositories[\(index)].id", in: &idOwners)
                repositoryLocation[repository.id] = Location(organization: orgNumber, index: index)
                if repository.isActive { activeCount += 1 }
            }
            for (index, plan) in organization.plans.enumerated() {
                try Self.claim(plan.id, for: "\(field).plans[\(index)].id", in: &idOwners)
                planLocation[plan.id] = Location(organization: orgNumber, index: index)
            }
            organizationIndex[organization.id] = orgNumber
            organizations.append(organization)
        }
        try checkLicences()
    }

    private func checkUsers() throws(StateProblem) {
        guard !users.isEmpty else {
            throw StateProblem(field: "users", message: "at least one user is needed to log in")
        }
        var seen: [String: Int] = [:]
        for (index, user) in users.enumerated() {
            let key = user.email.lowercased()
            guard !key.isEmpty else { throw StateProblem(field: "users[\(index)].email", message: "must not be empty") }
            if let first = seen[key] {
                throw StateProblem(field: "users[\(index)].email", message: "\(user.email) is also users[\(first)]")
            }
            seen[key] = index
            guard !user.roles.isEmpty else {
                throw StateProblem(field: "users[\(index)].roles", message: "needs at least one role")
            }
        }
    }

    private func checkLicences() throws(StateProblem) {
        guard let total = licenceTotal else { return }
        guard total >= 0 else {
            throw StateProblem(field: "licences.total", message: "must be 0 or more, or null for unlimited")
        }
        guard activeCount <= total else {
            throw StateProblem(
                field: "licences.total",
                message:
                    "is \(total) but \(activeCount) repositories are active; raise it or set some isActive to false")
        }
    }

    private static func claim(_ id: String, for field: String, in owners: inout [String: String]) throws(StateProblem) {
        guard !id.isEmpty else {
            throw StateProblem(field: field, message: "must not be empty (leave it out to derive one)")
        }
        if let owner = owners[id] {
            throw StateProblem(field: field, message: "id \(id) is also \(owner); ids must be unique")
        }
        owners[id] = field
    }
}
