import Testing
import XoperoContract

@testable import XoperoSimulator

/// Paging, sorting and filtering as pure functions.
@Suite struct QueryEngineTests {
    /// 7 repositories with repeated activity values, to check stable sorting.
    static let items: [SimRepository] = [
        .init(id: "id-1", name: "Delta", isActive: true, isRemoved: false),
        .init(id: "id-2", name: "alpha", isActive: false, isRemoved: false),
        .init(id: "id-3", name: "charlie", isActive: true, isRemoved: true),
        .init(id: "id-4", name: "bravo", isActive: false, isRemoved: false),
        .init(id: "id-5", name: "echo-service", isActive: true, isRemoved: false),
        .init(id: "id-6", name: "foxtrot-service", isActive: false, isRemoved: true),
        .init(id: "id-7", name: "golf", isActive: true, isRemoved: false),
    ]

    typealias Field = Components.Schemas.RepositoryField
    typealias Filter = ListingFilter<Field>

    static func run(
        limit: Int? = nil, page: Int? = nil, orderBy: Field? = nil, descending: Bool = false,
        filters: [Filter] = [], pageSizeCap: Int? = nil
    ) throws -> ListingPage<SimRepository> {
        let request = ListingRequest(
            limit: limit, page: page, orderBy: orderBy, descending: descending, filters: filters)
        let resolved = try QueryEngine.resolve(request, pageSizeCap: pageSizeCap, field: ListingFields.repository)
        let order = resolved.sortField.map { QueryEngine.sortedOrder(items, by: $0, descending: descending) }
        return QueryEngine.page(items, order: order, resolved)
    }

    @Test(arguments: [
        // limit, page, expected pageCount, expected ids on the page
        (3, 1, 3, ["id-1", "id-2", "id-3"]),
        (3, 3, 3, ["id-7"]),
        (3, 4, 3, []),
        (7, 1, 1, ["id-1", "id-2", "id-3", "id-4", "id-5", "id-6", "id-7"]),
        (2, 4, 4, ["id-7"]),
        (1, 7, 7, ["id-7"]),
        (10, 2, 1, []),
    ])
    func pagingArithmetic(limit: Int, page: Int, pageCount: Int, ids: [String]) throws {
        let result = try Self.run(limit: limit, page: page)
        #expect(result.totalEntries == 7)
        #expect(result.pageCount == pageCount)
        #expect(result.currentPage == page)
        #expect(result.items.map(\.id) == ids)
    }

    @Test func limitIsClampedAndDefaulted() throws {
        let many = (0..<2500).map { SimRepository(id: "r\($0)", name: "n\($0)", isActive: false, isRemoved: false) }
        let clamped = try QueryEngine.resolve(
            ListingRequest<Field>(limit: 5000, page: 1), field: ListingFields.repository)
        let page = QueryEngine.page(many, order: nil, clamped)
        #expect(page.items.count == 1000)
        #expect(page.pageCount == 3)
        let defaulted = try QueryEngine.resolve(ListingRequest<Field>(), field: ListingFields.repository)
        #expect(defaulted.limit == 50)
        #expect(defaulted.page == 1)
    }

    @Test(arguments: [(0, "limit"), (-1, "limit")])
    func limitBelowOneIsRefused(limit: Int, field: String) {
        #expect(throws: ListingError(field: field, message: "must be 1 or more")) { try Self.run(limit: limit) }
    }

