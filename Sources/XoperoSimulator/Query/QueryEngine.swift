import XoperoContract

/// Paging, sorting and filtering of the listing calls, as pure functions over arrays.
///
/// Sorting is stable in both directions: equal values keep the listing's natural order.
enum QueryEngine {
    /// A request checked against a listing's fields, ready to run.
    struct Resolved<Item>: Sendable {
        var limit: Int
        var page: Int
        var sortField: QueryField<Item>?
        var descending: Bool
        var predicates: [@Sendable (Item) -> Bool]
    }

    /// Checks paging numbers and each filter against the listing's fields (`field` reads one; the
    /// field names themselves were checked when the body was decoded). A page holds at most
    /// `XoperoAssumptions.maximumPageSize` items, and at most `pageSizeCap` when given, whatever
    /// `limit` asks.
    static func resolve<Item, Field>(
        _ request: ListingRequest<Field>, pageSizeCap: Int? = nil, field: (Field) -> QueryField<Item>
    ) throws(ListingError) -> Resolved<Item> {
        let limit = request.limit ?? XoperoAssumptions.defaultPageSize
        guard limit >= 1 else { throw ListingError(field: "limit", message: "must be 1 or more") }
        let page = request.page ?? 1
        guard page >= 1 else { throw ListingError(field: "page", message: "must be 1 or more (pages are 1-based)") }
        var predicates: [@Sendable (Item) -> Bool] = []
        for (index, filter) in request.filters.enumerated() {
            predicates.append(try FilterCompiler.predicate(for: filter, field: field(filter.property), index: index))
        }
        let served = min(limit, XoperoAssumptions.maximumPageSize, pageSizeCap ?? Int.max)
        return Resolved(
            limit: max(1, served), page: page, sortField: request.orderBy.map(field),
            descending: request.descending, predicates: predicates)
    }

    /// Indexes of `items` in sorted order; ties keep their original order (in both directions).
    static func sortedOrder<Item>(_ items: [Item], by field: QueryField<Item>, descending: Bool) -> [Int] {
        let keys = items.map { SortKey(field.read($0)) }
        return items.indices.sorted { left, right in
            let order = SortKey.compare(keys[left], keys[right])
            if order == 0 { return left < right }
            return descending ? order > 0 : order < 0
        }
    }

    /// The requested page; `order` is the sorted order of `items` (nil: their natural order).
    static func page<Item>(_ items: [Item], order: [Int]?, _ resolved: Resolved<Item>) -> ListingPage<Item> {
        let start = (resolved.page - 1).multipliedReportingOverflow(by: resolved.limit)
        let first = start.overflow ? Int.max : start.partialValue
        var total = 0
        var selected: [Item] = []
        func visit(_ item: Item) {
            guard resolved.predicates.allSatisfy({ $0(item) }) else { return }
            if total >= first && selected.count < resolved.limit { selected.append(item) }
            total += 1
        }
        if let order {
            for index in order { visit(items[index]) }
        } else {
            for item in items { visit(item) }
        }
        let pageCount = (total + resolved.limit - 1) / resolved.limit
        return ListingPage(currentPage: resolved.page, pageCount: pageCount, totalEntries: total, items: selected)
    }
}

/// A field value prepared for comparison: text lowercased (comparisons ignore case), nil first.
enum SortKey: Sendable {
    case none
    case text(String)
    case integer(Int64)
    case flag(Bool)

    init(_ value: QueryValue) {
        switch value {
        case .text(let text): self = text.map { .text($0.lowercased()) } ?? .none
        case .integer(let number): self = number.map { .integer($0) } ?? .none
        case .flag(let flag): self = .flag(flag)
        }
    }

    /// -1, 0 or 1. Values of one field always have the same case or `.none`.
    static func compare(_ left: SortKey, _ right: SortKey) -> Int {
        switch (left, right) {
        case (.none, .none): 0
        case (.none, _): -1
        case (_, .none): 1
        case (.text(let a), .text(let b)): a == b ? 0 : (a < b ? -1 : 1)
        case (.integer(let a), .integer(let b)): a == b ? 0 : (a < b ? -1 : 1)
        case (.flag(let a), .flag(let b)): a == b ? 0 : (!a ? -1 : 1)
        default: 0
        }
    }
}
