/// One page of a paged listing as the server served it: what was asked, the envelope, and the ids.
public struct ServedPage: Sendable, Hashable {
    public var requestedPage: Int
    public var requestedLimit: Int
    public var currentPage: Int
    public var pageCount: Int
    public var totalEntries: Int
    public var ids: [String]

    public init(
        requestedPage: Int, requestedLimit: Int, currentPage: Int, pageCount: Int, totalEntries: Int, ids: [String]
    ) {
        self.requestedPage = requestedPage
        self.requestedLimit = requestedLimit
        self.currentPage = currentPage
        self.pageCount = pageCount
        self.totalEntries = totalEntries
        self.ids = ids
    }
}

/// Whether a paged listing was read completely and consistently, so that what it lists can be trusted
/// to be everything there is. The rules (docs/DECISIONS.md, "Reading the live state"):
///
/// 1. The envelope is the same on every page: one `totalEntries`, one `pageCount`; `currentPage` is the
///    page asked for.
/// 2. The pages agree with one page size `s`, the number of items page 1 served (a server may serve
///    fewer than asked, as long as it does so consistently): `pageCount = ceil(totalEntries / s)`, every
///    page but the last holds `s` items, and the last the rest.
/// 3. No id appears twice, and the unique ids number exactly `totalEntries`.
///
/// A server whose sort is unstable (one item listed twice, another never) breaks rule 3; one that serves
/// fewer items than its `pageCount` implies breaks rule 2.
public enum ListingConsistency {
    /// The largest page count a reader fetches: 10,000 pages of even one item each is more than any
    /// organization holds; a larger announced count is refused before any further page is asked for.
    public static let maximumPageCount = 10_000
    /// The largest `totalEntries` believed.
    public static let maximumTotalEntries = 10_000_000

    /// Checks page 1 alone, before the reader asks for more: whether its numbers are plausible enough
    /// to fetch the other pages. Nil when they are.
    public static func problemWithFirstPage(_ page: ServedPage, listing: String) -> String? {
        guard page.totalEntries >= 0, page.pageCount >= 0 else {
            return "\(listing): the server announced \(page.totalEntries) entries on \(page.pageCount) pages"
        }
        guard page.totalEntries <= maximumTotalEntries, page.pageCount <= maximumPageCount else {
            return "\(listing): the server announced \(page.totalEntries) entries on \(page.pageCount) pages, "
                + "more than this tool believes (at most \(maximumTotalEntries) entries on \(maximumPageCount) pages)"
        }
        if page.pageCount > 1 && page.ids.isEmpty {
            return "\(listing): the server announced \(page.pageCount) pages but served page 1 empty"
        }
        return nil
    }

    /// Nil when the pages (in any order) are complete and consistent; otherwise what is wrong, with the
    /// server's numbers, prefixed with `listing` (e.g. `repositories of "acme"`).
    public static func problem(with pages: [ServedPage], listing: String) -> String? {
        let pages = pages.sorted { $0.requestedPage < $1.requestedPage }
        guard let first = pages.first else { return "\(listing): no page was read" }
        if let problem = problemWithFirstPage(first, listing: listing) { return problem }
        for page in pages where page.totalEntries != first.totalEntries || page.pageCount != first.pageCount {
            return "\(listing): page \(page.requestedPage) announced \(page.totalEntries) entries on "
                + "\(page.pageCount) pages, page 1 \(first.totalEntries) on \(first.pageCount)"
        }
        for page in pages where page.currentPage != page.requestedPage {
            return "\(listing): asked for page \(page.requestedPage), the server answered page \(page.currentPage)"
        }
        let pageSize = first.ids.count
        let expectedPages =
            pageSize == 0 ? (first.totalEntries == 0 ? first.pageCount : -1) : ceilDiv(first.totalEntries, pageSize)
        let acceptsEmpty = first.totalEntries == 0 && first.pageCount <= 1
        guard acceptsEmpty || expectedPages == first.pageCount else {
            return "\(listing): the server announced \(first.pageCount) pages for \(first.totalEntries) entries but "
                + "served \(pageSize) on page 1 (that makes \(max(expectedPages, 0)) pages at the size it serves)"
        }
        guard pages.count == max(first.pageCount, 1) else {
            return "\(listing): read \(pages.count) of \(first.pageCount) pages"
        }
        for page in pages {
            let expected =
                page.requestedPage < first.pageCount
                ? pageSize : first.totalEntries - pageSize * max(first.pageCount - 1, 0)
            if page.ids.count != expected {
                return "\(listing): page \(page.requestedPage) of \(first.pageCount) held \(page.ids.count) entries, "
                    + "not \(expected) (\(first.totalEntries) entries at \(pageSize) a page)"
            }
        }
        var seen = Set<String>()
        var repeated: [String] = []
        for id in pages.flatMap(\.ids) where !seen.insert(id).inserted { repeated.append(id) }
        if !repeated.isEmpty || seen.count != first.totalEntries {
            let repeatedText = repeated.isEmpty ? "" : "; \(repeated.count) listed twice (the sort is not stable)"
            return "\(listing): \(seen.count) different entries listed, the server announced \(first.totalEntries)"
                + repeatedText
        }
        return nil
    }

    private static func ceilDiv(_ numerator: Int, _ denominator: Int) -> Int {
        (numerator + denominator - 1) / denominator
    }
}
