import Foundation
import TestSupport
import Testing

/// Broken or hostile answers: every one ends by itself within `--timeout` plus the retry time, with exit 1
/// and a message that says what was wrong, never a crash or a hang.
@Suite("A broken server: every answer bounded, every failure clear")
struct BrokenServerTests {
    static let timeout = 3.0
    static let retryTime = 2.0

    static let organization = """
        {"id": "o-acme", "driver": 1, "name": "acme", "apiUrl": null, "isReadOnly": false,
         "protectedRepositories": 0, "totalRepositories": 0, "missingLicences": 0, "removedRepositories": 0,
         "defaultWorkerId": null, "isCreatedByMarketplace": false, "synchronizationInProgress": false, "plans": []}
        """

    /// Logs in normally, then answers every other call with `broken`.
    static func afterLogin(_ broken: @escaping MisbehavingServer.Respond) -> MisbehavingServer.Respond {
        { request, connection in
            guard request.path == "/account/login" else { return try await broken(request, connection) }
            try await connection.respond(
                status: 200, headers: ["Content-Type": "application/json"],
                body: #"{"userId": "u", "accessToken": "token-0123456789"}"#)
            return true
        }
    }

    static func page(pageCount: String, totalEntries: String) -> MisbehavingServer.Respond {
        afterLogin { _, connection in
            try await connection.respond(
                status: 200, headers: ["Content-Type": "application/json"],
                body:
                    #"{"currentPage": 1, "pageCount": \#(pageCount), "totalEntries": \#(totalEntries), "result": [\#(organization)]}"#
            )
            return true
        }
    }

    /// Each answer, what the message must say, and the `--timeout` to run with (a 2 MB answer needs more
    /// than a second on a loaded machine).
    static let behaviours: [(name: String, respond: MisbehavingServer.Respond, message: String, timeout: Double)] = [
        (
            "Retry-After: inf",
            { _, connection in
                try await connection.respond(status: 429, reason: "Too Many Requests", headers: ["Retry-After": "inf"])
                return true
            }, "HTTP 429, the server kept throttling", timeout
        ),
        (
            "Retry-After: 1e30",
            { _, connection in
                try await connection.respond(status: 429, reason: "Too Many Requests", headers: ["Retry-After": "1e30"])
                return true
            }, "HTTP 429, the server kept throttling", timeout
        ),
        (
            "pageCount 1e8", page(pageCount: "100000000", totalEntries: "100000000"), "more than this tool believes",
            timeout
        ),
        (
            "pageCount Int64.max", page(pageCount: "9223372036854775807", totalEntries: "9223372036854775807"),
            "more than this tool believes", timeout
        ),
        ("negative pageCount", page(pageCount: "-1", totalEntries: "5"), "announced 5 entries on -1 pages", timeout),
        (
            "a 2 MB token",
            { _, connection in
                let token = String(repeating: "a", count: 2 * 1024 * 1024)
                try await connection.respond(
                    status: 200, headers: ["Content-Type": "application/json"],
                    body: #"{"userId": "u", "accessToken": "\#(token)"}"#)
                return true
            }, "the login answer's token is 2097152 bytes long", 10
        ),
        (
            "headers, then silence",
            afterLogin { _, connection in
                try await connection.write(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n")
                try await Task.sleep(for: .seconds(60))
                return false
            }, "no complete answer within 3.0 s", timeout
        ),
        (
            "one byte a second",
            afterLogin { _, connection in
                try await connection.write(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
                for _ in 0..<1000 {
                    try await connection.write(" ")
                    try await Task.sleep(for: .seconds(1))
                }
                return false
            }, "no complete answer within 3.0 s", timeout
        ),
        (
            "an endless chunked body",
            afterLogin { _, connection in
                try await connection.write(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                let chunk = "10000\r\n" + String(repeating: " ", count: 0x10000) + "\r\n"
                while true { try await connection.write(chunk) }
            }, "failed: ", timeout
        ),
        (
            "HTML with status 200",
            { _, connection in
                try await connection.respond(
                    status: 200, headers: ["Content-Type": "text/html"], body: "<html><body>Welcome</body></html>")
                return true
            }, "answered something this tool cannot read", timeout
        ),
        (
            "a redirect loop",
            { request, connection in
                try await connection.respond(status: 302, reason: "Found", headers: ["Location": request.path])
                return true
            }, "answered with a redirect (HTTP 302)", timeout
        ),
    ]

    @Test("each broken answer ends by itself with exit 1 and a clear message", arguments: 0..<behaviours.count)
    func brokenAnswer(index: Int) async throws {
        let behaviour = Self.behaviours[index]
        let file = RepositoryFiles.exampleFile
        try await MisbehavingServer.run(behaviour.respond) { server in
            let clock = ContinuousClock()
            let started = clock.now
            let result = await InProcess.reconcile(
                ["-f", file, "--timeout", "\(behaviour.timeout)", "--retry-time", "\(Self.retryTime)"],
                environment: TestAccounts.environment(server: server.url))
            let elapsed = clock.now - started
            #expect(result.status == 1, "\(behaviour.name): \(result.stderr)")
            #expect(result.stderr.contains(behaviour.message), "\(behaviour.name): \(result.stderr)")
            // Within the timeout plus the retry time, with room for a loaded machine (the whole suite runs
            // in parallel on two cores); a server that stalls or trickles would otherwise hold it for ever.
            #expect(elapsed < .seconds(behaviour.timeout + Self.retryTime + 12), "\(behaviour.name) took \(elapsed)")
            #expect(!result.all.contains(TestAccounts.adminPassword))
            #expect(result.stderr.count < 4000, "\(behaviour.name): the message is bounded")
            if ProcessInfo.processInfo.environment["SHOW_MESSAGES"] != nil {
                print("\(behaviour.name): \(result.stderr)")
            }
        }
    }
}
