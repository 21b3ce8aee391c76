import Foundation
import TestSupport
import Testing
import XoperoSimulator

@Suite("reconcile end to end: running out of licences")
struct LicenceExhaustionTests {
    /// `acme`: five unlicensed repositories for `nightly`; `spare`: three licensed ones, one in a plan.
    static func state() -> SimulatorStateFile {
        let acme = SimulatorStateFile.Organization(
            name: "acme",
            repositories: (1...5).map { .init(name: "new-\($0)", isActive: false, isRemoved: false) }
                + [.init(name: "core", isActive: true, isRemoved: false)],
            plans: [
                .init(
                    name: "nightly", backupType: 5, includeMetadata: true, includeAllRepositories: false,
                    repositories: ["core"])
            ])
        let spare = SimulatorStateFile.Organization(
            name: "spare",
            repositories: ["keep", "spare-1", "spare-2"].map { .init(name: $0, isActive: true, isRemoved: false) },
            plans: [
                .init(
                    name: "idle", backupType: 5, includeMetadata: true, includeAllRepositories: false,
                    repositories: ["keep"])
            ])
        // 4 licences in use, 3 free: the batch of five activations runs out after the third.
        return SimulatorStateFile(
            licences: .init(total: 7), users: TestAccounts.users, organizations: [acme, spare])
    }

    static let desired = """
        version: 1
        organizations:
          - name: acme
            plans:
              - name: nightly
                repositories: [core, "new-*"]
        """

    @Test(
        "exit 3, the attaches of unlicensed repositories skipped, the rest applied; converges once licences are freed")
    func exhaustionThenConvergence() async throws {
        try await EndToEndFixture.with(Self.state()) { fixture in
            let file = try EndToEndFixture.file(Self.desired)
            let first = await fixture.reconcile(["--apply", "-f", file, "--format", "json"])
            #expect(first.status == 3, "\(first.stderr)")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
            let operations = try #require(document["operations"] as? [[String: Any]])
            let activate = try #require(operations.first { $0["action"] as? String == "activate" })
            #expect(activate["result"] as? String == "failed")
            #expect("\(activate)".contains("LI5020"))
            let attaches = operations.filter { $0["action"] as? String == "attach" }
            #expect(attaches.count == 5)
            #expect(attaches.filter { $0["result"] as? String == "ok" }.count == 3)
            #expect(attaches.filter { $0["result"] as? String == "skipped" }.count == 2)
            // The skipped attaches never reached the server.
            #expect(await fixture.simulator.store.stats().calls(path: "/plans/attachgitrepository") == 3)
            let nightly = await fixture.liveState(organizations: ["acme"]).organizations.first?.plans.first
            #expect(nightly?.repositoryIds.count == 4)

            // The administrator frees two licences in another organization (a conscious, forced change).
            let free = try EndToEndFixture.file(
                """
                version: 1
                organizations:
                  - name: spare
                    licenses: exact
                    plans:
                      - name: idle
                        repositories: [keep]
                """)
            let freed = await fixture.reconcile(["--apply", "-f", free, "--force"])
            #expect(freed.status == 0, "\(freed.stderr)")

            let second = await fixture.reconcile(["--apply", "-f", file])
            #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
            let check = await fixture.reconcile(["-f", file, "--detailed-exitcode"])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            #expect(
                await fixture.liveState(organizations: ["acme"]).organizations.first?.plans.first?.repositoryIds.count
                    == 6)
        }
    }
}
