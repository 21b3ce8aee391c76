import Testing
import XoperoContract

@testable import XoperoSimulator

/// The data rules of attach, detach, modify, activate and deactivate, without HTTP.
@Suite struct SimulatorWorldTests {
    let alpha = Fixtures.organizationId("alpha")
    let nightly = Fixtures.planId("alpha", "nightly")
    let everything = Fixtures.planId("alpha", "everything")
    let bulk = Fixtures.planId("beta", "bulk")
    func repo(_ name: String, _ organization: String = "alpha") -> String { Fixtures.repositoryId(organization, name) }

    func counters(_ world: SimulatorWorld, _ index: Int = 0) -> OrganizationCounters {
        world.organizations[index].protection().counters
    }

    @Test func attachIsIdempotentAndDetachToo() throws {
        var world = try SimulatorWorld(state: Fixtures.state())
        #expect(world.attach(planId: nightly, repositoryId: repo("mobile")) == .done(changed: true))
        #expect(world.attach(planId: nightly, repositoryId: repo("mobile")) == .done(changed: false))
        #expect(world.organizations[0].plans[0].attached == [repo("api"), repo("web"), repo("mobile")])
        #expect(world.detach(planId: nightly, repositoryId: repo("api")) == .done(changed: true))
        #expect(world.detach(planId: nightly, repositoryId: repo("api")) == .done(changed: false))
        #expect(world.organizations[0].plans[0].attached == [repo("web"), repo("mobile")])
    }

    @Test func attachRefusesUnknownRemovedAndForeignRepositories() throws {
        var world = try SimulatorWorld(state: Fixtures.state())
        #expect(world.attach(planId: nightly, repositoryId: "no-such-id") == .repositoryNotFound)
        #expect(world.attach(planId: nightly, repositoryId: repo("old-monolith")) == .repositoryNotFound)
        #expect(world.attach(planId: nightly, repositoryId: repo("repo-01", "beta")) == .repositoryNotFound)
        #expect(world.attach(planId: "no-such-plan", repositoryId: repo("api")) == .planNotFound)
        #expect(world.detach(planId: nightly, repositoryId: "no-such-id") == .repositoryNotFound)
        #expect(world.detach(planId: "no-such-plan", repositoryId: repo("api")) == .planNotFound)
    }

    @Test func countersFollowEveryChange() throws {
        var state = Fixtures.state()
        state.organizations[0].plans?[1].includeAllRepositories = false
        var world = try SimulatorWorld(state: state)
        // api and web in nightly, both active; mobile, docs free; old-monolith removed.
        #expect(
            counters(world)
                == .init(totalRepositories: 5, removedRepositories: 1, protectedRepositories: 2, missingLicences: 0))
        _ = world.attach(planId: nightly, repositoryId: repo("mobile"))
        #expect(
            counters(world)
                == .init(totalRepositories: 5, removedRepositories: 1, protectedRepositories: 3, missingLicences: 1))
        _ = world.attach(planId: everything, repositoryId: repo("mobile"))
        _ = world.detach(planId: nightly, repositoryId: repo("mobile"))
        // Still held by the other plan.
        #expect(counters(world).protectedRepositories == 3)
        _ = world.activate(ids: [repo("mobile")])
        #expect(counters(world).missingLicences == 0)
        _ = world.modify(planId: everything, SimPlanModification(includeAllRepositories: true))
        #expect(
            counters(world)
                == .init(totalRepositories: 5, removedRepositories: 1, protectedRepositories: 4, missingLicences: 1))
        _ = world.detach(planId: everything, repositoryId: repo("mobile"))
        #expect(counters(world).protectedRepositories == 4)
    }

    @Test func modifyChangesOnlyTheGivenFields() throws {
        var world = try SimulatorWorld(state: Fixtures.state())
        let before = world.organizations[0].plans[0]
        #expect(
            world.modify(planId: nightly, SimPlanModification(workerId: "w-1", settings: ["Retention": "30"]))
                == .done(changed: true))
        let after = world.organizations[0].plans[0]
        #expect(after.workerId == "w-1")
        #expect(after.settings == ["Retention": "30"])
        #expect(after.backupType == before.backupType)
        #expect(after.includeMetadata == before.includeMetadata)
        #expect(world.modify(planId: nightly, SimPlanModification(workerId: "w-1")) == .done(changed: false))
        #expect(world.modify(planId: "nope", SimPlanModification(backupType: 1)) == .planNotFound)
    }

    @Test func licencePoolRunsOutInTheMiddleOfABatch() throws {
        var world = try SimulatorWorld(state: Fixtures.state(licences: 12))
        let ids = ["repo-02", "repo-04", "repo-06", "repo-08"].map { repo($0, "beta") }
        let outcome = world.activate(ids: [repo("api")] + ids + ["unknown-id"])
        // api already active: success without a licence; two free licences; then LI5020; unknown: GT1001.
        #expect(outcome.success == [repo("api"), ids[0], ids[1]])
        #expect(
            outcome.errors == [
                LicenceFailure(id: ids[2], code: .noFreeLicence), LicenceFailure(id: ids[3], code: .noFreeLicence),
                LicenceFailure(id: "unknown-id", code: .repositoryNotFound),
            ])
        #expect(world.activeCount == 12)
    }

    @Test func unlimitedPoolNeverRunsOut() throws {
        var world = try SimulatorWorld(state: Fixtures.state(licences: nil))
        let ids = (1...25).map { repo(String(format: "repo-%02d", $0), "beta") }
        #expect(world.activate(ids: ids).errors.isEmpty)
        #expect(world.activeCount == 27)
    }

    @Test func removedRepositoriesCannotBeActivatedButCanBeDeactivated() throws {
        var state = Fixtures.state()
        state.organizations[0].repositories?[4].isActive = true
        var world = try SimulatorWorld(state: state)
        #expect(
            world.activate(ids: [repo("old-monolith")]).errors == [
                LicenceFailure(id: repo("old-monolith"), code: .repositoryNotFound)
            ])
        #expect(world.deactivate(ids: [repo("old-monolith")]).success == [repo("old-monolith")])
    }

    @Test func deactivateRefusesInactiveAndUnknown() throws {
        var world = try SimulatorWorld(state: Fixtures.state())
        let outcome = world.deactivate(ids: [repo("api"), repo("mobile"), "x"])
        #expect(outcome.success == [repo("api")])
        #expect(outcome.errors.map(\.id) == [repo("mobile"), "x"])
        #expect(outcome.errors.allSatisfy { $0.code == .repositoryNotFound })
        #expect(world.activeCount == 9)
    }

    @Test func snapshotRoundTripsWithIds() throws {
        var world = try SimulatorWorld(state: Fixtures.state())
        _ = world.attach(planId: bulk, repositoryId: repo("repo-03", "beta"))
        let snapshot = world.snapshot()
        #expect(snapshot.organizations[1].plans?[0].repositoryIds == [repo("repo-03", "beta")])
        #expect(snapshot.organizations[1].plans?[0].repositories == nil)
        #expect(snapshot.organizations.allSatisfy { $0.id != nil })
        let reloaded = try SimulatorWorld(state: snapshot)
        #expect(reloaded.snapshot() == snapshot)
    }
}
