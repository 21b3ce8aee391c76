import Foundation
import Synchronization
import TestSupport
import Testing
import XoperoAPI
import XoperoContract

/// `XoperoClient.readRaw`, the doctor's untyped read: the body goes out as written, through the same
/// middlewares as every typed call (the token, retries, the error mapping), and a write is never sent.
@Suite struct DoctorRawCallTests {
    /// What the server saw.
    final class Seen: Sendable {
        let requests = Mutex<[RawRequest]>([])
        var all: [RawRequest] { requests.withLock { $0 } }
    }

    /// A server that logs in, fails the first listing call with `firstStatus`, then answers `{"ok": true}`.
    static func run(firstStatus: Int, _ body: (XoperoClient, Seen) async throws -> Void) async throws {
        let seen = Seen()
        let respond: MisbehavingServer.Respond = { request, connection in
            let count = seen.requests.withLock {
                $0.append(request)
                return $0.count
            }
            if request.path == "/account/login" {
                try await connection.respond(status: 200, body: #"{"userId": "u", "accessToken": "raw-token-0123"}"#)
            } else if count == 2 {
                try await connection.respond(
                    status: firstStatus, body: #"{"title": "nope", "status": \#(firstStatus)}"#)
            } else {
                try await connection.respond(status: 200, body: #"{"ok": true}"#)
            }
            return true
        }
        try await MisbehavingServer.run(respond) { server in
            let client = try XoperoClient(
                configuration: XoperoClientConfiguration(
                    serverURL: try #require(URL(string: server.url)), callTimeout: .seconds(30),
                    retry: RetryPolicy(
                        initialDelay: .milliseconds(5), maxDelay: .milliseconds(20), totalTime: .seconds(120)),
                    concurrency: .fixed(2)),
                credentials: .password(email: "a@b.c", password: "pw-raw-0001"), logger: quietLogger)
            do {
                try await body(client, seen)
                await client.shutdown()
            } catch {
                await client.shutdown()
                throw error
            }
        }
    }

    @Test("the body goes out as written, with the token, retried after a 503, and the answer comes back as sent")
    func throughTheChain() async throws {
        try await Self.run(firstStatus: 503) { client, seen in
            let body = Data(#"{"Page": 2, "limit": 1}"#.utf8)
            let answer = try await client.readRaw(.getOrganizations, body: body)
            #expect(String(decoding: answer, as: UTF8.self) == #"{"ok": true}"#)
            let requests = seen.all
            #expect(
                requests.map(\.path) == ["/account/login", "/git/organizations/getmany", "/git/organizations/getmany"])
            #expect(requests.last?.body == body)
            #expect(requests.last?.method == "POST")
            #expect(requests.last?.headers["authorization"] == "Bearer raw-token-0123")
            #expect(requests.last?.headers["content-type"]?.hasPrefix("application/json") == true)
        }
    }

    @Test("an answer that is not a success is the client's typed error")
    func errorsAreMapped() async throws {
        try await Self.run(firstStatus: 404) { client, _ in
            await #expect(throws: XoperoClientError.notFound(.getRepositories, errorCode: nil, detail: "nope")) {
                try await client.readRaw(.getRepositories, body: Data("{}".utf8))
            }
        }
    }

    @Test("a write call or login is refused before anything is sent", arguments: XoperoCall.writes + [.login])
    func writesAreRefused(call: XoperoCall) async throws {
        try await Self.run(firstStatus: 200) { client, seen in
            await #expect(throws: XoperoClientError.self) {
                try await client.readRaw(call, body: Data("{}".utf8))
            }
            #expect(seen.all.isEmpty)
        }
    }

    @Test("the token's facts come from the session: an opaque token is not a JWT")
    func tokenFacts() async throws {
        try await Self.run(firstStatus: 200) { client, seen in
            let facts = try await client.tokenFacts()
            #expect(facts == TokenFacts(isJWT: false, expiresAt: nil, roles: nil))
            #expect(seen.all.map(\.path) == ["/account/login"])
        }
    }
}
