import Testing

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

    static func run(
        limit: Int? = nil, page: Int? = nil, orderBy: String? = nil, descending: Bool = false,
        filters: [ListingFilter] = []
    ) throws -> ListingPage<SimRepository> {
        let request = ListingRequest(
            limit: limit, page: page, orderBy: orderBy, descending: descending, filters: filters)
        let resolved = try QueryEngine.resolve(request, fields: ListingFields.repositories)
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
            ListingRequest(limit: 5000, page: 1, descending: false, filters: []), fields: ListingFields.repositories)
        let page = QueryEngine.page(many, order: nil, clamped)
        #expect(page.items.count == 1000)
        #expect(page.pageCount == 3)
        let defaulted = try QueryEngine.resolve(
            ListingRequest(descending: false, filters: []), fields: ListingFields.repositories)
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
            try Self.run(orderBy: "Name").items.map(\.name)
                == ["alpha", "bravo", "charlie", "Delta", "echo-service", "foxtrot-service", "golf"])
        #expect(
            try Self.run(orderBy: "name", descending: true).items.map(\.name)
                == ["golf", "foxtrot-service", "echo-service", "Delta", "charlie", "bravo", "alpha"])
    }

    @Test func sortIsStableInBothDirections() throws {
        // Equal values keep their natural order, ascending and descending alike.
        #expect(
            try Self.run(orderBy: "IsActive").items.map(\.id)
                == ["id-2", "id-4", "id-6", "id-1", "id-3", "id-5", "id-7"])
        #expect(
            try Self.run(orderBy: "IsActive", descending: true).items.map(\.id)
                == ["id-1", "id-3", "id-5", "id-7", "id-2", "id-4", "id-6"])
    }

    @Test func unknownSortPropertyIsRefusedNamingIt() throws {
        let error = try #require(throws: ListingError.self) { try Self.run(orderBy: "Colour") }
        #expect(error.field == "orderby")
        #expect(error.message.contains("Colour"))
    }

    @Test(arguments: [
        (ListingFilter(property: "IsRemoved", comparison: .eq, value: .flag(true)), ["id-3", "id-6"]),
        (
            ListingFilter(property: "isremoved", comparison: .neq, value: .flag(true)),
            ["id-1", "id-2", "id-4", "id-5", "id-7"]
        ),
        (ListingFilter(property: "IsActive", comparison: .eq, value: .text("false")), ["id-2", "id-4", "id-6"]),
        (ListingFilter(property: "Name", comparison: .eq, value: .text("DELTA")), ["id-1"]),
        (
            ListingFilter(property: "Name", comparison: .neq, value: .text("delta")),
            ["id-2", "id-3", "id-4", "id-5", "id-6", "id-7"]
        ),
        (ListingFilter(property: "Name", comparison: .contains, value: .text("SERV")), ["id-5", "id-6"]),
        (ListingFilter(property: "Name", comparison: .startswith, value: .text("ch")), ["id-3"]),
        (ListingFilter(property: "Name", comparison: .endswith, value: .text("-service")), ["id-5", "id-6"]),
        (ListingFilter(property: "Name", comparison: .gt, value: .text("echo-service")), ["id-6", "id-7"]),
        (ListingFilter(property: "Name", comparison: .gte, value: .text("echo-service")), ["id-5", "id-6", "id-7"]),
        (ListingFilter(property: "Name", comparison: .lt, value: .text("bravo")), ["id-2"]),
        (ListingFilter(property: "Name", comparison: .lte, value: .text("bravo")), ["id-2", "id-4"]),
        (ListingFilter(property: "Id", comparison: .eq, value: .text("id-7")), ["id-7"]),
    ])
    func eachFilterOperator(filter: ListingFilter, ids: [String]) throws {
        let result = try Self.run(filters: [filter])
        #expect(result.items.map(\.id) == ids)
        #expect(result.totalEntries == ids.count)
    }

    @Test func filtersCombineAndPagingCountsOnlyMatches() throws {
        let result = try Self.run(
            limit: 1, page: 2,
            filters: [
                ListingFilter(property: "IsActive", comparison: .eq, value: .flag(true)),
                ListingFilter(property: "IsRemoved", comparison: .eq, value: .flag(false)),
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
                notRemoved: total)
        }
        func ids(_ comparison: ListingFilter.Comparison, _ value: FilterValue) throws -> [String] {
            let request = ListingRequest(
                descending: false, filters: [.init(property: "TotalRepositories", comparison: comparison, value: value)]
            )
            return QueryEngine.page(
                rows, order: nil, try QueryEngine.resolve(request, fields: ListingFields.organizations)
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
        (ListingFilter(property: "Colour", comparison: .eq, value: .text("red")), "filters[0].property"),
        (ListingFilter(property: "IsActive", comparison: .gt, value: .flag(true)), "filters[0].operator"),
        (ListingFilter(property: "IsActive", comparison: .eq, value: .integer(1)), "filters[0].value"),
        (ListingFilter(property: "Name", comparison: .eq, value: .integer(1)), "filters[0].value"),
        (ListingFilter(property: "Name", comparison: .contains, value: .null), "filters[0].value"),
    ])
    func nonsenseFiltersAreRefusedNamingTheField(filter: ListingFilter, field: String) throws {
        let error = try #require(throws: ListingError.self) { try Self.run(filters: [filter]) }
        #expect(error.field == field)
    }
}
