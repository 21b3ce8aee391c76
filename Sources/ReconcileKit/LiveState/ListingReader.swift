import ReconcileCore
import XoperoAPI

/// Reads one paged listing completely: page 1 says how many pages follow, and the others are fetched a
/// bounded window at a time (never one task per announced page: a server may announce any number). What
/// was served is checked by `ListingConsistency`; on a problem the whole listing is read once more, and
/// if it still disagrees the problem is returned with the items, for the caller to refuse.
struct ListingReader: Sendable {
    /// The most pages fetched at once for one listing.
    let window: Int
    let pageSize: Int

    struct Result<Item: Sendable>: Sendable {
        var items: [Item]
        /// Nil when the listing was read completely and consistently.
        var problem: String?
    }

    func read<Item: Sendable>(
        _ listing: String, ids: @escaping @Sendable (Item) -> String,
        page fetchPage:
            @escaping @Sendable (_ page: Int, _ limit: Int) async throws(XoperoClientError) -> ListPage<Item>
    ) async throws(XoperoClientError) -> Result<Item> {
        let first = try await readOnce(listing, ids: ids, page: fetchPage)
        guard first.problem != nil else { return first }
        return try await readOnce(listing, ids: ids, page: fetchPage)
    }

    private func readOnce<Item: Sendable>(
        _ listing: String, ids: @escaping @Sendable (Item) -> String,
        page fetchPage: @escaping @Sendable (Int, Int) async throws(XoperoClientError) -> ListPage<Item>
    ) async throws(XoperoClientError) -> Result<Item> {
        let limit = pageSize
        let first = try await fetchPage(1, limit)
        let firstServed = Self.served(first, ids: ids)
        if let problem = ListingConsistency.problemWithFirstPage(firstServed, listing: listing) {
            return Result(items: first.items, problem: problem)
        }
        var pages: [Int: ListPage<Item>] = [1: first]
        var served = [firstServed]
        var next = 2
        let last = first.pageCount
        while next <= last {
            let batch = Array(next...min(last, next + max(window, 1) - 1))
            next = (batch.last ?? last) + 1
            do {
                try await withThrowingTaskGroup(of: ListPage<Item>.self) { group in
                    for number in batch {
                        group.addTask { try await fetchPage(number, limit) }
                    }
                    for try await page in group {
                        pages[page.requestedPage] = page
                        served.append(Self.served(page, ids: ids))
                    }
                }
            } catch {
                throw LiveStateFetcher.typed(error)
            }
        }
        let items = pages.keys.sorted().flatMap { pages[$0]?.items ?? [] }
        return Result(items: items, problem: ListingConsistency.problem(with: served, listing: listing))
    }

    private static func served<Item>(_ page: ListPage<Item>, ids: (Item) -> String) -> ServedPage {
        ServedPage(
            requestedPage: page.requestedPage, requestedLimit: page.requestedLimit, currentPage: page.currentPage,
            pageCount: page.pageCount, totalEntries: page.totalEntries, ids: page.items.map(ids))
    }
}
