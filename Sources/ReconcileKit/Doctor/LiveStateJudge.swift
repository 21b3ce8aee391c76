import PrintableText
import ReconcileCore
import XoperoAPI
import XoperoContract

/// An organization's counters as organizations/getmany reported them, with its live state as read.
public struct CountedOrganization: Sendable, Hashable {
    public var reported: OrganizationCounters
    public var live: LiveOrganization

    public init(reported: OrganizationCounters, live: LiveOrganization) {
        self.reported = reported
        self.live = live
    }
}

/// Judges the live state as the fetcher read it, with the rules the planner uses (`ListingConsistency`
/// through `readProblems`, `LiveStateIntegrity`, `OrganizationCounters`). Pure.
public enum LiveStateJudge {
    /// The most organizations or plans a detail names.
    static let maximumNamed = 5

    /// Every listing read completely and consistently (`readProblems`, found by `ListingConsistency`
    /// and `PlanListingJoin` on a second reading too).
    public static func listings(_ live: LiveState) -> DoctorCheck {
        let problems = live.organizations.flatMap(\.readProblems)
        guard problems.isEmpty else {
            return DoctorCheck(
                .listings, .contradicted, bounded(problems.map { ServerText.bounded($0, limit: 500) }, noun: "problem"))
        }
        return DoctorCheck(
            .listings, .confirmed,
            "the organizations listing and, for \(live.organizations.count) organization(s), the repositories and "
                + "plans listings were read completely and consistently")
    }

    /// Each plan's `repoCount` against its `repositoryIds` (`LiveStateIntegrity`), naming each plan whose
    /// membership cannot be read with both numbers.
    public static func planMembership(_ live: LiveState) -> DoctorCheck {
        let unreadable = LiveStateIntegrity.assess(live).unreadablePlans.sorted { $0.key < $1.key }.flatMap {
            organization, plans in
            plans.map {
                "plan \(LiveStateFetcher.quoted($0.name)) of \(LiveStateFetcher.quoted(organization)): \($0.numbers)"
            }
        }
        let plans = live.organizations.flatMap(\.plans)
        guard unreadable.isEmpty else {
            return DoctorCheck(
                .planMembership, .contradicted,
                bounded(unreadable, noun: "plan")
                    + "; such a plan likely selects repositories another way (exclude or rules), which the API does "
                    + "not show: the tool never attaches to or detaches from it")
        }
        guard !plans.isEmpty else { return DoctorCheck(.planMembership, .notChecked, "no plan in scope") }
        let all = plans.filter(\.includeAllRepositories).count
        let allText = all > 0 ? " (\(all) with includeAllRepositories, not compared)" : ""
        return DoctorCheck(
            .planMembership, .confirmed,
            "\(plans.count) plan(s): every repoCount matches its repositoryIds\(allText)")
    }

    /// The organization counters against what was listed, per `OrganizationCounters`' assumed
    /// definitions. An organization that cannot be read, or has a plan whose membership cannot be read,
    /// is not compared: what its plans protect is unknown.
    public static func counters(_ organizations: [CountedOrganization]) -> DoctorCheck {
        let assessment = LiveStateIntegrity.assess(LiveState(organizations: organizations.map(\.live)))
        var compared = 0
        var skipped: [String] = []
        var differences: [String] = []
        for organization in organizations {
            let name = organization.live.name
            guard assessment.unreadableOrganizations[name] == nil, assessment.unreadablePlans[name] == nil else {
                skipped.append(LiveStateFetcher.quoted(name))
                continue
            }
            compared += 1
            let counted = count(organization.live)
            let reported = organization.reported
            let pairs = [
                ("totalRepositories", reported.totalRepositories, counted.totalRepositories),
                ("removedRepositories", reported.removedRepositories, counted.removedRepositories),
                ("protectedRepositories", reported.protectedRepositories, counted.protectedRepositories),
                ("missingLicences", reported.missingLicences, counted.missingLicences),
            ].filter { $0.1 != $0.2 }
            if !pairs.isEmpty {
                differences.append(
                    "\(LiveStateFetcher.quoted(name)): "
                        + pairs.map { "\($0.0) \($0.1) reported, \($0.2) counted" }.joined(separator: ", "))
            }
        }
        let skippedText =
            skipped.isEmpty
            ? ""
            : "; not compared for \(named(skipped)) (a listing or a plan's membership cannot be read)"
        guard differences.isEmpty else {
            return DoctorCheck(
                .counters, .contradicted,
                bounded(differences, noun: "organization")
                    + " (the definitions are assumed: see OrganizationCounters)\(skippedText)")
        }
        guard compared > 0 else {
            return DoctorCheck(.counters, .notChecked, "no organization could be compared\(skippedText)")
        }
        return DoctorCheck(
            .counters, .confirmed,
            "\(compared) organization(s): totalRepositories, removedRepositories, protectedRepositories and "
                + "missingLicences match what was listed\(skippedText)")
    }

