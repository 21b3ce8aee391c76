import OpenAPIRuntime
import XoperoContract

/// Conversions between the generated contract types and the simulator's own values.
enum ContractMapping {
    static func listing<Query: ListingQuery>(_ query: Query) -> ListingRequest<Query.Field> {
        ListingRequest(
            limit: query.limit, page: query.page, orderBy: query.orderby, descending: query.ordertype == .desc,
            filters: (query.filters ?? []).map { filter in
                ListingFilter(property: filter.property, comparison: filter._operator, value: filterValue(filter.value))
            })
    }

    static func filterValue(_ value: Components.Schemas.FilterValue?) -> FilterValue {
        switch value {
        case nil: .null
        case .FilterFlag(let flag): .flag(flag)
        case .FilterNumber(let number):
            number.rounded() == number && abs(number) < 9e15 ? .integer(Int64(number)) : .number(number)
        case .FilterText(let text): .text(text)
        }
    }

    static func organization(_ row: OrganizationRow) -> Components.Schemas.Organization {
        let organization = row.organization
        return .init(
            id: organization.id, driver: organization.driver, name: organization.name, apiUrl: organization.apiUrl,
            isReadOnly: organization.isReadOnly, protectedRepositories: row.counters.protectedRepositories,
            totalRepositories: row.counters.totalRepositories, missingLicences: row.counters.missingLicences,
            removedRepositories: row.counters.removedRepositories, defaultWorkerId: organization.defaultWorkerId,
            isCreatedByMarketplace: organization.isCreatedByMarketplace,
            synchronizationInProgress: row.synchronizationInProgress,
            plans: zip(organization.plans, row.repoCounts).map { plan, repoCount in
                .init(
                    id: plan.id, name: plan.name, backupType: plan.backupType, includeMetadata: plan.includeMetadata,
                    repoCount: repoCount, lastStatus: plan.lastStatus, planFinishedTime: plan.planFinishedTime,
                    isRunning: plan.isRunning)
            })
    }

    static func repository(_ repository: SimRepository) -> Components.Schemas.Repository {
        .init(id: repository.id, name: repository.name, isActive: repository.isActive, isRemoved: repository.isRemoved)
    }

    static func planAssignment(_ plan: SimPlan) -> Components.Schemas.PlanAssignment {
        .init(
            id: plan.id, name: plan.name, includeAllRepositories: plan.includeAllRepositories,
            repositoryIds: plan.attached)
    }

    static func batch(_ outcome: LicenceBatchOutcome) -> Components.Schemas.BatchResult {
        .init(success: outcome.success, error: outcome.errors.map { .init(id: $0.id, errorCode: $0.code.rawValue) })
    }

    static func problem(_ error: ListingError) -> Components.Schemas.ProblemDetails {
        .init(
            title: "One or more validation errors occurred.", status: 400,
            errors: .init(additionalProperties: [error.field: [error.message]]))
    }

    static func notFound(_ title: String, code: XoperoAssumptions.ErrorCode? = nil) -> Components.Schemas.ProblemDetails
    {
        .init(title: title, status: 404, errorCode: code?.rawValue)
    }
}

/// The paging, sorting and filtering fields that every listing call's body has.
protocol ListingQuery {
    associatedtype Field: RawRepresentable<String> & Sendable & Hashable
    associatedtype Filter: ListingQueryFilter where Filter.Field == Field
    var limit: Int? { get }
    var page: Int? { get }
    var orderby: Field? { get }
    var ordertype: Components.Schemas.SortOrder? { get }
    var filters: [Filter]? { get }
}

/// One `{property, operator, value}` item of a listing's `filters`.
protocol ListingQueryFilter {
    associatedtype Field: RawRepresentable<String>
    var property: Field { get }
    var _operator: Components.Schemas.FilterOperator { get }
    var value: Components.Schemas.FilterValue? { get }
}

extension Components.Schemas.OrganizationsQuery: ListingQuery {}
extension Components.Schemas.RepositoriesQuery: ListingQuery {}
extension Components.Schemas.PlansQuery: ListingQuery {}
extension Components.Schemas.OrganizationFilter: ListingQueryFilter {}
extension Components.Schemas.RepositoryFilter: ListingQueryFilter {}
extension Components.Schemas.PlanAssignmentFilter: ListingQueryFilter {}
