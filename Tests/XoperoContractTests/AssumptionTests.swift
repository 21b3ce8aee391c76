import Testing
import XoperoContract

@Suite struct AssumptionTests {
    @Test func onlyAdministratorsAndBackupOperatorsMayWrite() {
        #expect(
            XoperoAssumptions.Role.allCases.filter(\.mayWrite) == [
                .rootAdministrator, .systemAdministrator, .backupOperator,
            ])
        #expect(
            XoperoAssumptions.Role.allCases.filter(\.isAdministrator) == [.rootAdministrator, .systemAdministrator])
    }

    @Test func countersFollowTheirDefinitions() {
        typealias Facts = OrganizationCounters.RepositoryFacts
        let repositories = [
            Facts(isActive: true, isRemoved: false, isAttached: true),
            Facts(isActive: false, isRemoved: false, isAttached: true),
            Facts(isActive: true, isRemoved: false, isAttached: false),
            Facts(isActive: true, isRemoved: true, isAttached: true),
        ]
        #expect(
            OrganizationCounters.count(repositories, anyPlanIncludesAll: false)
                == .init(totalRepositories: 4, removedRepositories: 1, protectedRepositories: 2, missingLicences: 1))
        #expect(
            OrganizationCounters.count(repositories, anyPlanIncludesAll: true)
                == .init(totalRepositories: 4, removedRepositories: 1, protectedRepositories: 3, missingLicences: 1))
        #expect(
            OrganizationCounters.planRepoCount(
                selection: .list, includeAllRepositories: true, listedCount: 2, protectedCount: 9) == 9)
        #expect(
            OrganizationCounters.planRepoCount(
                selection: .list, includeAllRepositories: false, listedCount: 2, protectedCount: 9) == 2)
    }

    @Test(arguments: [
        // selection, includeAll, listed, matches rules, active, removed, protected
        (OrganizationCounters.PlanSelection.list, false, true, false, false, false, true),
        (.list, false, false, true, true, false, false),
        (.exclude, false, true, false, true, false, false),
        (.exclude, false, false, false, true, false, true),
        (.exclude, false, false, false, false, false, false),
        (.rules, false, false, true, false, false, true),
        (.rules, false, true, false, false, false, true),
        (.rules, false, false, false, true, false, false),
        (.exclude, true, true, false, false, false, true),
        (.rules, true, false, false, false, true, false),
        (.list, false, true, false, true, true, false),
    ])
    func whatAPlanProtects(
        selection: OrganizationCounters.PlanSelection, includeAll: Bool, listed: Bool, matches: Bool, active: Bool,
        removed: Bool, protects: Bool
    ) {
        #expect(
            OrganizationCounters.planProtects(
                selection: selection, includeAllRepositories: includeAll, isListed: listed, matchesRules: matches,
                isActive: active, isRemoved: removed) == protects)
    }

    @Test func repoCountIsTheListForListPlansAndWhatIsProtectedForTheOthers() {
        typealias Counters = OrganizationCounters
        #expect(
            Counters.planRepoCount(selection: .list, includeAllRepositories: false, listedCount: 3, protectedCount: 2)
                == 3)
        #expect(
            Counters.planRepoCount(selection: .list, includeAllRepositories: true, listedCount: 3, protectedCount: 9)
                == 9)
        #expect(
            Counters.planRepoCount(
                selection: .exclude, includeAllRepositories: false, listedCount: 3, protectedCount: 7) == 7)
        #expect(
            Counters.planRepoCount(selection: .rules, includeAllRepositories: false, listedCount: 0, protectedCount: 4)
                == 4)
    }
}
