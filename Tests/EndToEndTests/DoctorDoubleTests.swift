import Foundation
import Synchronization
import TestSupport
import Testing

/// `reconcile doctor` against servers of our own that differ from the contract (the simulator shares
/// our assumptions, so it cannot): a token that is not a JWT, a role the vendor does not let use the
/// API, answers whose fields differ from openapi.yaml.
@Suite("reconcile doctor against servers that differ from the contract")
struct DoctorDoubleTests {
    @Test("a token that is not a JWT: token-expiry contradicted, token-role not checked, zero writes")
    func tokenNotJWT() async throws {
        let acme = VendorDouble.Organization(
            "acme", repositories: (1...3).map { VendorDouble.Repository("a\($0)") },
            plans: [VendorDouble.Plan("nightly", repositories: ["a1"])])
        try await VendorDouble.run([acme]) { double in
            let output = await InProcess.reconcile(
                ["doctor", "--format", "json"], environment: TestAccounts.environment(server: double.url))
            #expect(output.status == 1)
            #expect(double.writeCalls == 0)
            let checks = try DoctorTests.checks(output)
            #expect(checks["token-expiry"]?.verdict == "contradicted")
            #expect(checks["token-expiry"]?.detail.hasPrefix("the token is not a JWT") == true)
            #expect(checks["token-role"]?.verdict == "not-checked")
            #expect(checks["fields-repository"]?.verdict == "confirmed")
            // The double reports protectedRepositories 0 whatever is attached.
            #expect(
                checks["counters"]?.detail.contains(#""acme": protectedRepositories 0 reported, 1 counted"#) == true)
            #expect(!output.all.contains("double-token-0123456789"))
        }
    }

    @Test("fields that differ from openapi.yaml and a Viewer's token: contradicted with the places, zero writes")
    func fieldsDiffer() async throws {
        try await FieldDouble.run { double in
            let output = await InProcess.reconcile(
                ["doctor", "--format", "json"], environment: TestAccounts.environment(server: double.url))
            #expect(output.status == 1)
            #expect(double.writes == 0)
            let checks = try DoctorTests.checks(output)
            let fields = try #require(checks["fields-repository"])
            #expect(fields.verdict == "contradicted")
            #expect(
                fields.detail.contains(#"result[0] "a1".isActive: a string, the contract says a boolean"#),
                "\(fields.detail)")
            #expect(fields.detail.contains(#"result[0] "a1".isRemoved: missing"#))
            #expect(fields.detail.contains("fields beyond the contract's: archived"))
            #expect(
                checks["fields-organization"]?.verdict == "confirmed", "\(checks["fields-organization"]?.detail ?? "")")
            // The typed reading fails on the same answer; the later checks are not reached.
            #expect(checks["listings"]?.verdict == "contradicted")
            #expect(checks["sorting"]?.detail == "not reached: the live state cannot be read")
            #expect(checks["token-role"]?.verdict == "contradicted")
            #expect(checks["token-role"]?.detail.hasPrefix("roles Viewer: the vendor says only") == true)
            #expect(!output.all.contains(FieldDouble.token))
        }
    }
}

/// One organization whose repositories answer `isActive` as a string, without `isRemoved`, with an extra
/// `archived`; its login gives a Viewer's JWT.
struct FieldDouble: Sendable {
    let url: String
    private let counter: Counter

    var writes: Int { counter.value.withLock { $0 } }

    final class Counter: Sendable {
        let value = Mutex(0)
    }

    static let token =
        [
            #"{"alg":"HS256","typ":"JWT"}"#,
            #"{"exp":4102444800,"http://schemas.microsoft.com/ws/2008/06/identity/claims/role":["Viewer"]}"#,
        ].map { Data($0.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "") }.joined(separator: ".")
        + ".c2lnbmF0dXJlLW9mLXRoZS1kb3VibGU"

    static func run(_ body: (FieldDouble) async throws -> Void) async throws {
        let counter = Counter()
        let respond: MisbehavingServer.Respond = { request, connection in
            if !request.path.contains("getmany") && !request.path.contains("login")
                && !request.path.contains("listassigned")
            {
                counter.value.withLock { $0 += 1 }
            }
            try await connection.respond(
                status: 200, headers: ["Content-Type": "application/json"], body: answer(request.path))
            return true
        }
        try await MisbehavingServer.run(respond) { server in
            try await body(FieldDouble(url: server.url, counter: counter))
        }
    }

    static func answer(_ path: String) -> String {
        switch path {
        case "/account/login":
            return #"{"userId": "u-1", "accessToken": "\#(token)"}"#
        case "/git/organizations/getmany":
            return page(
                #"{"id": "o-acme", "driver": 1, "name": "acme", "apiUrl": null, "isReadOnly": false, "protectedRepositories": 1, "totalRepositories": 2, "missingLicences": 0, "removedRepositories": 0, "defaultWorkerId": null, "isCreatedByMarketplace": false, "synchronizationInProgress": false, "plans": [{"id": "p-1", "name": "nightly", "backupType": 5, "includeMetadata": true, "repoCount": 1, "lastStatus": {"successes": 1, "warnings": 0, "errors": 0}, "planFinishedTime": null, "isRunning": false}]}"#,
                count: 1)
        case "/git/repositories/getmany":
            return page(
                #"{"id": "r-a1", "name": "a1", "isActive": "true", "archived": false}, {"id": "r-a2", "name": "a2", "isActive": "false", "archived": true}"#,
                count: 2)
        case "/plans/listassignedtoorganization":
            return page(
                #"{"id": "p-1", "name": "nightly", "includeAllRepositories": false, "repositoryIds": ["r-a1"]}"#,
                count: 1)
        default:
            return "{}"
        }
    }

    static func page(_ items: String, count: Int) -> String {
        #"{"currentPage": 1, "pageCount": 1, "totalEntries": \#(count), "result": [\#(items)]}"#
    }
}
