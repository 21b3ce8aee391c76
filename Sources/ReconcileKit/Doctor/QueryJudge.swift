import XoperoAPI

/// One organization's answer to `IsRemoved eq true`, next to what the full listing says.
public struct RemovedFilterSample: Sendable, Hashable {
    public var organization: String
    /// The removed repositories' ids, from the full listing.
    public var removedIDs: Set<String>
    /// How many repositories the full listing holds.
    public var repositories: Int
    /// What the filtered listing announced and served on page 1.
    public var totalEntries: Int
    public var servedIDs: [String]

    public init(
        organization: String, removedIDs: Set<String>, repositories: Int, totalEntries: Int, servedIDs: [String]
    ) {
        self.organization = organization
        self.removedIDs = removedIDs
        self.repositories = repositories
        self.totalEntries = totalEntries
        self.servedIDs = servedIDs
    }
}

/// Judges the sorting and filtering probes. Pure.
public enum QueryJudge {
    /// `orderby: Name` both ways on a listing read whole on one page: descending is ascending reversed
    /// (names compared ignoring case, so that ties may come in any order), and ascending is ordered by
    /// the first letter or digit (the server's collation is unknown beyond that; see DECISIONS).
    public static func sorting(listing: String, ascending: [String], descending: [String], total: Int) -> DoctorCheck {
        let up = ascending.map { $0.lowercased() }
        let down = descending.map { $0.lowercased() }
        guard Set(up).count >= 2 else {
            return DoctorCheck(.sorting, .notChecked, "no listing with two different names fits on one page")
        }
        guard up.count == total, down.count == total else {
            return DoctorCheck(
                .sorting, .contradicted,
                "\(listing): \(total) entries, but the sorted pages held \(up.count) (asc) and \(down.count) (desc)")
        }
        let keyed = up.indices.compactMap { index in firstKey(up[index]).map { (index, $0) } }
        if let pair = zip(keyed, keyed.dropFirst()).first(where: { $0.0.1 > $0.1.1 }) {
            return DoctorCheck(
                .sorting, .contradicted,
                "\(listing), Name asc: \(LiveStateFetcher.quoted(ascending[pair.0.0])) comes before \(LiveStateFetcher.quoted(ascending[pair.1.0]))"
            )
        }
        guard down == Array(up.reversed()) else {
            let index = zip(down, up.reversed()).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? 0
            return DoctorCheck(
                .sorting, .contradicted,
                "\(listing): Name desc is not Name asc reversed (entry \(index + 1) is \(LiveStateFetcher.quoted(descending[index])), "
                    + "reversed asc has \(LiveStateFetcher.quoted(ascending[ascending.count - 1 - index])))")
        }
        return DoctorCheck(
            .sorting, .confirmed,
            "\(listing): Name asc from \(LiveStateFetcher.quoted(ascending[0])) to \(LiveStateFetcher.quoted(ascending[ascending.count - 1])), "
                + "Name desc the same \(total) entries reversed")
    }

    /// The first letter or digit, for the order every collation agrees on (`0`-`9` before `a`-`z`);
    /// a name that starts otherwise is not compared.
    static func firstKey(_ lowercased: String) -> UInt32? {
        guard let first = lowercased.unicodeScalars.first,
            ("0"..."9").contains(first) || ("a"..."z").contains(first)
        else { return nil }
        return first.value
    }

    /// `IsRemoved eq true` answers exactly the removed repositories of each organization.
    public static func removedFilter(_ samples: [RemovedFilterSample]) -> DoctorCheck {
        guard !samples.isEmpty else {
            return DoctorCheck(.removedFilter, .notChecked, "no organization in scope could be read")
        }
        for sample in samples {
            let served = Set(sample.servedIDs)
            let wrong = served.subtracting(sample.removedIDs).count
            guard sample.totalEntries == sample.removedIDs.count, wrong == 0 else {
                return DoctorCheck(
                    .removedFilter, .contradicted,
                    "organization \(LiveStateFetcher.quoted(sample.organization)): IsRemoved eq true answered \(sample.totalEntries) "
                        + "entries (\(wrong) of those served not removed); its listing holds \(sample.removedIDs.count) "
                        + "removed of \(sample.repositories)")
            }
        }
        let removed = samples.reduce(0) { $0 + $1.removedIDs.count }
        let weak =
            removed == 0
            ? "; no organization has a removed repository, so only what the filter leaves out was seen" : ""
        return DoctorCheck(
            .removedFilter, .confirmed,
            "\(samples.count) organization(s): each answered exactly its removed repositories, \(removed) in all\(weak)"
        )
    }

}
