import Foundation
import Synchronization
import TestSupport
import Testing
import XoperoAPI
import XoperoContract

/// Counts the requests a loopback server got, answering each with 500.
final class RequestLog: Sendable {
    let paths = Mutex<[String]>([])
    var count: Int { paths.withLock { $0.count } }

    var respond: MisbehavingServer.Respond {
        { request, connection in
            self.paths.withLock { $0.append(request.path) }
            try await connection.respond(status: 500, reason: "Internal Server Error")
            return true
        }
    }
}

@Suite("Hostile input: flags, tokens and output paths are checked before any call")
struct HostileInputTests {
    @Test(
        "durations that are infinite, not a number or absurd are a usage error (exit 64), not a crash",
        arguments: [
            ["--timeout", "inf"], ["--timeout", "1e300"], ["--timeout", "nan"], ["--timeout", "-1"],
            ["--retry-time", "inf"], ["--retry-time", "-0.5"], ["--wait-for-sync", "inf"],
            ["--concurrency", "0"], ["--concurrency", "lots"], ["--max-concurrency", "100000"],
        ])
    func absurdFlags(arguments: [String]) async {
        let result = await InProcess.reconcile(["-f", RepositoryFiles.exampleFile] + arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(arguments[0]), "\(result.stderr)")
    }

    @Test("an expired XOPERO_TOKEN is reported before any call, with when it expired")
    func expiredToken() async throws {
        let log = RequestLog()
        let expired = Self.jwt(exp: Date().timeIntervalSince1970 - 86_400)
        try await MisbehavingServer.run(log.respond) { server in
            let result = await InProcess.reconcile(
                ["-f", RepositoryFiles.exampleFile], environment: ["XOPERO_URL": server.url, "XOPERO_TOKEN": expired])
            #expect(result.status == 1)
            #expect(result.stderr.contains("the token in XOPERO_TOKEN expired at"), "\(result.stderr)")
            #expect(!result.all.contains(expired))
        }
        #expect(log.count == 0)
    }

    @Test("a login answer without a token (a second factor, no password) says to use XOPERO_TOKEN")
    func loginWithoutToken() async throws {
        let respond: MisbehavingServer.Respond = { _, connection in
            try await connection.respond(
                status: 200, headers: ["Content-Type": "application/json"], body: #"{"userId": "u-2fa"}"#)
            return true
        }
        try await MisbehavingServer.run(respond) { server in
            let result = await InProcess.reconcile(
                ["-f", RepositoryFiles.exampleFile], environment: TestAccounts.environment(server: server.url))
            #expect(result.status == 1)
            #expect(result.stderr.contains("answered without a token for admin@example.com"))
            #expect(result.stderr.contains("set XOPERO_TOKEN"))
        }
    }

    @Test("--out that cannot be written is refused before any call, even with --apply")
    func outCheckedFirst() async throws {
        let log = RequestLog()
        try await MisbehavingServer.run(log.respond) { server in
            for out in ["/dev/null", "/nonexistent-\(UUID().uuidString)/plan.json", RepositoryFiles.exampleFile] {
                let result = await InProcess.reconcile(
                    ["-f", RepositoryFiles.exampleFile, "--apply", "--out", out],
                    environment: TestAccounts.environment(server: server.url))
                #expect(result.status == 1, "\(out): \(result.stderr)")
                #expect(result.stderr.contains("--out \(out):"), "\(result.stderr)")
            }
        }
        #expect(log.count == 0)
    }

    @Test("a password sent over plain http to another host is warned about; loopback is not")
    func cleartextWarning() async throws {
        let output = CapturedOutputForTests()
        let remote = ConnectionSettingsForTests.make("http://xopero.example.com")
        try await remote.makeClient(logger: quietLogger, output: output.sink).shutdown()
        #expect(output.sink.standardError.contains("plain http://, so the password and every token cross the network"))
        let local = CapturedOutputForTests()
        for url in ["http://127.0.0.1:8080", "http://localhost", "https://xopero.example.com"] {
            try await ConnectionSettingsForTests.make(url).makeClient(logger: quietLogger, output: local.sink)
                .shutdown()
        }
        #expect(local.sink.standardError.isEmpty)
    }

    static func jwt(exp: TimeInterval) -> String {
        let payload = Base64URL.encoded(Data(#"{"exp": \#(Int(exp)), "role": ["SystemAdministrator"]}"#.utf8))
        return "eyJhbGciOiJIUzI1NiJ9.\(payload).c2ln"
    }
}
