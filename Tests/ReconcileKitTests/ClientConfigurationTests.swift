import Foundation
import ReconcileCore
import Testing

@testable import ReconcileKit
@testable import XoperoAPI

@Suite("Credentials, server URL, retry policy and small pure helpers")
struct ClientConfigurationTests {
    struct UnreadableFile: Error {}

    @Test(
        "credentials come from the environment in the documented forms",
        arguments: [
            (["XOPERO_EMAIL": "a@b.c", "XOPERO_PASSWORD": "pw"], "password login as a@b.c"),
            (["XOPERO_EMAIL": "a@b.c", "XOPERO_PASSWORD_FILE": "/secret"], "password login as a@b.c"),
            (["XOPERO_TOKEN": "tok"], "a ready token (XOPERO_TOKEN)"),
            (["XOPERO_EMAIL": "a@b.c", "XOPERO_PASSWORD": "pw", "XOPERO_TOKEN": "tok"], "password login as a@b.c"),
        ])
    func credentialForms(environment: [String: String], expected: String) throws {
        let credentials = try XoperoCredentials.fromEnvironment(environment) { _ in "from-file\n" }
        #expect(credentials.description == expected)
        #expect(!credentials.description.contains("pw") && !credentials.description.contains("tok\""))
    }

    @Test(
        "a password file loses exactly one trailing line break",
        arguments: [
            ("secret\n", "secret"), ("secret\r\n", "secret"), ("secret", "secret"), ("secret\n\n", "secret\n"),
            (" sp ace \n", " sp ace "),
        ])
    func passwordFileTrimming(content: String, expected: String) throws {
        let credentials = try XoperoCredentials.fromEnvironment(
            ["XOPERO_EMAIL": "a@b.c", "XOPERO_PASSWORD_FILE": "/secret"]) { _ in content }
        #expect(credentials.secrets == [expected])
    }

    @Test(
        "missing or conflicting credentials are refused with what to set",
        arguments: [
            ([:], "no credentials"),
            (["XOPERO_EMAIL": "a@b.c"], "no password"),
            (["XOPERO_EMAIL": "a@b.c", "XOPERO_PASSWORD": "pw", "XOPERO_PASSWORD_FILE": "/x"], "set only one"),
            (["XOPERO_EMAIL": "a@b.c", "XOPERO_PASSWORD_FILE": "/unreadable"], "cannot read the password file"),
        ])
    func refusedCredentials(environment: [String: String], fragment: String) {
        let error = #expect(throws: XoperoClientError.self) {
            _ = try XoperoCredentials.fromEnvironment(environment) { _ in throw UnreadableFile() }
        }
        #expect(error?.description.contains(fragment) == true, "\(String(describing: error))")
    }

    @Test(
        "server URLs must be http(s) with a host and no embedded credentials",
        arguments: [
            ("https://xopero.example.com", true), ("http://127.0.0.1:8080", true), ("xopero.example.com", false),
            ("ftp://x", false), ("https://user:pw@xopero.example.com", false), ("", false),
        ])
    func serverURLs(text: String, valid: Bool) {
        do {
            _ = try XoperoClientConfiguration.parseServerURL(text)
            #expect(valid)
        } catch {
            #expect(!valid)
            #expect(!error.description.contains("pw@"))
        }
    }

    @Test("backoff doubles from the initial delay, is capped, and keeps at least half of its value as jitter floor")
    func backoff() {
        let policy = RetryPolicy(initialDelay: .milliseconds(100), maxDelay: .seconds(1))
        #expect(policy.backoff(beforeRetry: 1, random: 0) == .milliseconds(50))
        #expect(policy.backoff(beforeRetry: 1, random: 1) == .milliseconds(100))
        #expect(policy.backoff(beforeRetry: 3, random: 1) == .milliseconds(400))
        #expect(policy.backoff(beforeRetry: 10, random: 1) == .seconds(1))
        #expect(policy.backoff(beforeRetry: 10, random: 0) == .milliseconds(500))
    }

    @Test(
        "what is retried: 429 and 503 always; 500, 502, 504 only when repeating the call is harmless",
        arguments: [
            (429, false, true), (503, false, true), (500, false, false), (500, true, true), (502, true, true),
            (504, true, true), (400, true, false), (401, true, false), (403, true, false), (404, true, false),
        ])
    func retryableStatuses(status: Int, idempotent: Bool, retried: Bool) {
        #expect(RetryMiddleware.isRetryable(status: status, idempotent: idempotent) == retried)
    }

    @Test("--org keeps the named organizations and refuses a name the files do not declare")
    func organizationFilter() throws {
        let here = SourceLocation(file: "f.yaml", line: 1, column: 1)
        let desired = DesiredState(
            organizations: ["acme", "labs"].map { DesiredOrganization(name: $0, plans: [], location: here) })
        #expect(try OrganizationFilter.restrict(desired, to: ["labs"]).organizations.map(\.name) == ["labs"])
        #expect(try OrganizationFilter.restrict(desired, to: []).organizations.count == 2)
        let error = #expect(throws: ReconcileError.self) { _ = try OrganizationFilter.restrict(desired, to: ["acm"]) }
        #expect(error?.description.contains("acme, labs") == true)
    }

    @Test("transport errors are sorted into TLS, cancellation and connection failures")
    func transportFailures() {
        struct FakeSSL: Error, CustomStringConvertible { var description: String { "NIOSSLError.handshakeFailed" } }
        struct Refused: Error, CustomStringConvertible {
            var description: String { "connect: Connection refused (errno: 111)" }
        }
        #expect(TransportFailure(CancellationError()) == .cancelled)
        #expect(TransportFailure(FakeSSL()) == .tls)
        #expect(TransportFailure(Refused()) == .connection)
        #expect(TransportFailure.summary(of: Refused()) == "connection refused")
    }
}
