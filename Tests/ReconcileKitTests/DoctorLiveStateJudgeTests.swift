import ReconcileCore
import ReconcileKit
import Testing
import XoperoContract

/// The verdicts on the live state as read, without a network.
@Suite struct DoctorLiveStateJudgeTests {
    /// acme: a1...a4 licensed, a5 unlicensed, a6 removed; plan nightly lists a1, a2, a5.
    static func acme(repoCount: Int? = 3, synchronizing: Bool = false, readOnly: Bool = false) -> LiveOrganization {
        let repositories =
            (1...4).map { LiveRepository(id: "a\($0)", name: "a\($0)", isActive: true, isRemoved: false) } + [
                LiveRepository(id: "a5", name: "a5", isActive: false, isRemoved: false),
                LiveRepository(id: "a6", name: "a6", isActive: true, isRemoved: true),
            ]
        let plan = LivePlan(
            id: "p1", name: "nightly", backupType: 5, includeMetadata: true, includeAllRepositories: false,
            repositoryIds: ["a1", "a2", "a5"], repoCount: repoCount)
        return LiveOrganization(
            id: "o1", name: "acme", repositories: repositories, plans: [plan], synchronizationInProgress: synchronizing,
            isReadOnly: readOnly)
    }

    /// What a server that counts as `OrganizationCounters` defines would report for `acme`.
    static let acmeCounters = OrganizationCounters(
        totalRepositories: 6, removedRepositories: 1, protectedRepositories: 3, missingLicences: 1)

    @Test("counters that match the assumed definitions are confirmed")
    func countersConfirmed() {
        let check = LiveStateJudge.counters([CountedOrganization(reported: Self.acmeCounters, live: Self.acme())])
        #expect(check.verdict == .confirmed, "\(check.detail)")
        #expect(check.detail.hasPrefix("1 organization(s)"))
    }

    @Test("counters that differ are contradicted, naming the organization and both numbers")
    func countersContradicted() {
        var reported = Self.acmeCounters
        reported.protectedRepositories = 0
        reported.missingLicences = 0
        let check = LiveStateJudge.counters([CountedOrganization(reported: reported, live: Self.acme())])
        #expect(check.verdict == .contradicted)
        #expect(
            check.detail.hasPrefix(
                #""acme": protectedRepositories 0 reported, 3 counted, missingLicences 0 reported, 1 counted"#))
    }

    @Test("an includeAllRepositories plan protects every repository not removed")
    func countersWithIncludeAll() {
        var acme = Self.acme()
        acme.plans.append(
            LivePlan(
                id: "p2", name: "all", backupType: 5, includeMetadata: true, includeAllRepositories: true,
                repositoryIds: [], repoCount: 5))
        let reported = OrganizationCounters(
            totalRepositories: 6, removedRepositories: 1, protectedRepositories: 5, missingLicences: 1)
        #expect(LiveStateJudge.counters([CountedOrganization(reported: reported, live: acme)]).verdict == .confirmed)
    }

    @Test("an organization with an unreadable plan is not compared, and says so")
    func countersSkipUnreadable() {
        let check = LiveStateJudge.counters([
            CountedOrganization(reported: Self.acmeCounters, live: Self.acme(repoCount: 40))
        ])
        #expect(check.verdict == .notChecked)
        #expect(check.detail.contains(#"not compared for "acme""#))
    }

    @Test("a plan whose repoCount matches none of its countings is contradicted with its name and both numbers")
    func unreadablePlan() {
        let check = LiveStateJudge.planMembership(LiveState(organizations: [Self.acme(repoCount: 40)]))
        #expect(check.verdict == .contradicted)
        #expect(
            check.detail.hasPrefix(
                #"plan "nightly" of "acme": the server counts 40 repositories in it; its repositoryIds hold 3 (3 not removed, 2 licensed)"#
            ))
        #expect(LiveStateJudge.planMembership(LiveState(organizations: [Self.acme()])).verdict == .confirmed)
        #expect(LiveStateJudge.planMembership(LiveState(organizations: [])).verdict == .notChecked)
    }

    @Test("listings: the reader's problems are contradicted, bounded and escaped")
    func listings() {
        var acme = Self.acme()
        #expect(LiveStateJudge.listings(LiveState(organizations: [acme])).verdict == .confirmed)
        acme.readProblems = ["repositories of \"acme\": read 1 of 3 pages\u{1b}[2J"]
        let check = LiveStateJudge.listings(LiveState(organizations: [acme]))
        #expect(check.verdict == .contradicted)
        #expect(check.detail.contains("read 1 of 3 pages"))
        #expect(!check.detail.contains("\u{1b}"))
    }

    @Test("synchronization names the organizations; isReadOnly is reported, never contradicted")
    func synchronizationAndReadOnly() {
        let syncing = LiveState(organizations: [Self.acme(synchronizing: true, readOnly: true)])
        let sync = LiveStateJudge.synchronization(syncing)
        #expect(sync.verdict == .contradicted)
        #expect(sync.detail.contains(#"synchronizing with the Git host now: "acme""#))
        let readOnly = LiveStateJudge.readOnly(syncing)
        #expect(readOnly.verdict == .notChecked)
        #expect(readOnly.detail.hasPrefix(#"read-only: "acme""#))
        let calm = LiveState(organizations: [Self.acme()])
        #expect(LiveStateJudge.synchronization(calm).verdict == .confirmed)
        #expect(LiveStateJudge.readOnly(calm).detail.hasPrefix("no organization is read-only"))
    }

    @Test("--org names the server does not list are contradicted")
    func organizations() {
        #expect(LiveStateJudge.organizations(listed: ["acme", "beta"], wanted: []).verdict == .confirmed)
        #expect(LiveStateJudge.organizations(listed: ["acme", "beta"], wanted: ["acme"]).verdict == .confirmed)
        let check = LiveStateJudge.organizations(listed: ["acme"], wanted: ["Acme"])
        #expect(check.verdict == .contradicted)
        #expect(check.detail.hasPrefix(#"--org "Acme": no such organization"#))
    }
}
