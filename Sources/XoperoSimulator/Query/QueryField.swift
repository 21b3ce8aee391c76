import XoperoContract

/// A field's value as sorting and filtering see it.
enum FieldValue: Sendable, Hashable {
    case text(String?)
    case integer(Int64?)
    case flag(Bool)
}

/// A returned field that listings can sort and filter by, under its PascalCase name (`TotalRepositories`).
struct QueryField<Item>: Sendable {
    enum Kind: Sendable { case text, integer, flag }

    let name: String
    let kind: Kind
    let read: @Sendable (Item) -> FieldValue

    init(_ name: String, _ kind: Kind, _ read: @escaping @Sendable (Item) -> FieldValue) {
        self.name = name
        self.kind = kind
        self.read = read
    }
}

/// The sortable, filterable fields of each listing: every scalar field the listing returns.
enum ListingFields {
    static let repositories: [QueryField<SimRepository>] = [
        .init("Id", .text) { .text($0.id) },
        .init("Name", .text) { .text($0.name) },
        .init("IsActive", .flag) { .flag($0.isActive) },
        .init("IsRemoved", .flag) { .flag($0.isRemoved) },
    ]

    static let plans: [QueryField<SimPlan>] = [
        .init("Id", .text) { .text($0.id) },
        .init("Name", .text) { .text($0.name) },
        .init("IncludeAllRepositories", .flag) { .flag($0.includeAllRepositories) },
    ]

    static let organizations: [QueryField<OrganizationRow>] = [
        .init("Id", .text) { .text($0.organization.id) },
        .init("Driver", .integer) { .integer(Int64($0.organization.driver)) },
        .init("Name", .text) { .text($0.organization.name) },
        .init("ApiUrl", .text) { .text($0.organization.apiUrl) },
        .init("IsReadOnly", .flag) { .flag($0.organization.isReadOnly) },
        .init("ProtectedRepositories", .integer) { .integer(Int64($0.counters.protectedRepositories)) },
        .init("TotalRepositories", .integer) { .integer(Int64($0.counters.totalRepositories)) },
        .init("MissingLicences", .integer) { .integer(Int64($0.counters.missingLicences)) },
        .init("RemovedRepositories", .integer) { .integer(Int64($0.counters.removedRepositories)) },
        .init("DefaultWorkerId", .text) { .text($0.organization.defaultWorkerId) },
        .init("IsCreatedByMarketplace", .flag) { .flag($0.organization.isCreatedByMarketplace) },
        .init("SynchronizationInProgress", .flag) { .flag($0.organization.synchronizationInProgress) },
    ]
}

/// An organization with its counters, as organizations/getmany lists it.
struct OrganizationRow: Sendable {
    var organization: SimOrganization
    var counters: OrganizationCounters
    /// Repositories not removed, for the `repoCount` of plans with `includeAllRepositories`.
    var notRemoved: Int
}
