import Foundation
import Testing
import XoperoSimulator

@Suite("reconcile end to end: Ctrl-C during an apply")
struct InterruptTests {
    @Test("SIGINT stops starting calls, waits for those in flight, reports what was not done, exits 130")
    func interruptedApply() async throws {
        let state = try EndToEndFixture.exampleState()
        let options = SimulatorOptions(latency: .milliseconds(150))
        let (output, writes) = try await EndToEndFixture.with(state, options: options) { fixture in
            let store = fixture.simulator.store
            let output = try await fixture.subprocess(
                ["--apply", "-f", EndToEndFixture.exampleFile, "--concurrency", "1", "--format", "json"]
            ) { pid in
                // Interrupt as soon as the first write reached the server.
                while await store.stats().writeCalls < 1 {
                    try? await Task.sleep(for: .milliseconds(20))
                }
                kill(pid, SIGINT)
            }
            return (output, await store.stats().writeCalls)
        }

        #expect(output.status == 130, "\(output.stderr)")
        #expect(output.stderr.contains("Interrupted"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let operations = try #require(document["operations"] as? [[String: Any]])
        let done = operations.filter { $0["result"] as? String == "ok" }.count
        let skipped = operations.filter { $0["result"] as? String == "skipped" }.count
        #expect(done >= 1 && done < operations.count)
        #expect(done + skipped == operations.count)
        // What the report says was done is exactly what the server received.
        #expect(done == writes)
    }

    @Test("SIGTERM (how CI runners cancel a job) stops gracefully too: the report, --out, then exit 143")
    func terminatedApply() async throws {
        let state = try EndToEndFixture.exampleState()
        let out = try EndToEndFixture.file("", name: "plan.json")
        try await EndToEndFixture.with(state, options: SimulatorOptions(latency: .milliseconds(150))) { fixture in
            let store = fixture.simulator.store
            let output = try await fixture.subprocess(
                ["--apply", "-f", EndToEndFixture.exampleFile, "--concurrency", "1", "--out", out]
            ) { pid in
                while await store.stats().writeCalls < 1 {
                    try? await Task.sleep(for: .milliseconds(20))
                }
                kill(pid, SIGTERM)
            }
            #expect(output.status == 143, "\(output.stderr)")
            #expect(output.stderr.contains("Terminated (SIGTERM): starting no new call"))
            #expect(output.stdout.contains("Apply: "), "the report is printed")
            let saved = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
            let outcome = try #require(saved["outcome"] as? [String: Any])
            #expect(outcome["interrupted"] as? Bool == true)
            let done = (saved["operations"] as? [[String: Any]] ?? []).filter { $0["result"] as? String == "ok" }.count
            #expect(done == (await store.stats().writeCalls))
        }
    }
}
