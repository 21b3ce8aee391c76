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
            OrganizationCounters.planRepoCount(includeAllRepositories: true, attachedCount: 2, notRemovedCount: 9) == 9)
        #expect(
            OrganizationCounters.planRepoCount(includeAllRepositories: false, attachedCount: 2, notRemovedCount: 9) == 2
        )
    }
}
