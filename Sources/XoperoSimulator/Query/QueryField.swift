import XoperoContract

/// A field's value as sorting and filtering see it.
enum QueryValue: Sendable, Hashable {
    case text(String?)
    case integer(Int64?)
    case flag(Bool)
}

/// A returned field that listings can sort and filter by, under its PascalCase name (`TotalRepositories`).
struct QueryField<Item>: Sendable {
    enum Kind: Sendable { case text, integer, flag }

    let name: String
    let kind: Kind
    let read: @Sendable (Item) -> QueryValue

    init(_ field: some RawRepresentable<String>, _ kind: Kind, _ read: @escaping @Sendable (Item) -> QueryValue) {
        name = field.rawValue
        self.kind = kind
        self.read = read
    }
}

/// The sortable, filterable fields of each listing, keyed by the contract's field enums.
///
/// The `switch`es are exhaustive on purpose: a field added to openapi.yaml does not compile until the
/// simulator serves it.
enum ListingFields {
    static func repository(_ field: Components.Schemas.RepositoryField) -> QueryField<SimRepository> {
        switch field {
        case .id: .init(field, .text) { .text($0.id) }
        case .name: .init(field, .text) { .text($0.name) }
        case .isActive: .init(field, .flag) { .flag($0.isActive) }
        case .isRemoved: .init(field, .flag) { .flag($0.isRemoved) }
        }
    }

    static func plan(_ field: Components.Schemas.PlanAssignmentField) -> QueryField<SimPlan> {
        switch field {
        case .id: .init(field, .text) { .text($0.id) }
        case .name: .init(field, .text) { .text($0.name) }
        case .includeAllRepositories: .init(field, .flag) { .flag($0.includeAllRepositories) }
        }
    }

    static func organization(_ field: Components.Schemas.OrganizationField) -> QueryField<OrganizationRow> {
        switch field {
        case .id: .init(field, .text) { .text($0.organization.id) }
        case .driver: .init(field, .integer) { .integer(Int64($0.organization.driver)) }
        case .name: .init(field, .text) { .text($0.organization.name) }
        case .apiUrl: .init(field, .text) { .text($0.organization.apiUrl) }
        case .isReadOnly: .init(field, .flag) { .flag($0.organization.isReadOnly) }
        case .protectedRepositories: .init(field, .integer) { .integer(Int64($0.counters.protectedRepositories)) }
        case .totalRepositories: .init(field, .integer) { .integer(Int64($0.counters.totalRepositories)) }
        case .missingLicences: .init(field, .integer) { .integer(Int64($0.counters.missingLicences)) }
        case .removedRepositories: .init(field, .integer) { .integer(Int64($0.counters.removedRepositories)) }
        case .defaultWorkerId: .init(field, .text) { .text($0.organization.defaultWorkerId) }
        case .isCreatedByMarketplace: .init(field, .flag) { .flag($0.organization.isCreatedByMarketplace) }
        case .synchronizationInProgress: .init(field, .flag) { .flag($0.synchronizationInProgress) }
        }
    }

    /// The field names a listing call accepts in `orderby` and filter `property`, in the contract's
    /// spelling; nil for a call that is not a listing.
    static func names(for call: XoperoCall) -> [String]? {
        switch call {
        case .getOrganizations: Components.Schemas.OrganizationField.allCases.map(\.rawValue)
        case .getRepositories: Components.Schemas.RepositoryField.allCases.map(\.rawValue)
        case .listPlansAssignedToOrganization: Components.Schemas.PlanAssignmentField.allCases.map(\.rawValue)
        case .login, .attachGitRepository, .detachGitRepository, .modifyGitPlan, .activateRepositories,
            .deactivateRepositories:
            nil
        }
    }
}

/// An organization with its counters, as organizations/getmany lists it.
struct OrganizationRow: Sendable {
    var organization: SimOrganization
    var counters: OrganizationCounters
    /// Each plan's `repoCount`, in the order of `organization.plans`.
    var repoCounts: [Int]
    /// As reported now: `synchronizationFinishesAfterSeconds` turns it off at its time.
    var synchronizationInProgress: Bool
}