    @Test func pageBelowOneIsRefused() {
        #expect(throws: ListingError(field: "page", message: "must be 1 or more (pages are 1-based)")) {
            try Self.run(page: 0)
        }
    }

    @Test func sortsByNameIgnoringCaseBothWays() throws {
        #expect(
            try Self.run(orderBy: .name).items.map(\.name)
                == ["alpha", "bravo", "charlie", "Delta", "echo-service", "foxtrot-service", "golf"])
        #expect(
            try Self.run(orderBy: .name, descending: true).items.map(\.name)
                == ["golf", "foxtrot-service", "echo-service", "Delta", "charlie", "bravo", "alpha"])
    }

    @Test func sortIsStableInBothDirections() throws {
        // Equal values keep their natural order, ascending and descending alike.
        #expect(
            try Self.run(orderBy: .isActive).items.map(\.id)
                == ["id-2", "id-4", "id-6", "id-1", "id-3", "id-5", "id-7"])
        #expect(
            try Self.run(orderBy: .isActive, descending: true).items.map(\.id)
                == ["id-1", "id-3", "id-5", "id-7", "id-2", "id-4", "id-6"])
    }

    @Test(arguments: [
        (Filter(property: .isRemoved, comparison: .eq, value: .flag(true)), ["id-3", "id-6"]),
        (
            Filter(property: .isRemoved, comparison: .neq, value: .flag(true)),
            ["id-1", "id-2", "id-4", "id-5", "id-7"]
        ),
        (Filter(property: .isActive, comparison: .eq, value: .text("false")), ["id-2", "id-4", "id-6"]),
        (Filter(property: .name, comparison: .eq, value: .text("DELTA")), ["id-1"]),
        (
            Filter(property: .name, comparison: .neq, value: .text("delta")),
            ["id-2", "id-3", "id-4", "id-5", "id-6", "id-7"]
        ),
        (Filter(property: .name, comparison: .contains, value: .text("SERV")), ["id-5", "id-6"]),
        (Filter(property: .name, comparison: .startswith, value: .text("ch")), ["id-3"]),
        (Filter(property: .name, comparison: .endswith, value: .text("-service")), ["id-5", "id-6"]),
        (Filter(property: .name, comparison: .gt, value: .text("echo-service")), ["id-6", "id-7"]),
        (Filter(property: .name, comparison: .gte, value: .text("echo-service")), ["id-5", "id-6", "id-7"]),
        (Filter(property: .name, comparison: .lt, value: .text("bravo")), ["id-2"]),
        (Filter(property: .name, comparison: .lte, value: .text("bravo")), ["id-2", "id-4"]),
        (Filter(property: .id, comparison: .eq, value: .text("id-7")), ["id-7"]),
    ])
    func eachFilterOperator(filter: Filter, ids: [String]) throws {
        let result = try Self.run(filters: [filter])
        #expect(result.items.map(\.id) == ids)
        #expect(result.totalEntries == ids.count)
    }

    @Test func filtersCombineAndPagingCountsOnlyMatches() throws {
        let result = try Self.run(
            limit: 1, page: 2,
            filters: [
                Filter(property: .isActive, comparison: .eq, value: .flag(true)),
                Filter(property: .isRemoved, comparison: .eq, value: .flag(false)),
            ])
        #expect(result.totalEntries == 3)
        #expect(result.pageCount == 3)
        #expect(result.items.map(\.id) == ["id-5"])
    }

    @Test func numericFiltersOnOrganizations() throws {
        let rows = [3, 10, 7].enumerated().map { index, total in
            OrganizationRow(
                organization: SimOrganization(
                    id: "o\(index)", name: "org\(index)", driver: index, isReadOnly: false,
                    isCreatedByMarketplace: false,
                    synchronizationInProgress: false, repositories: [], plans: [], attachCounts: [:]),
                counters: .init(
                    totalRepositories: total, removedRepositories: 0, protectedRepositories: 0, missingLicences: 0),
                repoCounts: [], synchronizationInProgress: false)
        }
        func ids(_ comparison: Components.Schemas.FilterOperator, _ value: FilterValue) throws -> [String] {
            let request = ListingRequest<Components.Schemas.OrganizationField>(
                filters: [.init(property: .totalRepositories, comparison: comparison, value: value)])
            return QueryEngine.page(
                rows, order: nil, try QueryEngine.resolve(request, field: ListingFields.organization)
            )
            .items.map(\.organization.id)
        }
        #expect(try ids(.gt, .integer(5)) == ["o1", "o2"])
        #expect(try ids(.lt, .integer(7)) == ["o0"])
        #expect(try ids(.gte, .integer(7)) == ["o1", "o2"])
        #expect(try ids(.lte, .text("7")) == ["o0", "o2"])
        #expect(try ids(.eq, .number(10)) == ["o1"])
        #expect(try ids(.neq, .integer(10)) == ["o0", "o2"])
    }

    @Test(arguments: [
        (Filter(property: .isActive, comparison: .gt, value: .flag(true)), "filters[0].operator"),
        (Filter(property: .isActive, comparison: .eq, value: .integer(1)), "filters[0].value"),
        (Filter(property: .name, comparison: .eq, value: .integer(1)), "filters[0].value"),
        (Filter(property: .name, comparison: .contains, value: .null), "filters[0].value"),
    ])
    func nonsenseFiltersAreRefusedNamingTheField(filter: Filter, field: String) throws {
        let error = try #require(throws: ListingError.self) { try Self.run(filters: [filter]) }
        #expect(error.field == field)
    }

    @Test(
        arguments: [
            // limit asked, cap, served size, pages of the 7 items
            (10, 3, 3, 3), (2, 3, 2, 4), (nil, 1, 1, 7), (5000, 4, 4, 2),
        ] as [(Int?, Int, Int, Int)])
    func aPageSizeCapServesFewerThanAsked(limit: Int?, cap: Int, served: Int, pageCount: Int) throws {
        let first = try Self.run(limit: limit, page: 1, pageSizeCap: cap)
        #expect(first.items.count == served)
        #expect(first.pageCount == pageCount)
        #expect(first.currentPage == 1)
        let second = try Self.run(limit: limit, page: 2, pageSizeCap: cap)
        #expect(second.currentPage == 2)
        #expect(second.items.map(\.id) == Array(Self.items.dropFirst(served).prefix(served).map(\.id)))
    }
}
