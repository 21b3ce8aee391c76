import Foundation
import ReconcileCore
import TestSupport
import Testing
import XoperoSimulator

/// An apply against a server that fails a fifth of its calls (before and after doing the work), throttles,
/// and lets tokens live two seconds: it converges, never detaches what should stay, never prints a secret.
@Suite("Chaos: faults, throttling and expiring tokens")
struct ChaosTests {
    /// One organization of 60 repositories, every other one licensed; `nightly` holds the first 20.
    static let state = SimulatorStateFile(
        licences: .init(total: nil), users: TestAccounts.users,
        organizations: [
            .init(
                name: "chaos",
                repositories: (1...60).map { .init(name: String(format: "repo-%03d", $0), isActive: $0 % 2 == 0) },
                plans: [
                    .init(
                        name: "nightly", backupType: 5, includeMetadata: true,
                        repositories: (1...20).map { String(format: "repo-%03d", $0) })
                ])
        ])

    /// `nightly` should hold 11-40: 10 detaches, 20 attaches, 10 activations (about 40 calls, over two seconds
    /// at 15 calls a second: the two-second tokens expire on the way).
    static let desiredText = """
        version: 1
        organizations:
          - name: chaos
            plans:
              - name: nightly
                repositories: [\((11...40).map { String(format: "repo-%03d", $0) }.joined(separator: ", "))]

        """

    static func desired() throws -> DesiredState {
        try #require(
            DesiredStateParser.parse([SourceFile(path: "reconcile.yaml", text: desiredText)], environment: [:])
                .desiredState)
    }

    /// `organization/plan` to the names of the repositories that both the live and the desired state put
    /// in the plan: these must never be detached.
    static func mustStay(desired: DesiredState, live: LiveState) throws -> [String: Set<String>] {
        let plan = try #require(Planner.plan(desired: desired, live: live).plan)
        let after = PlanEffects.apply(plan, to: live)
        var result: [String: Set<String>] = [:]
        for organization in live.organizations {
            let names = Dictionary(organization.repositories.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            let target = after.organizations.first { $0.id == organization.id }
            for livePlan in organization.plans {
                let wanted = Set(target?.plans.first { $0.id == livePlan.id }?.repositoryIds ?? [])
                let staying = Set(livePlan.repositoryIds).intersection(wanted).compactMap { names[$0] }
                result["\(organization.name)/\(livePlan.name)"] = Set(staying)
            }
        }
        return result
    }

    @Test(
        "converges within three runs, each exiting 0 or 3; nothing that should stay is detached", arguments: [1, 7, 42])
    func chaoticApply(seed: UInt64) async throws {
        let options = SimulatorOptions(
            faultRate: 0.2, faultMode: .mixed, throttle: 15, tokenTTL: .seconds(2), seed: seed)
        let desired = try Self.desired()
        let names = Set(desired.organizations.map(\.name))
        let file = try EndToEndFixture.file(Self.desiredText)
        try await EndToEndFixture.with(Self.state, options: options) { fixture in
            let stays = try Self.mustStay(desired: desired, live: await fixture.liveState(organizations: names))
            var converged = false
            for run in 1...3 {
                let output = await fixture.reconcile(
                    ["--apply", "--force", "-f", file, "--format", "json", "--retry-time", "20"])
                #expect(output.status == 0 || output.status == 3, "run \(run): \(output.stderr)")
                #expect(!output.all.contains(EndToEndFixture.adminPassword))
                let document = try #require(
                    try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any],
                    "run \(run): \(output.stderr)")
                let operations = document["operations"] as? [[String: Any]] ?? []
                for operation in operations where operation["action"] as? String == "detach" {
                    let plan = "\(operation["organization"] as? String ?? "")/\(operation["plan"] as? String ?? "")"
                    let repository = operation["repository"] as? String ?? ""
                    #expect(!(stays[plan]?.contains(repository) ?? false), "run \(run) detached \(repository)")
                }
                if output.status == 0 {
                    converged = true
                    break
                }
            }
            #expect(converged)
            let final = await fixture.liveState(organizations: names)
            #expect(Planner.plan(desired: desired, live: final).plan?.isEmpty == true)
            // The tokens did expire on the way, and the runs logged in again by themselves.
            let stats = await fixture.simulator.store.stats()
            #expect(stats.calls(path: "/account/login", status: 200) >= 2)
        }
    }
}
