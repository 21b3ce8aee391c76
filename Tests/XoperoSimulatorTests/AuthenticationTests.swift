import Foundation
import Testing
import XoperoContract

@testable import XoperoSimulator

/// Login, bearer tokens (401) and roles (403), over real HTTP.
@Suite struct AuthenticationTests {
    static let listingPaths = [
        "/git/organizations/getmany", "/git/repositories/getmany", "/plans/listassignedtoorganization",
    ]
    static let writeCalls: [(path: String, body: String)] = [
        (
            "/plans/attachgitrepository",
            #"{"planId": "\#(Fixtures.planId("alpha", "nightly"))", "repositoryId": "\#(Fixtures.repositoryId("alpha", "mobile"))"}"#
        ),
        (
            "/plans/detachgitrepository",
            #"{"planId": "\#(Fixtures.planId("alpha", "nightly"))", "repositoryId": "\#(Fixtures.repositoryId("alpha", "api"))"}"#
        ),
        ("/plans/modifygitplan", #"{"id": "\#(Fixtures.planId("alpha", "nightly"))", "includeMetadata": false}"#),
        ("/git/repositories/activate", #"{"ids": ["\#(Fixtures.repositoryId("alpha", "mobile"))"]}"#),
        ("/git/repositories/deactivate", #"{"ids": ["\#(Fixtures.repositoryId("alpha", "api"))"]}"#),
    ]

    @Test func loginGivesATokenThatWorks() async throws {
        try await SimulatorHarness.with { sim in
            let response = try await sim.post(
                "/account/login", json: #"{"email": "ADMIN@example.com", "password": "change-me"}"#)
            #expect(response.status == 200)
            let login = try response.decode(Components.Schemas.LoginResponse.self)
            #expect(login.userId == StableID.user(email: Fixtures.admin))
            let token = try #require(login.accessToken)
            #expect(token.count >= 32)
            #expect(try await sim.organizations(token: token).totalEntries == 2)
        }
    }

    @Test(arguments: [
        #"{"email": "admin@example.com", "password": "wrong"}"#,
        #"{"email": "nobody@example.com", "password": "change-me"}"#,
    ])
    func wrongCredentialsAre401(body: String) async throws {
        try await SimulatorHarness.with { sim in
            let response = try await sim.post("/account/login", json: body)
            #expect(response.status == 401)
            #expect(response.body.isEmpty)
        }
    }

    @Test func everyCallButLoginNeedsAValidToken() async throws {
        try await SimulatorHarness.with { sim in
            let paths = Self.listingPaths + Self.writeCalls.map(\.path)
            for path in paths {
                for token in [nil, "not-a-token"] as [String?] {
                    let response = try await sim.post(path, json: "{}", token: token)
                    #expect(response.status == 401, "\(path) with token \(token ?? "none")")
                    #expect(response.body.isEmpty)
                }
            }
            // "Bearer " with nothing after it is no token either.
            let empty = try await sim.post("/git/organizations/getmany", json: "{}", token: "")
            #expect(empty.status == 401)
        }
    }

    @Test func tokensExpireAfterTheirLifetime() async throws {
        let clock = ManualTokenClock()
        try await SimulatorHarness.with(options: SimulatorOptions(tokenTTL: .seconds(60)), clock: clock) { sim in
            let token = try await sim.login()
            #expect(try await sim.post("/git/organizations/getmany", json: "{}", token: token).status == 200)
            clock.advance(by: .seconds(59))
            #expect(try await sim.post("/git/organizations/getmany", json: "{}", token: token).status == 200)
            clock.advance(by: .seconds(1))
            let expired = try await sim.post("/git/organizations/getmany", json: "{}", token: token)
            #expect(expired.status == 401)
            #expect(expired.body.isEmpty)
            // A new login works again.
            #expect(
                try await sim.post("/git/organizations/getmany", json: "{}", token: try await sim.login()).status == 200
            )
        }
    }

    @Test(arguments: [Fixtures.viewer, Fixtures.restorer])
    func readOnlyRolesReadButGet403OnEveryWrite(email: String) async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.login(email)
            let before = await sim.store.snapshot()
            #expect(try await sim.organizations(token: token).totalEntries == 2)
            let alpha = Fixtures.organizationId("alpha")
            #expect(try await sim.repositories(#"{"id": "\#(alpha)"}"#, token: token).totalEntries == 5)
            #expect(try await sim.plans(#"{"id": "\#(alpha)"}"#, token: token).totalEntries == 2)
            for call in Self.writeCalls {
                let response = try await sim.post(call.path, json: call.body, token: token)
                #expect(response.status == 403, "\(call.path)")
                #expect(try response.decode(Components.Schemas.ProblemDetails.self).status == 403)
            }
            #expect(await sim.store.snapshot() == before)
        }
    }

    @Test func backupOperatorsMayWrite() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.login(Fixtures.operatorEmail)
            for call in Self.writeCalls {
                #expect(try await sim.post(call.path, json: call.body, token: token).status == 200, "\(call.path)")
            }
        }
    }
}