    /// The counters as `OrganizationCounters` defines them, from a readable organization's listings.
    static func count(_ organization: LiveOrganization) -> OrganizationCounters {
        let attached = Set(organization.plans.filter { !$0.includeAllRepositories }.flatMap(\.repositoryIds))
        return OrganizationCounters.count(
            organization.repositories.map {
                OrganizationCounters.RepositoryFacts(
                    isActive: $0.isActive, isRemoved: $0.isRemoved, isAttached: attached.contains($0.id))
            },
            anyPlanIncludesAll: organization.plans.contains(where: \.includeAllRepositories))
    }

    /// Organizations synchronizing with their Git host: their repository list may be incomplete, and
    /// plan, apply and export refuse them until it ends.
    public static func synchronization(_ live: LiveState) -> DoctorCheck {
        let syncing = live.organizations.filter { $0.synchronizationInProgress == true }.map {
            LiveStateFetcher.quoted($0.name)
        }
        guard syncing.isEmpty else {
            return DoctorCheck(
                .synchronization, .contradicted,
                "synchronizing with the Git host now: \(named(syncing)); their repository lists may be incomplete, "
                    + "so plan, apply and export refuse them until it ends (or wait with --wait-for-sync)")
        }
        return DoctorCheck(
            .synchronization, .confirmed,
            "no organization of \(live.organizations.count) is synchronizing with its Git host")
    }

    /// `isReadOnly`, reported: its meaning is not documented, and it is never a reason to refuse.
    public static func readOnly(_ live: LiveState) -> DoctorCheck {
        let readOnly = live.organizations.filter { $0.isReadOnly == true }.map { LiveStateFetcher.quoted($0.name) }
        let seen = readOnly.isEmpty ? "no organization is read-only" : "read-only: \(named(readOnly))"
        return DoctorCheck(
            .readOnly, .notChecked,
            "\(seen); what isReadOnly means is not documented (most likely the Git host credentials' access), and "
                + "the tool plans such organizations normally")
    }

    /// `--org` names against the organizations listed.
    public static func organizations(listed: [String], wanted: [String]) -> DoctorCheck {
        let known = Set(listed)
        let missing = wanted.filter { !known.contains($0) }.map(LiveStateFetcher.quoted)
        guard missing.isEmpty else {
            return DoctorCheck(
                .organizations, .contradicted,
                "--org \(named(missing)): no such organization on the server (names match exactly, case included); "
                    + "it lists \(listed.count)")
        }
        let scope = wanted.isEmpty ? "all of them in scope" : "\(Set(wanted).count) in scope (--org)"
        return DoctorCheck(.organizations, .confirmed, "\(listed.count) organization(s) listed, \(scope)")
    }

    static func named(_ names: [String]) -> String {
        let shown = names.prefix(maximumNamed).joined(separator: ", ")
        return names.count > maximumNamed ? "\(shown) and \(names.count - maximumNamed) more" : shown
    }

    static func bounded(_ items: [String], noun: String) -> String {
        let shown = items.prefix(maximumNamed).joined(separator: "; ")
        return items.count > maximumNamed ? "\(shown); and \(items.count - maximumNamed) more \(noun)(s)" : shown
    }
}
