import Foundation
import Testing
import XoperoSimulator

@Suite("reconcile end to end: refusals change nothing")
struct SafetyAndFingerprintTests {
    @Test("a stale --expect-fingerprint refuses to apply and changes nothing")
    func staleFingerprint() async throws {
        try await EndToEndFixture.with(try EndToEndFixture.exampleState()) { fixture in
            let reviewed = await fixture.reconcile(["-f", EndToEndFixture.exampleFile, "--format", "json"])
            #expect(reviewed.status == 0, "\(reviewed.stderr)")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(reviewed.stdout.utf8)) as? [String: Any])
            let fingerprint = try #require(document["fingerprint"] as? String)

            // Someone changes the server between the review and the apply.
            let change = try EndToEndFixture.file(
                """
                version: 1
                organizations:
                  - name: acme-labs
                    plans:
                      - name: labs-prototypes
                        includeMetadata: true
                """)
            let changed = await fixture.reconcile(["--apply", "-f", change])
            #expect(changed.status == 0, "\(changed.stderr)")
            let writesBefore = await fixture.simulator.store.stats().writeCalls
            let stateBefore = await fixture.simulator.store.snapshot()

            let refused = await fixture.reconcile(
                ["--apply", "-f", EndToEndFixture.exampleFile, "--expect-fingerprint", fingerprint])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("fingerprint"))
            #expect(refused.stderr.contains(fingerprint))
            #expect(await fixture.simulator.store.stats().writeCalls == writesBefore)
            #expect(await fixture.simulator.store.snapshot() == stateBefore)

            // The fingerprint of a fresh review applies.
            let fresh = await fixture.reconcile(["-f", EndToEndFixture.exampleFile, "--format", "json"])
            let freshDocument = try #require(
                try JSONSerialization.jsonObject(with: Data(fresh.stdout.utf8)) as? [String: Any])
            let freshFingerprint = try #require(freshDocument["fingerprint"] as? String)
            #expect(freshFingerprint != fingerprint)
            let applied = await fixture.reconcile(
                ["--apply", "-f", EndToEndFixture.exampleFile, "--expect-fingerprint", freshFingerprint])
            #expect(applied.status == 0, "\(applied.stderr)")
        }
    }

    @Test("a plan that detaches too much is refused before any call, with the numbers")
    func safetyRefusal() async throws {
        try await EndToEndFixture.with(try EndToEndFixture.exampleState()) { fixture in
            // nightly holds 12 repositories; keeping 2 detaches 10 (83%).
            let drastic = try EndToEndFixture.file(
                """
                version: 1
                organizations:
                  - name: acme
                    plans:
                      - name: nightly
                        repositories: [payments-service, billing-api]
                """)
            let before = await fixture.simulator.store.snapshot()
            for mode in ["--apply", "--dry-run"] {
                let refused = await fixture.reconcile([mode, "-f", drastic])
                #expect(refused.status == 1, "\(mode): \(refused.stderr)")
                #expect(refused.stderr.contains("10 of 12"), "\(refused.stderr)")
                #expect(refused.stderr.contains("--force"))
            }
            #expect(await fixture.simulator.store.stats().writeCalls == 0)
            #expect(await fixture.simulator.store.snapshot() == before)

            let allowed = await fixture.reconcile(["--apply", "-f", drastic, "--max-detach-ratio", "0.9"])
            #expect(allowed.status == 0, "\(allowed.stderr)")
            // The 10 detaches and nothing else.
            #expect(await fixture.simulator.store.stats().writeCalls == 10)
        }
    }
}
