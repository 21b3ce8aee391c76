import ReconcileCore

/// Page 1 of a listing asked for with the largest page size.
public struct PageSizeSample: Sendable, Hashable {
    /// E.g. `repositories of "acme"`.
    public var listing: String
    public var asked: Int
    public var served: Int
    public var totalEntries: Int
    public var pageCount: Int

    public init(listing: String, asked: Int, served: Int, totalEntries: Int, pageCount: Int) {
        self.listing = listing
        self.asked = asked
        self.served = served
        self.totalEntries = totalEntries
        self.pageCount = pageCount
    }
}

/// Judges the paging probes: the page size served, the envelope's arithmetic on page 2, and the
/// binding of `Page`. Pure.
public enum PagingJudge {
    /// Whether a page of `asked` items is served whole: a listing that holds more than was served on
    /// page 1 contradicts it, with the numbers.
    public static func pageSize(_ samples: [PageSizeSample]) -> DoctorCheck {
        guard let largest = samples.max(by: { $0.totalEntries < $1.totalEntries }) else {
            return DoctorCheck(.pageSize, .notChecked, "no listing was read")
        }
        for sample in samples where sample.served < min(sample.asked, sample.totalEntries) {
            return DoctorCheck(
                .pageSize, .contradicted,
                "serves \(sample.served) of \(sample.asked) asked (\(sample.listing): \(sample.totalEntries) "
                    + "entries on \(sample.pageCount) pages); the tool follows the size served, at more calls")
        }
        for sample in samples where sample.served > sample.asked {
            return DoctorCheck(
                .pageSize, .contradicted,
                "served \(sample.served), more than the \(sample.asked) asked (\(sample.listing))")
        }
        let partial =
            largest.totalEntries < largest.asked
            ? "; no listing here holds \(largest.asked) entries, so a full page of \(largest.asked) was not seen" : ""
        return DoctorCheck(
            .pageSize, .confirmed,
            "asked for \(largest.asked) a page: \(largest.listing) served \(largest.served) of its "
                + "\(largest.totalEntries) entries on page 1\(partial)")
    }

    /// The envelope on pages 1 and 2 of `listing` read at `limit` a page: `currentPage` as asked, one
    /// `totalEntries` (the number of entries the full reading found, `knownTotal`), `pageCount =
    /// ceil(totalEntries / limit)`, each page as full as that makes it, no entry on both.
    public static func secondPage(
        listing: String, limit: Int, first: ServedPage, second: ServedPage, knownTotal: Int?
    ) -> DoctorCheck {
        let total = first.totalEntries
        var problems: [String] = []
        if first.currentPage != 1 { problems.append("asked for page 1, answered page \(first.currentPage)") }
        if second.currentPage != 2 { problems.append("asked for page 2, answered page \(second.currentPage)") }
        if second.totalEntries != total || second.pageCount != first.pageCount {
            problems.append(
                "page 1 announced \(total) entries on \(first.pageCount) pages, page 2 \(second.totalEntries) on "
                    + "\(second.pageCount)")
        }
        if let knownTotal, knownTotal != total {
            problems.append("announced \(total) entries, the full reading found \(knownTotal)")
        }
        let expectedPages = limit > 0 ? (max(total, 0) + limit - 1) / limit : 0
        if first.pageCount != expectedPages {
            problems.append("pageCount is \(first.pageCount), ceil(\(total) / \(limit)) is \(expectedPages)")
        }
        let expectedFirst = min(limit, max(total, 0))
        let expectedSecond = min(limit, max(total - limit, 0))
        if first.ids.count != expectedFirst || second.ids.count != expectedSecond {
            problems.append(
                "pages 1 and 2 held \(first.ids.count) and \(second.ids.count) entries, not \(expectedFirst) and "
                    + "\(expectedSecond)")
        }
        let repeated = Set(first.ids).intersection(second.ids).count
        if repeated > 0 { problems.append("\(repeated) entries on both pages") }
        let what = "\(listing) at \(limit) a page"
        guard problems.isEmpty else {
            return DoctorCheck(.secondPage, .contradicted, "\(what): " + problems.joined(separator: "; "))
        }
        return DoctorCheck(
            .secondPage, .confirmed,
            "\(what): page 2 of \(first.pageCount) held \(second.ids.count) entries, none from page 1; "
                + "\(total) entries in all, pageCount = ceil(\(total) / \(limit))")
    }

    /// `Page` (as the vendor's own sample sends it) asks for the same page as `page`.
    public static func pageBinding(listing: String, lowercase: ServedPage, capitalized: ServedPage) -> DoctorCheck {
        guard capitalized.currentPage == lowercase.currentPage, capitalized.ids == lowercase.ids else {
            let same = capitalized.ids == lowercase.ids ? "the same" : "other"
            return DoctorCheck(
                .pageBinding, .contradicted,
                "\(listing): asked with \"Page\": \(lowercase.requestedPage), the server answered page "
                    + "\(capitalized.currentPage) with \(same) entries (with \"page\": page \(lowercase.currentPage))")
        }
        return DoctorCheck(
            .pageBinding, .confirmed,
            "\(listing): \"Page\": \(lowercase.requestedPage) and \"page\": \(lowercase.requestedPage) answered the "
                + "same page, \(lowercase.ids.count) entries")
    }
}
