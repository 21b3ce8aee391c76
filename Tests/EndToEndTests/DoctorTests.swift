import Foundation
import TestSupport
import Testing
import XoperoContract
import XoperoSimulator

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `reconcile doctor` against the simulator, in process: what it confirms on a server that behaves as
/// the contract assumes, what it contradicts where it does not, and that it writes nothing and prints
/// no secret.
@Suite("reconcile doctor against the simulator")
struct DoctorTests {
    /// The checks of a JSON report, by name.
    static func checks(_ output: InProcess.Output) throws -> [String: (verdict: String, detail: String)] {
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], "\(output.all)")
        #expect(document["server"] is String)
        let checks = try #require(document["checks"] as? [[String: String]])
        return Dictionary(
            checks.map { ($0["name"] ?? "", (verdict: $0["verdict"] ?? "", detail: $0["detail"] ?? "")) },
            uniquingKeysWith: { first, _ in first })
    }

    static func doctor(_ simulator: RunningSimulator, _ extra: [String] = [], environment: [String: String]? = nil)
        async -> InProcess.Output
    {
        await InProcess.reconcile(
            ["doctor", "--format", "json"] + extra,
            environment: environment ?? TestAccounts.environment(server: simulator.baseURL))
    }

    /// Checked by reading on any installation with two repositories or more.
    static let alwaysConfirmed = [
        "reachability", "login", "token-expiry", "token-role", "organizations", "fields-envelope",
        "fields-organization", "fields-plan", "fields-repository", "fields-plan-assignment", "page-size",
        "paging-second-page", "page-binding", "sorting", "filter-is-removed", "listings", "plan-membership", "counters",
        "synchronization",
    ]

    static func expectHealthy(_ output: InProcess.Output, writes: Int) throws {
        #expect(output.status == 0, "\(output.all)")
        #expect(writes == 0)
        let checks = try Self.checks(output)
        #expect(checks.count == 26)
        for (name, check) in checks {
            #expect(["confirmed", "not-checked"].contains(check.verdict), "\(name): \(check.detail)")
        }
        for name in Self.alwaysConfirmed {
            #expect(checks[name]?.verdict == "confirmed", "\(name): \(checks[name]?.detail ?? "missing")")
        }
        #expect(checks["tls"]?.detail.contains("plain http://") == true)
        #expect(checks["attach-detach-idempotence"]?.verdict == "not-checked")
        #expect(!output.all.contains(TestAccounts.adminPassword))
        #expect(!output.all.contains("eyJ"), "no JWT (whose header always starts so) is printed")
    }

    @Test("the example installation: every check confirmed or not checked, exit 0, zero writes, no secret")
    func exampleInstallation() async throws {
        try await withRunningSimulator(try RepositoryFiles.exampleState()) { simulator in
            let output = await Self.doctor(simulator)
            try Self.expectHealthy(output, writes: await simulator.store.stats().writeCalls)
            let checks = try Self.checks(output)
            #expect(
                checks["counters"]?.detail.hasPrefix("2 organization(s)") == true, "\(checks["counters"]?.detail ?? "")"
            )
            #expect(checks["token-role"]?.detail == "roles SystemAdministrator")
            #expect(checks["filter-is-removed"]?.detail.contains("5 in all") == true)
        }
    }

    @Test("a generated larger installation: every check confirmed or not checked, exit 0, zero writes")
    func generatedInstallation() async throws {
        var state = try StateGenerator.generate(.init(organizations: 4, repositories: 2500, plans: 30, seed: 7))
        state.users = TestAccounts.users
        try await withRunningSimulator(state) { simulator in
            let output = await Self.doctor(simulator)
            try Self.expectHealthy(output, writes: await simulator.store.stats().writeCalls)
            let checks = try Self.checks(output)
            #expect(
                checks["page-size"]?.detail.contains("served 1000 of its") == true,
                "\(checks["page-size"]?.detail ?? "")")
            #expect(checks["plan-membership"]?.detail.contains("with includeAllRepositories, not compared") == true)
        }
    }

    @Test("a server that serves 100 a page: page-size contradicted with the numbers, exit 1, zero writes")
    func cappedPageSize() async throws {
        let big = SimulatorStateFile.Organization(
            name: "big",
            repositories: (1...250).map {
                .init(name: String(format: "repo-%03d", $0), isActive: true, isRemoved: $0 % 50 == 0)
            },
            plans: [.init(name: "nightly", repositories: ["repo-001", "repo-002"])])
        let small = SimulatorStateFile.Organization(
            name: "small", repositories: (1...5).map { .init(name: "s\($0)", isActive: $0 < 4) },
            plans: [.init(name: "weekly", repositories: ["s1"])])
        let state = SimulatorStateFile(users: TestAccounts.users, organizations: [big, small])
        try await withRunningSimulator(state, options: SimulatorOptions(maxPageSize: 100)) { simulator in
            let output = await Self.doctor(simulator)
            #expect(output.status == 1)
            #expect(await simulator.store.stats().writeCalls == 0)
            let checks = try Self.checks(output)
            #expect(checks["page-size"]?.verdict == "contradicted")
            #expect(
                checks["page-size"]?.detail.hasPrefix(
                    #"serves 100 of 1000 asked (repositories of "big": 250 entries on 3 pages)"#)
                    == true, "\(checks["page-size"]?.detail ?? "")")
            let others = checks.filter { $0.value.verdict == "contradicted" }.map(\.key)
            #expect(others == ["page-size"], "the reader follows a consistent cap: \(others)")
            #expect(checks["sorting"]?.detail.contains(#"repositories of "small""#) == true)
            #expect(output.stderr.contains("contradicts 1 assumption(s) of this tool: page-size"))
        }
    }

    @Test("a plan selected by exclusion: plan-membership contradicted naming it with both numbers, exit 1, zero writes")
    func excludePlan() async throws {
        var state = try RepositoryFiles.exampleState()
        state.organizations[0].plans?[1].selection = .exclude
        let name = try #require(state.organizations[0].plans?[1].name)
        try await withRunningSimulator(state) { simulator in
            let output = await Self.doctor(simulator)
            #expect(output.status == 1)
            #expect(await simulator.store.stats().writeCalls == 0)
            let checks = try Self.checks(output)
            let membership = try #require(checks["plan-membership"])
            #expect(membership.verdict == "contradicted")
            #expect(
                membership.detail.contains(#"plan "\#(name)" of "acme": the server counts "#), "\(membership.detail)")
            #expect(membership.detail.contains("its repositoryIds hold 4 (4 not removed, 4 licensed)"))
            #expect(checks["counters"]?.detail.contains(#"not compared for "acme""#) == true)
        }
    }

    @Test("--org limits the run; an --org the server lacks is contradicted")
    func organizationScope() async throws {
        try await withRunningSimulator(try RepositoryFiles.exampleState()) { simulator in
            let labs = await Self.doctor(simulator, ["--org", "acme-labs"])
            #expect(labs.status == 0, "\(labs.all)")
            let checks = try Self.checks(labs)
            #expect(checks["organizations"]?.detail == "2 organization(s) listed, 1 in scope (--org)")
            #expect(checks["fields-organization"]?.detail.hasPrefix("1 organizations") == true)
            let missing = await Self.doctor(simulator, ["--org", "nope"])
            #expect(missing.status == 1)
            #expect(try Self.checks(missing)["organizations"]?.verdict == "contradicted")
        }
    }

    @Test("with XOPERO_TOKEN: login not checked, and the token appears nowhere in the output")
    func fixedToken() async throws {
        try await withRunningSimulator(try RepositoryFiles.exampleState()) { simulator in
            let token = try await TestAccounts.token(server: simulator.baseURL)
            let output = await Self.doctor(
                simulator, environment: ["XOPERO_URL": simulator.baseURL, "XOPERO_TOKEN": token])
            #expect(output.status == 0, "\(output.all)")
            let checks = try Self.checks(output)
            #expect(checks["login"]?.verdict == "not-checked")
            #expect(checks["token-expiry"]?.verdict == "confirmed")
            for part in token.split(separator: ".") where part.count > 8 {
                #expect(!output.all.contains(part), "no part of the token is printed")
            }
        }
    }

    @Test("text by default, through --simulator, exit 0")
    func textThroughSimulatorFlag() async {
        let output = await InProcess.reconcile([
            "doctor", "--simulator", RepositoryFiles.path("examples/live-state.json"),
        ])
        #expect(output.status == 0, "\(output.all)")
        #expect(output.stdout.hasPrefix("reconcile doctor: http://127.0.0.1:"))
        #expect(output.stdout.contains("\nconfirmed     page-size: asked for 1000 a page"))
        #expect(output.stdout.contains("\nnot checked   modify-semantics: "))
        #expect(output.stdout.contains(" 0 contradicted, "))
        #expect(!output.all.contains("change-me"))
    }

    @Test("an unreachable server: reachability contradicted, the rest not reached, exit 1")
    func unreachable() async throws {
        let output = await InProcess.reconcile(
            ["doctor", "--format", "json", "--retry-time", "0", "--timeout", "5"],
            environment: TestAccounts.environment(server: "http://127.0.0.1:1"))
        #expect(output.status == 1)
        let checks = try Self.checks(output)
        #expect(checks["reachability"]?.verdict == "contradicted")
        #expect(checks["sorting"]?.detail == "not reached: doctor could not log in")
        #expect(!output.all.contains(TestAccounts.adminPassword))
    }
}
