import Foundation
import Testing
import XoperoContract

@testable import XoperoSimulator

/// JWT-shaped tokens like the vendor's, two-factor accounts, and the RootAdministrator role.
@Suite struct TokenTests {
    static func part(_ token: String, _ index: Int) throws -> [String: JSONValue] {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        try #require(parts.count == 3, "header.payload.signature: \(token)")
        let data = try #require(Base64URL.decoded(parts[index]))
        guard case .object(let fields)? = JSONValue.parse(data) else {
            Issue.record("part \(index) is not a JSON object")
            return [:]
        }
        return fields
    }

    @Test func tokensAreJWTsWithTheVendorsClaims() async throws {
        let clock = ManualTokenClock()
        clock.advance(by: .seconds(500))
        let options = SimulatorOptions(tokenTTL: .seconds(3600))
        try await SimulatorHarness.with(options: options, clock: clock) { sim in
            let response = try await sim.post(
                "/account/login", json: #"{"email": "\#(Fixtures.operatorEmail)", "password": "change-me"}"#)
            let login = try response.decode(Components.Schemas.LoginResponse.self)
            let token = try #require(login.accessToken)
            #expect(token.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }, "base64url only")
            #expect(try Self.part(token, 0) == ["alg": .string("HS256"), "typ": .string("JWT")])
            let claims = try Self.part(token, 1)
            #expect(claims[AccessToken.nameIdentifierClaim] == .string(login.userId))
            #expect(claims[AccessToken.emailClaim] == .string(Fixtures.operatorEmail))
            #expect(claims[AccessToken.nameClaim] == .string(Fixtures.operatorEmail))
            #expect(claims[AccessToken.roleClaim] == .array([.string("BackupOperator")]))
            guard case .integer(let exp)? = claims["exp"] else {
                Issue.record("exp must be whole Unix seconds: \(String(describing: claims["exp"]))")
                return
            }
            let expected = Int64(clock.wallTime.timeIntervalSince1970) + 3600
            #expect(abs(exp - expected) <= 1)
            // The signature is there (32 bytes) and every login gets another token.
            let signature = token.split(separator: ".").last.map(String.init) ?? ""
            #expect(Base64URL.decoded(signature)?.count == 32)
            #expect(try await sim.login(Fixtures.operatorEmail) != token)
            #expect(try await sim.organizations(token: token).totalEntries == 2)
        }
    }

    @Test func theServerChecksItsOwnSessionsNotTheClaims() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.login()
            let parts = token.split(separator: ".").map(String.init)
            // A well-formed token the server never issued: same header and claims, another signature.
            let forged = parts[0] + "." + parts[1] + "." + Base64URL.encoded(Data(repeating: 7, count: 32))
            let response = try await sim.post("/git/organizations/getmany", json: "{}", token: forged)
            #expect(response.status == 401)
        }
    }

    @Test func aTwoFactorAccountGetsNoToken() async throws {
        try await SimulatorHarness.with(Fixtures.selectionState()) { sim in
            let response = try await sim.post(
                "/account/login", json: #"{"email": "\#(Fixtures.twoFactor)", "password": "change-me"}"#)
            #expect(response.status == 200)
            let login = try response.decode(Components.Schemas.LoginResponse.self)
            #expect(login.userId == StableID.user(email: Fixtures.twoFactor))
            #expect(login.accessToken == nil)
            #expect(!response.text.contains("accessToken"))
            let wrong = try await sim.post(
                "/account/login", json: #"{"email": "\#(Fixtures.twoFactor)", "password": "nope"}"#)
            #expect(wrong.status == 401)
        }
    }

    @Test func aRootAdministratorMayReadAndWrite() async throws {
        try await SimulatorHarness.with(Fixtures.selectionState()) { sim in
            let token = try await sim.login(Fixtures.root)
            #expect(try await sim.organizations(token: token).totalEntries == 3)
            for call in AuthenticationTests.writeCalls {
                #expect(try await sim.post(call.path, json: call.body, token: token).status == 200, "\(call.path)")
            }
        }
    }

    @Test func theSessionTableIsPrunedOfExpiredSessions() async throws {
        let clock = ManualTokenClock()
        let store = SimulatorStore(
            world: try SimulatorWorld(state: Fixtures.state()), tokenLifetime: .seconds(60), clock: clock,
            persister: nil, logger: SimulatorServer.quietLogger, sessionsBeforePruning: 50)
        for _ in 0..<50 {
            _ = await store.login(email: Fixtures.admin, password: Fixtures.password)
        }
        clock.advance(by: .seconds(61))
        guard case .token(_, let fresh) = await store.login(email: Fixtures.admin, password: Fixtures.password) else {
            Issue.record("login failed")
            return
        }
        #expect(await store.sessions.count == 1)
        #expect(await store.session(token: fresh) != nil)
    }
}
