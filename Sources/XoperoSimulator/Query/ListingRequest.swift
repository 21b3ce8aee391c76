import XoperoContract

/// What a listing call asks for, independent of the generated types.
struct ListingRequest: Sendable, Hashable {
    var limit: Int?
    var page: Int?
    var orderBy: String?
    var descending: Bool
    var filters: [ListingFilter]
}

/// One `{property, operator, value}` item of `filters`.
struct ListingFilter: Sendable, Hashable {
    var property: String
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
    /// An array or object: never comparable with a field.
    case unsupported
}

/// A listing request that cannot be served, with the field it is about (`filters[0].property`).
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
