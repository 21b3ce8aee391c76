import Testing

@testable import ReconcileCore

@Suite("Listing consistency: a paged listing is believed only when it is complete and consistent")
struct ListingConsistencyTests {
    /// The pages a server serving `served` items a page (whatever was asked) gives for `ids`, announcing
    /// `pageCount` (by default the count at the size it serves).
    static func pages(_ ids: [String], served: Int, asked: Int = 1000, announcedPages: Int? = nil) -> [ServedPage] {
        let pageCount = announcedPages ?? (ids.isEmpty ? 0 : (ids.count + served - 1) / served)
        let available = max((ids.count + served - 1) / served, 1)
        return (1...min(max(pageCount, 1), available)).map { number in
            ServedPage(
                requestedPage: number, requestedLimit: asked, currentPage: number, pageCount: pageCount,
                totalEntries: ids.count, ids: Array(ids.dropFirst((number - 1) * served).prefix(served)))
        }
    }

    static let ids = (1...25).map { "id-\($0)" }

    @Test("a server serving what was asked, or consistently fewer, is read as it is", arguments: [1000, 10, 7, 1])
    func consistentServers(served: Int) {
        #expect(ListingConsistency.problem(with: Self.pages(Self.ids, served: served), listing: "x") == nil)
    }

    @Test("an empty listing, announced on zero or one page, is consistent", arguments: [0, 1])
    func emptyListing(pageCount: Int) {
        let page = ServedPage(
            requestedPage: 1, requestedLimit: 1000, currentPage: 1, pageCount: pageCount, totalEntries: 0, ids: [])
        #expect(ListingConsistency.problem(with: [page], listing: "x") == nil)
    }

    @Test("a server serving fewer items than its pageCount implies is refused, with its numbers")
    func fewerThanPageCountImplies() throws {
        // 25 entries, 10 served a page, but pageCount computed from the 1000 asked: 1 page.
        let pages = Self.pages(Self.ids, served: 10, announcedPages: 1)
        let problem = try #require(ListingConsistency.problem(with: pages, listing: "the repositories of \"acme\""))
        #expect(problem.hasPrefix("the repositories of \"acme\": "))
        #expect(problem.contains("announced 1 pages for 25 entries but served 10 on page 1"))
        #expect(problem.contains("3 pages"))
    }

    @Test("an unstable sort (one entry twice, one never) is refused")
    func unstableSort() throws {
        var pages = Self.pages(Self.ids, served: 10)
        pages[1].ids[0] = pages[0].ids[9]
        let problem = try #require(ListingConsistency.problem(with: pages, listing: "x"))
        #expect(problem.contains("24 different entries listed, the server announced 25"))
        #expect(problem.contains("1 listed twice"))
    }

    @Test("pages that disagree about the totals, or answer another page than asked, are refused")
    func envelopeDisagreement() throws {
        var changing = Self.pages(Self.ids, served: 10)
        changing[2].totalEntries = 26
        #expect(try #require(ListingConsistency.problem(with: changing, listing: "x")).contains("page 3 announced 26"))
        var wrongPage = Self.pages(Self.ids, served: 10)
        wrongPage[1].currentPage = 1
        #expect(
            try #require(ListingConsistency.problem(with: wrongPage, listing: "x")).contains(
                "asked for page 2, the server answered page 1"))
    }

    @Test("a page shorter than the size the first page served is refused")
    func shortMiddlePage() throws {
        var pages = Self.pages(Self.ids, served: 10)
        pages[1].ids.removeLast()
        let problem = try #require(ListingConsistency.problem(with: pages, listing: "x"))
        #expect(problem.contains("page 2 of 3 held 9 entries, not 10"))
    }

    @Test("a missing page is refused")
    func missingPage() throws {
        let pages = Array(Self.pages(Self.ids, served: 10).prefix(2))
        #expect(try #require(ListingConsistency.problem(with: pages, listing: "x")).contains("read 2 of 3 pages"))
    }

    @Test(
        "absurd announcements are refused from page 1, before more is asked for",
        arguments: [
            (100_000_000, 100_000_000), (Int.max, Int.max), (-1, 5), (5, -3), (20_000, 20_000),
        ])
    func absurdFirstPage(pageCount: Int, totalEntries: Int) throws {
        let page = ServedPage(
            requestedPage: 1, requestedLimit: 1000, currentPage: 1, pageCount: pageCount, totalEntries: totalEntries,
            ids: ["a"])
        let problem = try #require(ListingConsistency.problemWithFirstPage(page, listing: "the organizations listing"))
        #expect(problem.contains("announced \(totalEntries) entries on \(pageCount) pages"))
    }

    @Test("a first page that is empty while more pages are announced is refused")
    func emptyFirstPage() {
        let page = ServedPage(
            requestedPage: 1, requestedLimit: 1000, currentPage: 1, pageCount: 3, totalEntries: 25, ids: [])
        #expect(ListingConsistency.problemWithFirstPage(page, listing: "x") != nil)
    }
}
