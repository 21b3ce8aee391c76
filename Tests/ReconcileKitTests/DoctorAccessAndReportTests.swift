import Foundation
import ReconcileKit
import Testing
import XoperoAPI
import XoperoContract

/// The token, connection and report verdicts, without a network.
@Suite struct DoctorAccessAndReportTests {
    static func base64URL(_ text: String) -> String {
        Base64URL.encoded(Data(text.utf8))
    }

    static func jwt(_ claims: String) -> String {
        [base64URL(#"{"alg":"HS256","typ":"JWT"}"#), base64URL(claims), "c2lnbmF0dXJl"].joined(separator: ".")
    }

    static let roleClaim = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"

    @Test("a JWT's exp and role array are read; nothing else is kept")
    func jwtFacts() {
        let facts = TokenFacts(
            token: Self.jwt(
                #"{"exp": 1900000000, "email": "ops@example.com", "\#(Self.roleClaim)": ["SystemAdministrator", "UserManagement"]}"#
            ))
        #expect(facts.isJWT)
        #expect(facts.expiresAt == Date(timeIntervalSince1970: 1_900_000_000))
        #expect(facts.roles == ["SystemAdministrator", "UserManagement"])
        #expect(TokenFacts(token: Self.jwt(#"{"role": "Viewer"}"#)).roles == ["Viewer"])
        #expect(TokenFacts(token: Self.jwt(#"{"exp": 1900000000}"#)).roles == nil)
    }

    @Test(
        "a token that is not a JWT has no facts",
        arguments: ["double-token-0123456789", "a.b", "a.b.c", Self.base64URL("{}") + ".bm90IGpzb24.c2ln"])
    func notJWT(token: String) {
        let facts = TokenFacts(token: token)
        #expect(!facts.isJWT)
        #expect(facts.expiresAt == nil && facts.roles == nil)
    }

    @Test("token-expiry: a JWT with exp is confirmed with the time; anything else is contradicted")
    func tokenExpiry() {
        let now = Date(timeIntervalSince1970: 1_900_000_000 - 30 * 86_400)
        let confirmed = AccessJudge.tokenExpiry(
            TokenFacts(token: Self.jwt(#"{"exp": 1900000000}"#)), now: now, loggedIn: true)
        #expect(confirmed.verdict == .confirmed)
        #expect(confirmed.detail.contains("2030-03-17T17:46:40Z, in 30.0 days"))
        let notJWT = AccessJudge.tokenExpiry(TokenFacts(token: "opaque"), now: now, loggedIn: true)
        #expect(notJWT.verdict == .contradicted)
        #expect(notJWT.detail.hasPrefix("the token is not a JWT"))
        let noExp = AccessJudge.tokenExpiry(TokenFacts(token: Self.jwt("{}")), now: now, loggedIn: false)
        #expect(noExp.verdict == .contradicted)
    }

    @Test(
        "token-role: an administrator role is confirmed, another contradicted, none not checked",
        arguments: [
            (["SystemAdministrator", "UserManagement"], DoctorVerdict.confirmed),
            (["RootAdministrator"], .confirmed),
            (["Viewer"], .contradicted),
            ([], .notChecked),
        ])
    func tokenRole(roles: [String], verdict: DoctorVerdict) {
        let check = AccessJudge.tokenRole(TokenFacts(isJWT: true, expiresAt: nil, roles: roles.isEmpty ? nil : roles))
        #expect(check.verdict == verdict, "\(check.detail)")
    }

    @Test("a failure to get in contradicts the step that failed")
    func failures() {
        #expect(AccessJudge.failure(.unreachable(.login, server: "s", detail: "refused")).topic == .reachability)
        #expect(AccessJudge.failure(.tls(.login, server: "s", detail: "untrusted")).topic == .tls)
        #expect(AccessJudge.failure(.loginRejected(email: "a@b.c")).topic == .login)
        #expect(AccessJudge.failure(.tokenExpired(expiredAt: Date())).topic == .tokenExpiry)
        #expect(AccessJudge.failure(.serverFault(.getOrganizations, status: 500)).topic == .listings)
        #expect(AccessJudge.tls(.plain).verdict == .notChecked)
        #expect(AccessJudge.tls(.verified).verdict == .confirmed)
        #expect(AccessJudge.login(loggedIn: false).verdict == .notChecked)
    }

    @Test("the report lists every topic once, in order, keeping a contradiction over a later verdict")
    func reportOrder() {
        let report = DoctorReport(
            server: "https://x",
            checks: [
                DoctorCheck(.sorting, .confirmed, "fine"), DoctorCheck(.login, .contradicted, "refused"),
                DoctorCheck(.login, .notChecked, "later"), DoctorCheck(.sorting, .notChecked, "last"),
            ], missingReason: "not reached")
        #expect(report.checks.map(\.topic) == DoctorTopic.allCases)
        #expect(report.checks.first { $0.topic == .login }?.detail == "refused")
        #expect(report.checks.first { $0.topic == .sorting }?.detail == "last")
        #expect(report.checks.first { $0.topic == .counters }?.detail == "not reached")
        #expect(report.isContradicted)
        #expect(report.exitStatus == .failure)
        #expect(DoctorReport(server: "s", checks: [], missingReason: "n").exitStatus == .success)
    }

    @Test("the JSON report is {server, checks: [{name, verdict, detail}]} and escapes what it prints")
    func jsonReport() throws {
        let report = DoctorReport(
            server: "https://x", checks: [DoctorCheck(.tls, .confirmed, "quote \" and \u{1b}")],
            missingReason: "not reached")
        let parsed = try #require(
            try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(Set(parsed.keys) == ["server", "checks"])
        let checks = try #require(parsed["checks"] as? [[String: String]])
        #expect(checks.count == DoctorTopic.allCases.count)
        #expect(checks.allSatisfy { Set($0.keys) == ["name", "verdict", "detail"] })
        #expect(checks.allSatisfy { ["confirmed", "contradicted", "not-checked"].contains($0["verdict"] ?? "") })
        #expect(checks.first { $0["name"] == "tls" }?["detail"] == "quote \" and \u{1b}")
        #expect(!report.json.contains("\u{1b}"))
    }

    @Test("the text report: one line a check, the verdict first, then the counts")
    func textReport() {
        let report = DoctorReport(
            server: "https://x", checks: [DoctorCheck(.tls, .confirmed, "verified")], missingReason: "not reached")
        #expect(report.text.hasPrefix("reconcile doctor: https://x\n\n"))
        #expect(report.text.contains("\nconfirmed     tls: verified\n"))
        #expect(report.text.contains("\nnot checked   login: not reached\n"))
        #expect(report.text.hasSuffix("1 confirmed, 0 contradicted, \(DoctorTopic.allCases.count - 1) not checked.\n"))
    }
}
