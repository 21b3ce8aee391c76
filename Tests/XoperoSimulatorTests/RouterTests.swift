import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XoperoContract

@testable import XoperoSimulator

/// The simulator's router driven in process, without a socket (HummingbirdTesting `.router`): the same
/// middlewares and handlers the server runs, checked quickly and without a port.
@Suite struct RouterTests {
    static func application() throws -> some ApplicationProtocol {
        let store = SimulatorStore(
            world: try SimulatorWorld(state: Fixtures.state()), tokenLifetime: .seconds(60), persister: nil,
            logger: SimulatorServer.quietLogger)
        return Application(router: try SimulatorServer.makeRouter(store: store, options: SimulatorOptions()))
    }

    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    static func login(_ client: some TestClientProtocol, email: String = Fixtures.admin) async throws -> String {
        try await client.execute(
            uri: "/account/login", method: .post, headers: [.contentType: "application/json"],
            body: json(#"{"email": "\#(email)", "password": "\#(Fixtures.password)"}"#)
        ) { response in
            #expect(response.status == .ok)
            return try JSONDecoder().decode(Components.Schemas.LoginResponse.self, from: Data(buffer: response.body))
                .accessToken ?? ""
        }
    }

    @Test func aListingWithTheVendorsCapitalizedPageKey() async throws {
        try await Self.application().test(.router) { client in
            let token = try await Self.login(client)
            try await client.execute(
                uri: "/git/organizations/getmany", method: .post,
                headers: [.contentType: "application/json", .authorization: "Bearer \(token)"],
                body: Self.json(#"{"limit": 1, "orderby": "Name", "ordertype": "desc", "Page": 2}"#)
            ) { response in
                #expect(response.status == .ok)
                let page = try JSONDecoder().decode(
                    Components.Schemas.OrganizationPage.self, from: Data(buffer: response.body))
                #expect(page.currentPage == 2)
                #expect(page.result.map(\.name) == ["alpha"])
            }
        }
    }

    @Test func aViewerIsRefusedAWriteAndTheStatsCountIt() async throws {
        try await Self.application().test(.router) { client in
            let token = try await Self.login(client, email: Fixtures.viewer)
            try await client.execute(
                uri: "/plans/attachgitrepository", method: .post,
                headers: [.contentType: "application/json", .authorization: "Bearer \(token)"],
                body: Self.json(#"{"planId": "p", "repositoryId": "r"}"#)
            ) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/__sim/stats", method: .get) { response in
                let stats = try JSONDecoder().decode(SimulatorStats.self, from: Data(buffer: response.body))
                #expect(stats.calls(path: "/plans/attachgitrepository", status: 403) == 1)
                #expect(stats.writeCalls == 1)
            }
        }
    }
}
