import Foundation
import TestSupport
import Testing

/// Servers that deviate from our assumptions one way each (a test double of our own, not the simulator,
/// which shares our assumptions): the plan is right when the server is consistent, and refused, with the
/// organization or plan named and nothing written, when it cannot be fully read.
@Suite("First contact: never plan from a live state the tool cannot fully read")
struct FirstContactTests {
    /// acme: five licensed repositories a1...a5; plan nightly holds a1, a2.
    static func acme(plans: [VendorDouble.Plan]? = nil) -> VendorDouble.Organization {
        VendorDouble.Organization(
            "acme", repositories: (1...5).map { VendorDouble.Repository("a\($0)") },
            plans: plans ?? [VendorDouble.Plan("nightly", repositories: ["a1", "a2"])])
    }

    static let desired = """
        version: 1
        organizations:
          - name: acme
            plans:
              - name: nightly
                repositories: [a1, a2, a3]

        """

    static func run(_ double: VendorDouble, _ extra: [String] = []) async throws -> InProcess.Output {
        let file = try RepositoryFiles.temporaryFile(desired)
        return await InProcess.reconcile(
            ["-f", file] + extra, environment: TestAccounts.environment(server: double.url))
    }

    @Test("a server that consistently serves fewer items than asked is followed, and the plan is right")
    func consistentPageCap() async throws {
        try await VendorDouble.run([Self.acme()], deviation: .consistentPageCap(2)) { double in
            let dryRun = try await Self.run(double)
            #expect(dryRun.status == 0, "\(dryRun.stderr)")
            #expect(dryRun.stdout.contains("+ a3"))
            #expect(
                dryRun.stdout.contains("Plan: 0 to activate, 0 to modify, 1 to attach, 0 to detach, 0 to deactivate."))
            let apply = try await Self.run(double, ["--apply"])
            #expect(apply.status == 0, "\(apply.stderr)")
            #expect(double.writeCalls == 1)
        }
    }

    @Test(
        "inconsistent paging, an unstable sort, or plan listings that disagree: exit 1 naming the organization, nothing written",
        arguments: [
            (VendorDouble.Deviation.inconsistentPageCap(2), "announced 1 pages for 5 entries but served 2 on page 1"),
            (.unstableSort(pageSize: 2), "4 different entries listed, the server announced 5; 1 listed twice"),
            (.planMissingFromAssignments("nightly"), "\"nightly\""),
        ])
    func unreadableListings(deviation: VendorDouble.Deviation, numbers: String) async throws {
        try await VendorDouble.run([Self.acme()], deviation: deviation) { double in
            let apply = try await Self.run(double, ["--apply"])
            #expect(apply.status == 1)
            #expect(apply.stderr.contains("organization \"acme\" cannot be read"), "\(apply.stderr)")
            #expect(apply.stderr.contains(numbers), "\(apply.stderr)")
            #expect(apply.stderr.contains("nothing was changed"))
            #expect(double.writeCalls == 0)
            let dryRun = try await Self.run(double)
            #expect(dryRun.status == 1)
        }
    }

    @Test("an organization synchronizing with its Git host is not planned: exit 1 naming it, nothing written")
    func synchronizationInProgress() async throws {
        var acme = Self.acme()
        acme.synchronizationInProgress = true
        try await VendorDouble.run([acme]) { double in
            let apply = try await Self.run(double, ["--apply"])
            #expect(apply.status == 1)
            #expect(apply.stderr.contains("organization \"acme\" cannot be read: it is synchronizing"))
            #expect(apply.stderr.contains("--wait-for-sync"))
            #expect(double.writeCalls == 0)
        }
    }

    @Test(
        "a plan selected by exclusion or by rules, named in the file: exit 1 naming it with both numbers, nothing written",
        arguments: [
            // Exclude mode: a5 is excluded, the plan protects the other four.
            (
                VendorDouble.Plan("nightly", repositories: ["a5"], repoCount: 4),
                "counts 4 repositories in it; its repositoryIds hold 1"
            ),
            // Rules: nothing listed, three matched by a name rule.
            (
                VendorDouble.Plan("nightly", repositories: [], repoCount: 3),
                "counts 3 repositories in it; its repositoryIds hold 0"
            ),
        ])
    func unreadablePlanMembership(plan: VendorDouble.Plan, numbers: String) async throws {
        try await VendorDouble.run([Self.acme(plans: [plan])]) { double in
            let apply = try await Self.run(double, ["--apply"])
            #expect(apply.status == 1)
            #expect(apply.stderr.contains("plan \"nightly\" of organization \"acme\": its membership cannot be read"))
            #expect(apply.stderr.contains(numbers), "\(apply.stderr)")
            #expect(double.writeCalls == 0)
        }
    }

    @Test("isReadOnly is planned normally")
    func readOnlyOrganization() async throws {
        var acme = Self.acme()
        acme.isReadOnly = true
        try await VendorDouble.run([acme]) { double in
            let apply = try await Self.run(double, ["--apply"])
            #expect(apply.status == 0, "\(apply.stderr)")
            #expect(double.writeCalls == 1)
        }
    }

    @Test("a dry run shows what it could plan for the readable organizations and exits 1")
    func partialDryRun() async throws {
        var syncing = Self.acme()
        syncing.synchronizationInProgress = true
        let beta = VendorDouble.Organization(
            "beta", repositories: [VendorDouble.Repository("b1")],
            plans: [VendorDouble.Plan("nightly", repositories: [])])
        let file = try RepositoryFiles.temporaryFile(
            Self.desired + """
                  - name: beta
                    plans:
                      - name: nightly
                        repositories: [b1]

                """)
        try await VendorDouble.run([syncing, beta]) { double in
            let dryRun = await InProcess.reconcile(
                ["-f", file], environment: TestAccounts.environment(server: double.url))
            #expect(dryRun.status == 1)
            #expect(dryRun.stdout.contains("Organization \"beta\""))
            #expect(dryRun.stdout.contains("+ b1"))
            #expect(!dryRun.stdout.contains("Organization \"acme\""))
            #expect(dryRun.stderr.contains("organization \"acme\" cannot be read"))
            let apply = await InProcess.reconcile(
                ["-f", file, "--apply"], environment: TestAccounts.environment(server: double.url))
            #expect(apply.status == 1)
            #expect(double.writeCalls == 0)
        }
    }
}
