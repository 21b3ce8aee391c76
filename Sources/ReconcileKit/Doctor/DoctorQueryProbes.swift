import ReconcileCore
import XoperoAPI

/// The probes of the listings' queries, against the live state as read: the envelope on a second page,
/// `Page`, sorting both ways and the `IsRemoved` filter. Each probe is a few read calls; a call that
/// fails contradicts its check with the error.
struct DoctorQueryProbes: Sendable {
    let probe: DoctorProbe
    /// Page 1 of each listing the field probes read at the largest page size.
    let samples: [PageSizeSample]
    /// How many organizations the full reading found (all of them, not only those in scope).
    let organizationCount: Int
    /// The organizations in scope, as the fetcher read them.
    let live: LiveState

    /// The most organizations whose `IsRemoved` filter is probed.
    static let maximumFilterProbes = 20
    /// The largest page size the second-page probe uses.
    static let secondPageLimit = 50

    func checks() async -> [DoctorCheck] {
        let largest = live.organizations.max { $0.repositories.count < $1.repositories.count }
        return await paging(largest: largest) + [await sorting(), await removedFilter()]
    }

    /// Pages 1 and 2 of the larger of the organizations listing and the largest repositories listing,
    /// at about half its size a page (at most `secondPageLimit`), and page 2 again asked with `Page`.
    private func paging(largest: LiveOrganization?) async -> [DoctorCheck] {
        var candidates = [(DoctorQuery.Listing.organizations, organizationCount)]
        if let largest {
            candidates.append((.repositories(id: largest.id, name: largest.name), largest.repositories.count))
        }
        guard let (listing, total) = candidates.max(by: { $0.1 < $1.1 }), total >= 2 else {
            let reason = "no listing holds two entries"
            return [DoctorCheck(.secondPage, .notChecked, reason), DoctorCheck(.pageBinding, .notChecked, reason)]
        }
        let limit = max(1, min(total / 2, Self.secondPageLimit))
        let first = DoctorQuery(listing: listing, limit: limit, page: 1)
        let second = DoctorQuery(listing: listing, limit: limit, page: 2)
        var capitalized = second
        capitalized.pageKey = "Page"
        var checks: [DoctorCheck] = []
        var secondServed: ServedPage?
        checks.append(
            await attempt(.secondPage) {
                let (firstPage, secondPage) = (try await probe.page(first), try await probe.page(second))
                let served = (try probe.served(firstPage, first), try probe.served(secondPage, second))
                secondServed = served.1
                return PagingJudge.secondPage(
                    listing: first.label, limit: limit, first: served.0, second: served.1, knownTotal: total)
            })
        guard let secondServed else {
            return checks + [DoctorCheck(.pageBinding, .notChecked, "page 2 could not be read with \"page\"")]
        }
        checks.append(
            await attempt(.pageBinding) {
                let served = try probe.served(try await probe.page(capitalized), capitalized)
                return PagingJudge.pageBinding(listing: first.label, lowercase: secondServed, capitalized: served)
            })
        return checks
    }

    /// `Name` asc and desc on the largest listing in scope that fits on one page as the server serves it.
    private func sorting() async -> DoctorCheck {
        let onePage =
            samples.filter { $0.served < min($0.asked, $0.totalEntries) }.map(\.served).min()
            ?? XoperoClient.maxPageSize
        let organizations = live.organizations.filter { (2...max(2, onePage)).contains($0.repositories.count) }
        let listing: (DoctorQuery.Listing, Int)
        if let organization = organizations.max(by: { $0.repositories.count < $1.repositories.count }) {
            listing = (.repositories(id: organization.id, name: organization.name), organization.repositories.count)
        } else if (2...max(2, onePage)).contains(organizationCount) {
            listing = (.organizations, organizationCount)
        } else {
            return DoctorCheck(.sorting, .notChecked, "no listing with two entries fits on one page")
        }
        let ascending = DoctorQuery(listing: listing.0)
        var descending = ascending
        descending.descending = true
        return await attempt(.sorting) {
            let (up, down) = try await (probe.page(ascending), probe.page(descending))
            return QueryJudge.sorting(
                listing: ascending.label, ascending: up.names, descending: down.names, total: listing.1)
        }
    }

    /// `IsRemoved eq true` on the readable organizations in scope, those with the most removed first.
    private func removedFilter() async -> DoctorCheck {
        let readable = live.organizations.filter(\.readProblems.isEmpty).map { organization in
            (organization, Set(organization.repositories.filter(\.isRemoved).map(\.id)))
        }
        let chosen = readable.sorted { $0.1.count > $1.1.count }.prefix(Self.maximumFilterProbes)
        return await attempt(.removedFilter) {
            var samples: [RemovedFilterSample] = []
            for (organization, removed) in chosen {
                var query = DoctorQuery(listing: .repositories(id: organization.id, name: organization.name))
                query.onlyRemoved = true
                let page = try await probe.page(query)
                samples.append(
                    RemovedFilterSample(
                        organization: organization.name, removedIDs: removed,
                        repositories: organization.repositories.count, totalEntries: page.totalEntries ?? -1,
                        servedIDs: page.ids))
            }
            return QueryJudge.removedFilter(samples)
        }
    }

    /// The check `body` makes, or `topic` contradicted with the error that stopped it.
    private func attempt(_ topic: DoctorTopic, _ body: () async throws -> DoctorCheck) async -> DoctorCheck {
        do {
            return try await body()
        } catch let error as XoperoClientError {
            return DoctorCheck(topic, .contradicted, error.description)
        } catch let problem as DoctorProblem {
            return DoctorCheck(topic, .contradicted, problem.message)
        } catch {
            return DoctorCheck(topic, .contradicted, "the probe failed")
        }
    }
}
