import ReconcileCore
import ReconcileKit
import Testing

/// The paging, sorting and filtering verdicts, without a network.
@Suite struct DoctorPagingJudgeTests {
    static func page(_ number: Int, limit: Int, total: Int, pageCount: Int? = nil, ids: [String], current: Int? = nil)
        -> ServedPage
    {
        ServedPage(
            requestedPage: number, requestedLimit: limit, currentPage: current ?? number,
            pageCount: pageCount ?? (total + limit - 1) / limit, totalEntries: total, ids: ids)
    }

    @Test("a server that serves fewer than asked is contradicted with the numbers")
    func cappedPageSize() {
        let check = PagingJudge.pageSize([
            PageSizeSample(listing: "the organizations listing", asked: 1000, served: 3, totalEntries: 3, pageCount: 1),
            PageSizeSample(
                listing: #"repositories of "big""#, asked: 1000, served: 100, totalEntries: 250, pageCount: 3),
        ])
        #expect(check.verdict == .contradicted)
        #expect(check.detail.hasPrefix(#"serves 100 of 1000 asked (repositories of "big": 250 entries on 3 pages)"#))
    }

    @Test("a page served whole is confirmed, saying when no listing could fill a page")
    func wholePages() {
        let small = PagingJudge.pageSize([
            PageSizeSample(listing: "the organizations listing", asked: 1000, served: 2, totalEntries: 2, pageCount: 1),
            PageSizeSample(
                listing: #"repositories of "acme""#, asked: 1000, served: 26, totalEntries: 26, pageCount: 1),
        ])
        #expect(small.verdict == .confirmed)
        #expect(small.detail.contains(#"repositories of "acme" served 26 of its 26 entries"#))
        #expect(small.detail.contains("a full page of 1000 was not seen"))
        let full = PagingJudge.pageSize([
            PageSizeSample(listing: "r", asked: 1000, served: 1000, totalEntries: 2500, pageCount: 3)
        ])
        #expect(full.verdict == .confirmed)
        #expect(!full.detail.contains("not seen"))
        #expect(PagingJudge.pageSize([]).verdict == .notChecked)
        let over = PagingJudge.pageSize([
            PageSizeSample(listing: "r", asked: 10, served: 11, totalEntries: 20, pageCount: 2)
        ])
        #expect(over.verdict == .contradicted)
    }

    @Test("page 2 with the envelope's arithmetic right is confirmed")
    func secondPageConfirmed() {
        let check = PagingJudge.secondPage(
            listing: "r", limit: 2, first: Self.page(1, limit: 2, total: 5, ids: ["a", "b"]),
            second: Self.page(2, limit: 2, total: 5, ids: ["c", "d"]), knownTotal: 5)
        #expect(check.verdict == .confirmed, "\(check.detail)")
        #expect(check.detail.contains("page 2 of 3 held 2 entries"))
    }

    @Test(
        "page 2 that breaks the envelope's arithmetic is contradicted with the numbers",
        arguments: [
            (
                Self.page(2, limit: 2, total: 5, ids: ["b", "c"]),
                5, "1 entries on both pages"
            ),
            (Self.page(2, limit: 2, total: 5, ids: ["a", "b"], current: 1), 5, "asked for page 2, answered page 1"),
            (
                Self.page(2, limit: 2, total: 6, ids: ["c", "d"]), 5,
                "page 1 announced 5 entries on 3 pages, page 2 6 on 3"
            ),
            (Self.page(2, limit: 2, total: 5, ids: ["c"]), 5, "pages 1 and 2 held 2 and 1 entries, not 2 and 2"),
            (Self.page(2, limit: 2, total: 5, ids: ["c", "d"]), 7, "announced 5 entries, the full reading found 7"),
        ])
    func secondPageContradicted(second: ServedPage, known: Int, problem: String) {
        let check = PagingJudge.secondPage(
            listing: "r", limit: 2, first: Self.page(1, limit: 2, total: 5, ids: ["a", "b"]), second: second,
            knownTotal: known)
        #expect(check.verdict == .contradicted)
        #expect(check.detail.contains(problem), "\(check.detail)")
    }

    @Test("a pageCount that is not ceil(totalEntries / limit) is contradicted")
    func wrongPageCount() {
        let check = PagingJudge.secondPage(
            listing: "r", limit: 2, first: Self.page(1, limit: 2, total: 5, pageCount: 5, ids: ["a", "b"]),
            second: Self.page(2, limit: 2, total: 5, pageCount: 5, ids: ["c", "d"]), knownTotal: nil)
        #expect(check.detail.contains("pageCount is 5, ceil(5 / 2) is 3"))
    }

    @Test("Page binds like page, or is contradicted with what was answered")
    func pageBinding() {
        let lower = Self.page(2, limit: 2, total: 5, ids: ["c", "d"])
        #expect(PagingJudge.pageBinding(listing: "r", lowercase: lower, capitalized: lower).verdict == .confirmed)
        let ignored = Self.page(2, limit: 2, total: 5, ids: ["a", "b"], current: 1)
        let check = PagingJudge.pageBinding(listing: "r", lowercase: lower, capitalized: ignored)
        #expect(check.verdict == .contradicted)
        #expect(
            check.detail
                == #"r: asked with "Page": 2, the server answered page 1 with other entries (with "page": page 2)"#)
    }

    @Test("sorting: descending is ascending reversed, ties in case in any order, punctuation not judged")
    func sortingConfirmed() {
        let check = QueryJudge.sorting(
            listing: "r", ascending: ["a-c", "Ab", "ab", "b", "_x", "c"],
            descending: ["c", "_x", "b", "AB", "ab", "a-c"],
            total: 6)
        #expect(check.verdict == .confirmed, "\(check.detail)")
    }

    @Test(
        "sorting ignored or one-way is contradicted",
        arguments: [
            (["b", "a", "c"], ["b", "a", "c"], "Name asc: \"b\" comes before \"a\""),
            (["a", "b", "c"], ["a", "b", "c"], "Name desc is not Name asc reversed (entry 1 is \"a\""),
            (["a", "b", "c"], ["c", "b"], "3 entries, but the sorted pages held 3 (asc) and 2 (desc)"),
        ])
    func sortingContradicted(ascending: [String], descending: [String], problem: String) {
        let check = QueryJudge.sorting(listing: "r", ascending: ascending, descending: descending, total: 3)
        #expect(check.verdict == .contradicted)
        #expect(check.detail.contains(problem), "\(check.detail)")
    }

    @Test func sortingNeedsTwoNames() {
        #expect(QueryJudge.sorting(listing: "r", ascending: ["a"], descending: ["a"], total: 1).verdict == .notChecked)
    }

    @Test("IsRemoved eq true must answer exactly the removed repositories")
    func removedFilter() {
        let exact = RemovedFilterSample(
            organization: "acme", removedIDs: ["r1", "r2"], repositories: 5, totalEntries: 2, servedIDs: ["r1", "r2"])
        #expect(QueryJudge.removedFilter([exact]).verdict == .confirmed)
        let ignored = RemovedFilterSample(
            organization: "acme", removedIDs: ["r1"], repositories: 3, totalEntries: 3, servedIDs: ["r1", "r2", "r3"])
        let check = QueryJudge.removedFilter([exact, ignored])
        #expect(check.verdict == .contradicted)
        #expect(
            check.detail
                == #"organization "acme": IsRemoved eq true answered 3 entries (2 of those served not removed); its listing holds 1 removed of 3"#
        )
        let none = RemovedFilterSample(
            organization: "a", removedIDs: [], repositories: 3, totalEntries: 0, servedIDs: [])
        #expect(QueryJudge.removedFilter([none]).detail.contains("only what the filter leaves out was seen"))
        #expect(QueryJudge.removedFilter([]).verdict == .notChecked)
    }
}
