import XoperoContract

/// One page of a listing as the server answered it: its items and the envelope's numbers, all of which
/// the reader checks against each other before believing any of them.
public struct ListPage<Item: Sendable>: Sendable {
    /// The page that was asked for.
    public var requestedPage: Int
    /// The page size that was asked for.
    public var requestedLimit: Int
    public var currentPage: Int
    public var pageCount: Int
    public var totalEntries: Int
    public var items: [Item]

    public init(
        requestedPage: Int, requestedLimit: Int, currentPage: Int, pageCount: Int, totalEntries: Int, items: [Item]
    ) {
        self.requestedPage = requestedPage
        self.requestedLimit = requestedLimit
        self.currentPage = currentPage
        self.pageCount = pageCount
        self.totalEntries = totalEntries
        self.items = items
    }
}

/// The paged envelope `{currentPage, pageCount, totalEntries, result}` every listing answers with.
protocol PagedAnswer {
    associatedtype Item: Sendable
    var currentPage: Int { get }
    var pageCount: Int { get }
    var totalEntries: Int { get }
    var result: [Item] { get }
}

extension Components.Schemas.OrganizationPage: PagedAnswer {}
extension Components.Schemas.RepositoryPage: PagedAnswer {}
extension Components.Schemas.PlanAssignmentPage: PagedAnswer {}

extension ListPage {
    init<Answer: PagedAnswer>(_ answer: Answer, page: Int, limit: Int) where Answer.Item == Item {
        self.init(
            requestedPage: page, requestedLimit: limit, currentPage: answer.currentPage, pageCount: answer.pageCount,
            totalEntries: answer.totalEntries, items: answer.result)
    }
}

extension XoperoClient {
    /// One page of organizations with their plans, sorted by name so pages do not overlap.
    public func organizations(page: Int, limit: Int = maxPageSize) async throws(XoperoClientError)
        -> ListPage<Components.Schemas.Organization>
    {
        let query = Components.Schemas.OrganizationsQuery(limit: limit, page: page, orderby: .name, ordertype: .asc)
        let output = try await perform(.getOrganizations) { try await generated.getOrganizations(body: .json(query)) }
        return ListPage(try Self.decode(.getOrganizations) { try output.ok.body.json }, page: page, limit: limit)
    }

    /// One page of an organization's repositories (removed ones included), sorted by name.
    public func repositories(organizationID: String, page: Int, limit: Int = maxPageSize)
        async throws(XoperoClientError) -> ListPage<Components.Schemas.Repository>
    {
        let query = Components.Schemas.RepositoriesQuery(
            id: organizationID, limit: limit, page: page, orderby: .name, ordertype: .asc)
        let output = try await perform(.getRepositories) { try await generated.getRepositories(body: .json(query)) }
        return ListPage(try Self.decode(.getRepositories) { try output.ok.body.json }, page: page, limit: limit)
    }

    /// One page of the plans assigned to an organization, with their repository ids, sorted by name.
    public func planAssignments(organizationID: String, page: Int, limit: Int = maxPageSize)
        async throws(XoperoClientError) -> ListPage<Components.Schemas.PlanAssignment>
    {
        let query = Components.Schemas.PlansQuery(
            id: organizationID, limit: limit, page: page, orderby: .name, ordertype: .asc)
        let output = try await perform(.listPlansAssignedToOrganization) {
            try await generated.listPlansAssignedToOrganization(body: .json(query))
        }
        let answer = try Self.decode(.listPlansAssignedToOrganization) { try output.ok.body.json }
        return ListPage(answer, page: page, limit: limit)
    }
}
