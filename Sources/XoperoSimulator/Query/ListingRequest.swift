import XoperoContract

/// What a listing call asks for, independent of the generated query types; `Field` is the listing's
/// generated field enum (`Components.Schemas.RepositoryField`, ...).
struct ListingRequest<Field: Sendable & Hashable>: Sendable, Hashable {
    var limit: Int?
    var page: Int?
    var orderBy: Field?
    var descending: Bool
    var filters: [ListingFilter<Field>]

    init(
        limit: Int? = nil, page: Int? = nil, orderBy: Field? = nil, descending: Bool = false,
        filters: [ListingFilter<Field>] = []
    ) {
        self.limit = limit
        self.page = page
        self.orderBy = orderBy
        self.descending = descending
        self.filters = filters
    }
}

/// One `{property, operator, value}` item of `filters`.
struct ListingFilter<Field: Sendable & Hashable>: Sendable, Hashable {
    var property: Field
    var comparison: Comparison
    var value: FilterValue

    /// The contract's operators: a new one in openapi.yaml must be handled where filters are compiled.
    typealias Comparison = Components.Schemas.FilterOperator
}

/// A filter's `value` as sent: a string, number, boolean or null.
enum FilterValue: Sendable, Hashable {
    case null
    case flag(Bool)
    case integer(Int64)
    case number(Double)
    case text(String)
}

/// A listing request that cannot be served, with the field it is about (`filters[0].value`).
struct ListingError: Error, Sendable, Hashable {
    var field: String
    var message: String
}

/// One page of a listing, and the envelope's numbers.
struct ListingPage<Item: Sendable>: Sendable {
    var currentPage: Int
    var pageCount: Int
    var totalEntries: Int
    var items: [Item]
}
