import XoperoContract

/// One page of a listing: its items, and how many pages the listing has (all a reader needs to fetch
/// the other pages at once).
public struct ListPage<Item: Sendable>: Sendable {
    /// How many pages the listing has at this page size (`ceil(totalEntries / limit)`).
    public var pageCount: Int
    public var items: [Item]

    public init(pageCount: Int, items: [Item]) {
        self.pageCount = pageCount
        self.items = items
    }
}

extension XoperoClient {
    /// One page of organizations with their plans, sorted by name so pages do not overlap.
    public func organizations(page: Int, limit: Int = maxPageSize) async throws(XoperoClientError)
        -> ListPage<Components.Schemas.Organization>
    {
        let call = XoperoCall.getOrganizations
        let output = try await Self.perform(call, server: server) {
            try await generated.getOrganizations(
                body: .json(.init(limit: limit, page: page, orderby: .name, ordertype: .asc)))
        }
        switch output {
        case .ok(let ok):
            let body = try Self.decode(call) { try ok.body.json }
            return ListPage(pageCount: body.pageCount, items: body.result)
        case .badRequest(let answer): throw Self.failure(call, status: 400, problem: try? answer.body.json)
        case .unauthorized: throw Self.failure(call, status: 401)
        case .tooManyRequests: throw Self.failure(call, status: 429)
        case .internalServerError: throw Self.failure(call, status: 500)
        case .serviceUnavailable: throw Self.failure(call, status: 503)
        case .undocumented(let status, _): throw Self.failure(call, status: status)
        }
    }

    /// One page of an organization's repositories (removed ones included), sorted by name.
    public func repositories(organizationID: String, page: Int, limit: Int = maxPageSize)
        async throws(XoperoClientError) -> ListPage<Components.Schemas.Repository>
    {
        let call = XoperoCall.getRepositories
        let output = try await Self.perform(call, server: server) {
            try await generated.getRepositories(
                body: .json(.init(id: organizationID, limit: limit, page: page, orderby: .name, ordertype: .asc)))
        }
        switch output {
        case .ok(let ok):
            let body = try Self.decode(call) { try ok.body.json }
            return ListPage(pageCount: body.pageCount, items: body.result)
        case .badRequest(let answer): throw Self.failure(call, status: 400, problem: try? answer.body.json)
        case .unauthorized: throw Self.failure(call, status: 401)
        case .notFound(let answer): throw Self.failure(call, status: 404, problem: try? answer.body.json)
        case .tooManyRequests: throw Self.failure(call, status: 429)
        case .internalServerError: throw Self.failure(call, status: 500)
        case .serviceUnavailable: throw Self.failure(call, status: 503)
        case .undocumented(let status, _): throw Self.failure(call, status: status)
        }
    }

    /// One page of the plans assigned to an organization, with their repository ids, sorted by name.
    public func planAssignments(organizationID: String, page: Int, limit: Int = maxPageSize)
        async throws(XoperoClientError) -> ListPage<Components.Schemas.PlanAssignment>
    {
        let call = XoperoCall.listPlansAssignedToOrganization
        let output = try await Self.perform(call, server: server) {
            try await generated.listPlansAssignedToOrganization(
                body: .json(.init(id: organizationID, limit: limit, page: page, orderby: .name, ordertype: .asc)))
        }
        switch output {
        case .ok(let ok):
            let body = try Self.decode(call) { try ok.body.json }
            return ListPage(pageCount: body.pageCount, items: body.result)
        case .badRequest(let answer): throw Self.failure(call, status: 400, problem: try? answer.body.json)
        case .unauthorized: throw Self.failure(call, status: 401)
        case .notFound(let answer): throw Self.failure(call, status: 404, problem: try? answer.body.json)
        case .tooManyRequests: throw Self.failure(call, status: 429)
        case .internalServerError: throw Self.failure(call, status: 500)
        case .serviceUnavailable: throw Self.failure(call, status: 503)
        case .undocumented(let status, _): throw Self.failure(call, status: status)
        }
    }
}
