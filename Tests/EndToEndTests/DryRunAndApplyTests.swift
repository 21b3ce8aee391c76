import Foundation
import ReconcileCore
import Testing
import XoperoSimulator

@Suite("reconcile end to end: dry run, apply, export")
struct DryRunAndApplyTests {
    static let summary = "Plan: 4 to activate, 3 to modify, 3 to attach, 2 to detach, 1 to deactivate."

    @Test("a dry run prints the plan and the server receives no write call")
    func dryRunMakesNoWrite() async throws {
        try await EndToEndFixture.with(try EndToEndFixture.exampleState()) { fixture in
            let before = await fixture.simulator.store.snapshot()
            let output = await fixture.reconcile(["--dry-run", "-f", EndToEndFixture.exampleFile])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains(Self.summary))
            for line in [
                "Organization \"acme\":", "+ reporting-service", "- data-warehouse-etl", "- edge-device-simulator",
                "+ graph-experiments", "~ includeMetadata: false -> true", "- ar-demo-2022",
            ] {
                #expect(output.stdout.contains(line), "missing \(line) in:\n\(output.stdout)")
            }
            // The plan is on stdout only; nothing of it leaks into stderr.
            #expect(!output.stderr.contains("Plan:"))
            let stats = await fixture.simulator.store.stats()
            #expect(stats.writeCalls == 0)
            #expect(stats.totalCalls > 0)
            #expect(await fixture.simulator.store.snapshot() == before)
        }
    }

    @Test("apply makes the server match the desired state; dry runs before and after say 2 and 0")
    func applyConverges() async throws {
        try await EndToEndFixture.with(try EndToEndFixture.exampleState()) { fixture in
            // What the plan should do, computed in-process from the same inputs.
            let text = try String(contentsOfFile: EndToEndFixture.exampleFile, encoding: .utf8)
            let parsed = DesiredStateParser.parse([SourceFile(path: "reconcile.yaml", text: text)], environment: [:])
            let desired = try #require(parsed.desiredState)
            let names = Set(desired.organizations.map(\.name))
            let liveBefore = await fixture.liveState(organizations: names)
            let plan = try #require(Planner.plan(desired: desired, live: liveBefore).plan)
            let expected = EndToEndFixture.canonical(PlanEffects.apply(plan, to: liveBefore))

            let detailedBefore = await fixture.reconcile(["-f", EndToEndFixture.exampleFile, "--detailed-exitcode"])
            #expect(detailedBefore.status == 2, "\(detailedBefore.stderr)")

            let applied = await fixture.reconcile(["--apply", "-f", EndToEndFixture.exampleFile])
            #expect(applied.status == 0, "\(applied.stderr)")
            #expect(applied.stdout.contains(Self.summary))
            #expect(await fixture.liveState(organizations: names) == expected)
            #expect(await fixture.simulator.store.stats().writeCalls == plan.operations.count)

            let detailedAfter = await fixture.reconcile(["-f", EndToEndFixture.exampleFile, "--detailed-exitcode"])
            #expect(detailedAfter.status == 0, "\(detailedAfter.stdout)\(detailedAfter.stderr)")
            #expect(detailedAfter.stdout.contains("No changes."))
        }
    }

    @Test("export, then a dry run of the exported file plans nothing", arguments: [false, true])
    func exportRoundTrip(afterApplyingTheExample: Bool) async throws {
        try await EndToEndFixture.with(try EndToEndFixture.exampleState()) { fixture in
            if afterApplyingTheExample {
                let applied = await fixture.reconcile(["--apply", "-f", EndToEndFixture.exampleFile])
                #expect(applied.status == 0, "\(applied.stderr)")
            }
            let writes = await fixture.simulator.store.stats().writeCalls
            let exported = await fixture.reconcile(["export"])
            #expect(exported.status == 0, "\(exported.stderr)")
            #expect(exported.stdout.contains("name: acme-labs"))
            let path = try EndToEndFixture.file(exported.stdout)
            let dryRun = await fixture.reconcile(["-f", path, "--detailed-exitcode"])
            #expect(dryRun.status == 0, "\(dryRun.stdout)\(dryRun.stderr)")
            #expect(dryRun.stdout.contains("No changes."))
            #expect(await fixture.simulator.store.stats().writeCalls == writes)
        }
    }

    @Test("--org limits both the reading and the plan to the named organizations")
    func organizationFilter() async throws {
        try await EndToEndFixture.with(try EndToEndFixture.exampleState()) { fixture in
            let output = await fixture.reconcile(["-f", EndToEndFixture.exampleFile, "--org", "acme-labs"])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(
                output.stdout.contains("Plan: 1 to activate, 1 to modify, 2 to attach, 1 to detach, 1 to deactivate."))
            #expect(!output.stdout.contains("Organization \"acme\":"))
            #expect(await fixture.simulator.store.stats().calls(path: "/git/repositories/getmany") == 1)

            let typo = await fixture.reconcile(["-f", EndToEndFixture.exampleFile, "--org", "acme-lab"])
            #expect(typo.status == 1)
            #expect(typo.stderr.contains("acme-lab"))
        }
    }

    @Test("--format json on stdout and --out write the same document, with results after --apply and no secret")
    func jsonDocument() async throws {
        try await EndToEndFixture.with(try EndToEndFixture.exampleState()) { fixture in
            let outPath = try EndToEndFixture.file("", name: "plan.json")
            let output = await fixture.reconcile([
                "--apply", "-f", EndToEndFixture.exampleFile, "--format", "json", "--out", outPath,
            ])
            #expect(output.status == 0, "\(output.stderr)")
            let saved = try String(contentsOfFile: outPath, encoding: .utf8)
            #expect(
                saved.trimmingCharacters(in: .whitespacesAndNewlines)
                    == output.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            let document = try #require(try JSONSerialization.jsonObject(with: Data(saved.utf8)) as? [String: Any])
            #expect(document["formatVersion"] as? Int == 1)
            #expect((document["fingerprint"] as? String)?.hasPrefix("sha256:") == true)
            let operations = try #require(document["operations"] as? [[String: Any]])
            #expect(operations.count == 11)
            #expect(operations.allSatisfy { $0["result"] as? String == "ok" })
            #expect(!saved.contains(EndToEndFixture.adminPassword))
        }
    }
}
