import Foundation
import TestSupport
import Testing
import XoperoSimulator

/// The first-contact rules against the simulator presenting each state from its state file.
@Suite("First contact against the simulator: page caps, selection modes, synchronization")
struct FirstContactSimulatorTests {
    static let summary = "Plan: 4 to activate, 3 to modify, 3 to attach, 2 to detach, 1 to deactivate."

    @Test("a server that serves 2 items a page (consistently) gives the same plan as one that serves 1000")
    func pageCap() async throws {
        let capped = try await EndToEndFixture.with(
            try EndToEndFixture.exampleState(), options: SimulatorOptions(maxPageSize: 2)
        ) { fixture in
            let output = await fixture.reconcile(["-f", EndToEndFixture.exampleFile])
            #expect(output.status == 0, "\(output.stderr)")
            // 37 repositories at 2 a page: many pages were read.
            #expect(await fixture.simulator.store.stats().calls(path: "/git/repositories/getmany") > 10)
            return output.stdout
        }
        let uncapped = try await EndToEndFixture.with(try EndToEndFixture.exampleState()) { fixture in
            await fixture.reconcile(["-f", EndToEndFixture.exampleFile]).stdout
        }
        #expect(capped.contains(Self.summary))
        #expect(capped == uncapped)
    }

    @Test(
        "a plan in exclude or rules mode, named in the file: exit 1 naming it, no write",
        arguments: ["exclude", "rules"])
    func selectionModes(mode: String) async throws {
        var state = try EndToEndFixture.exampleState()
        let index = try #require(state.organizations.firstIndex { $0.name == "acme" })
        let plans = try #require(state.organizations[index].plans)
        let nightly = try #require(plans.firstIndex { $0.name == "nightly" })
        state.organizations[index].plans?[nightly].selection = mode == "exclude" ? .exclude : .rules
        if mode == "rules" { state.organizations[index].plans?[nightly].rules = ["*"] }
        try await EndToEndFixture.with(state) { fixture in
            let apply = await fixture.reconcile(["--apply", "-f", EndToEndFixture.exampleFile])
            #expect(apply.status == 1)
            #expect(apply.stderr.contains("plan \"nightly\" of organization \"acme\": its membership cannot be read"))
            #expect(apply.stderr.contains("the server counts"))
            #expect(await fixture.simulator.store.stats().writeCalls == 0)
        }
    }

    @Test("an organization synchronizing: refused without --wait-for-sync; with it, planned once it has finished")
    func waitForSync() async throws {
        var state = try EndToEndFixture.exampleState()
        let index = try #require(state.organizations.firstIndex { $0.name == "acme" })
        state.organizations[index].synchronizationInProgress = true
        state.organizations[index].synchronizationFinishesAfterSeconds = 60
        // The synchronization ends when the test moves the simulator's clock, not after a sleep that a
        // loaded machine could stretch.
        let clock = ManualTokenClock()
        try await EndToEndFixture.with(state, clock: clock) { fixture in
            let refused = await fixture.reconcile(["-f", EndToEndFixture.exampleFile])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("organization \"acme\" cannot be read: it is synchronizing"))
            // Once the waiting run has read the organizations twice (it found the synchronization, then
            // looked again), the synchronization finishes.
            let listing = "/git/organizations/getmany"
            let readsBefore = await fixture.simulator.store.stats().byPath[listing, default: 0]
            let finish = Task {
                for _ in 0..<600
                where await fixture.simulator.store.stats().byPath[listing, default: 0] < readsBefore + 2 {
                    try await Task.sleep(for: .milliseconds(50))
                }
                clock.advance(by: .seconds(61))
            }
            let waited = await fixture.reconcile(["-f", EndToEndFixture.exampleFile, "--wait-for-sync", "30"])
            try await finish.value
            #expect(waited.status == 0, "\(waited.stderr)")
            #expect(waited.stderr.contains("waiting for \"acme\" to finish synchronizing with the Git host"))
            #expect(waited.stdout.contains(Self.summary))
        }
    }

    @Test("--wait-for-sync is bounded: an organization still synchronizing when the time is up is refused")
    func waitForSyncRunsOut() async throws {
        var state = try EndToEndFixture.exampleState()
        let index = try #require(state.organizations.firstIndex { $0.name == "acme-labs" })
        state.organizations[index].synchronizationInProgress = true
        try await EndToEndFixture.with(state) { fixture in
            let clock = ContinuousClock()
            let started = clock.now
            let output = await fixture.reconcile(["-f", EndToEndFixture.exampleFile, "--wait-for-sync", "1"])
            // The flag says 1 s. The bound is loose because a loaded machine (a compile beside the suite) made
            // this run take 10.4 s; a run that misread the bound (minutes for seconds) would take a minute.
            #expect(clock.now - started < .seconds(30))
            #expect(output.status == 1)
            #expect(output.stderr.contains("organization \"acme-labs\" cannot be read"))
            // The other organization is still shown.
            #expect(output.stdout.contains("Organization \"acme\""))
        }
    }
}
