import Foundation
import Testing
import XoperoContract

@testable import XoperoSimulator

/// Attach, detach, modify, activate and deactivate over real HTTP, with the counters read back.
@Suite struct WriteHTTPTests {
    let nightly = Fixtures.planId("alpha", "nightly")
    let everything = Fixtures.planId("alpha", "everything")
    let alpha = Fixtures.organizationId("alpha")
    func repo(_ name: String, _ organization: String = "alpha") -> String { Fixtures.repositoryId(organization, name) }

    func attach(_ sim: SimulatorHarness, plan: String, repository: String, token: String) async throws -> WireResponse {
        try await sim.post(
            "/plans/attachgitrepository", json: #"{"planId": "\#(plan)", "repositoryId": "\#(repository)"}"#,
            token: token)
    }

    func detach(_ sim: SimulatorHarness, plan: String, repository: String, token: String) async throws -> WireResponse {
        try await sim.post(
            "/plans/detachgitrepository", json: #"{"planId": "\#(plan)", "repositoryId": "\#(repository)"}"#,
            token: token)
    }

    @Test func attachAndDetachAreIdempotentAndCountersFollow() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.login()
            _ = try await sim.post(
                "/plans/modifygitplan", json: #"{"id": "\#(everything)", "includeAllRepositories": false}"#,
                token: token)
            var organization = try await sim.organization(named: "alpha", token: token)
            #expect(organization.protectedRepositories == 2)
            #expect(organization.missingLicences == 0)
            for _ in 0..<2 {
                let response = try await attach(sim, plan: nightly, repository: repo("mobile"), token: token)
                #expect(response.status == 200)
            }
            organization = try await sim.organization(named: "alpha", token: token)
            #expect(organization.protectedRepositories == 3)
            #expect(organization.missingLicences == 1)
            #expect(organization.plans.first { $0.name == "nightly" }?.repoCount == 3)
            let plans = try await sim.plans(#"{"id": "\#(alpha)"}"#, token: token)
            #expect(
                plans.result.first { $0.name == "nightly" }?.repositoryIds == [
                    repo("api"), repo("web"), repo("mobile"),
                ])
            for _ in 0..<2 {
                #expect(try await detach(sim, plan: nightly, repository: repo("api"), token: token).status == 200)
            }
            organization = try await sim.organization(named: "alpha", token: token)
            #expect(organization.protectedRepositories == 2)
            #expect(organization.plans.first { $0.name == "nightly" }?.repoCount == 2)
            let stats = await sim.store.stats()
            #expect(stats.calls(path: "/plans/attachgitrepository", status: 200) == 2)
            #expect(stats.writeCalls == 5)
        }
    }

    @Test func unknownPlanIs404WithoutCodeAndBadRepositoryIs404GT1001() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.login()
            let unknownPlan = try await attach(
                sim, plan: "fba158dd-6bf4-a4ac-8bc3-7305a9cc4dad", repository: repo("api"), token: token)
            #expect(unknownPlan.status == 404)
            #expect(try unknownPlan.decode(Components.Schemas.ProblemDetails.self).errorCode == nil)
            for repository in ["a4ac7979e-0000-0000-0000-000000000000", repo("old-monolith"), repo("repo-01", "beta")] {
                let response = try await attach(sim, plan: nightly, repository: repository, token: token)
                #expect(response.status == 404)
                #expect(try response.decode(Components.Schemas.ProblemDetails.self).errorCode == "GT1001")
            }
            let detachUnknown = try await detach(sim, plan: nightly, repository: "nope", token: token)
            #expect(try detachUnknown.decode(Components.Schemas.ProblemDetails.self).errorCode == "GT1001")
            let modifyUnknown = try await sim.post(
                "/plans/modifygitplan", json: #"{"id": "nope", "backupType": 5}"#, token: token)
            #expect(modifyUnknown.status == 404)
        }
    }

    @Test func modifyLeavesOutFieldsUnchangedAndKeepsWriteOnlyFields() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.login()
            let body =
                #"{"ID": "\#(nightly)", "includeMetadata": false, "workerId": "w-9", "settings": {"Retention": "30d"}, "backupType": null}"#
            #expect(try await sim.post("/plans/modifygitplan", json: body, token: token).status == 200)
            let plan = try #require(
                try await sim.organization(named: "alpha", token: token).plans.first { $0.name == "nightly" })
            #expect(plan.includeMetadata == false)
            #expect(plan.backupType == 5)
            // Write-only fields are not read back by any call, but the simulator's own state shows them.
            let stored = try #require(await sim.store.snapshot().organizations[0].plans?[0])
            #expect(stored.workerId == "w-9")
            #expect(stored.settings == ["Retention": "30d"])
        }
    }

    @Test func licencePoolRunsOutMidBatchOverHTTP() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.login()
            let ids = [
                repo("api"), repo("mobile"), repo("docs"), repo("repo-02", "beta"),
                "a4ac7979e-0000-0000-0000-000000000000",
            ]
            let json = #"{"ids": [\#(ids.map { "\"\($0)\"" }.joined(separator: ", "))]}"#
            let result = try await sim.call(
                "/git/repositories/activate", json, token: token, as: Components.Schemas.BatchResult.self)
            #expect(result.success == [repo("api"), repo("mobile"), repo("docs")])
            #expect(result.error.map(\.id) == [repo("repo-02", "beta"), "a4ac7979e-0000-0000-0000-000000000000"])
            #expect(result.error.map(\.errorCode) == ["LI5020", "GT1001"])
            let organization = try await sim.organization(named: "alpha", token: token)
            #expect(organization.missingLicences == 0)
            // Deactivating frees a licence for the next activation.
            let freed = try await sim.call(
                "/git/repositories/deactivate", #"{"ids": ["\#(repo("docs"))", "\#(repo("docs"))"]}"#, token: token,
                as: Components.Schemas.BatchResult.self)
            #expect(freed.success == [repo("docs")])
            #expect(freed.error.map(\.errorCode) == ["GT1001"])
            let again = try await sim.call(
                "/git/repositories/activate", #"{"ids": ["\#(repo("repo-02", "beta"))"]}"#, token: token,
                as: Components.Schemas.BatchResult.self)
            #expect(again.success == [repo("repo-02", "beta")])
        }
    }

    @Test func simulatorRoutesShowStateAndStats() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.login()
            _ = try await attach(sim, plan: nightly, repository: repo("docs"), token: token)
            _ = try await sim.post("/git/organizations/getmany", json: "{}", token: nil)
            let state = try await sim.get("/__sim/state")
            #expect(state.status == 200)
            let decoded = try SimulatorStateFile.decode(state.body, path: "/__sim/state")
            #expect(decoded.organizations[0].plans?[0].repositoryIds?.contains(repo("docs")) == true)
            let statsResponse = try await sim.get("/__sim/stats")
            let stats = try statsResponse.decode(SimulatorStats.self)
            #expect(stats.totalCalls == 3)
            #expect(stats.byPath["/account/login"] == 1)
            #expect(stats.byPathAndStatus["/git/organizations/getmany"]?["401"] == 1)
            #expect(stats.byStatus["200"] == 2)
            #expect(stats.writeCalls == 1)
        }
    }
}
