import Foundation
import ReconcileCore
import XoperoAPI
import XoperoContract

/// One listing request of the doctor, written the way the vendor's samples write them, with the
/// variations it probes: the spelling of `page`, the sort direction, a filter.
struct DoctorQuery: Sendable {
    enum Listing: Sendable, Hashable {
        case organizations
        case repositories(id: String, name: String)
        case planAssignments(id: String, name: String)
    }

    var listing: Listing
    var limit: Int = XoperoClient.maxPageSize
    var page = 1
    /// `page`, or `Page` as the vendor's own sample sends it.
    var pageKey = "page"
    var descending = false
    var onlyRemoved = false

    var call: XoperoCall {
        switch listing {
        case .organizations: .getOrganizations
        case .repositories: .getRepositories
        case .planAssignments: .listPlansAssignedToOrganization
        }
    }

    /// `the organizations listing`, `repositories of "acme"`, `plans of "acme"`.
    var label: String {
        switch listing {
        case .organizations: "the organizations listing"
        case .repositories(_, let name): "repositories of \(LiveStateFetcher.quoted(name))"
        case .planAssignments(_, let name): "plans of \(LiveStateFetcher.quoted(name))"
        }
    }

    var body: Data {
        var fields: [String: Any] = [
            "limit": limit, pageKey: page, "orderby": "Name", "ordertype": descending ? "desc" : "asc",
        ]
        switch listing {
        case .organizations: break
        case .repositories(let id, _), .planAssignments(let id, _): fields["id"] = id
        }
        if onlyRemoved { fields["filters"] = [["property": "IsRemoved", "operator": "eq", "value": true]] }
        return (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
    }
}

/// The doctor's read calls, untyped, through the client's middleware chain.
struct DoctorProbe: Sendable {
    let client: XoperoClient

    /// One page as the server sent it.
    func page(_ query: DoctorQuery) async throws(XoperoClientError) -> RawPage {
        let data = try await client.readRaw(query.call, body: query.body)
        guard let answer = JSONValue.parse(data) else {
            throw .malformedAnswer(query.call, detail: "the body is not JSON")
        }
        return RawPage(answer)
    }

    /// Page 1 at the largest page size, as a page-size sample.
    func sample(_ query: DoctorQuery, _ page: RawPage) -> PageSizeSample {
        PageSizeSample(
            listing: query.label, asked: query.limit, served: page.items.count, totalEntries: page.totalEntries ?? 0,
            pageCount: page.pageCount ?? 0)
    }

    /// The envelope's numbers as `ListingConsistency` reads them, or an error naming the listing.
    func served(_ page: RawPage, _ query: DoctorQuery) throws(DoctorProblem) -> ServedPage {
        guard let served = page.served(page: query.page, limit: query.limit) else {
            throw DoctorProblem("\(query.label): the answer has no integer currentPage, pageCount and totalEntries")
        }
        return served
    }
}

/// A probe's finding that contradicts the contract before any judge could look.
struct DoctorProblem: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
