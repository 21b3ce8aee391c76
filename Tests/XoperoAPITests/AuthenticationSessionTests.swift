import Foundation
import Synchronization
import Testing

@testable import XoperoAPI

@Suite("Authentication session: one re-login per token generation, renewal before exp, fixed tokens")
struct AuthenticationSessionTests {
    /// A login that hands out `token-1`, `token-2`, ... (or JWTs expiring `life` seconds after `now`).
    final class Logins: Sendable {
        let count = Mutex(0)
        let life: TimeInterval?
        let now: @Sendable () -> Date

        init(life: TimeInterval? = nil, now: @escaping @Sendable () -> Date) {
            self.life = life
            self.now = now
        }

        func next() -> String {
            let number = count.withLock {
                $0 += 1
                return $0
            }
            guard let life else { return "token-\(number)" }
            return jwt(["exp": now().timeIntervalSince1970 + life, "n": number])
        }
    }

    final class ManualDate: Sendable {
        let value = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        func advance(_ seconds: TimeInterval) { value.withLock { $0 += seconds } }
        var now: Date { value.withLock { $0 } }
    }

    static func session(_ logins: Logins, date: ManualDate) -> AuthenticationSession {
        AuthenticationSession(
            credentials: .password(email: "a@b.c", password: "pw"), now: { date.now },
            logIn: { _, _ in logins.next() })
    }

    @Test("concurrent refusals of one token share one login; the next generation is handed to everyone")
    func sharedRelogin() async throws {
        let date = ManualDate()
        let logins = Logins { date.now }
        let session = Self.session(logins, date: date)
        let first = try await session.token(for: .getOrganizations)
        await session.accepted(first.generation)
        let renewed = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 {
                group.addTask { try await session.refused(first.generation, call: .attachGitRepository).token.value }
            }
            var tokens = Set<String>()
            for try await token in group { tokens.insert(token) }
            return tokens
        }
        #expect(renewed == ["token-2"])
        #expect(logins.count.withLock { $0 } == 2)
    }

    @Test("survives any number of expiries: each accepted token that is refused later is renewed")
    func manyExpiries() async throws {
        let date = ManualDate()
        let logins = Logins { date.now }
        let session = Self.session(logins, date: date)
        var issued = try await session.token(for: .getOrganizations)
        for _ in 0..<10 {
            await session.accepted(issued.generation)
            issued = try await session.refused(issued.generation, call: .getOrganizations)
        }
        #expect(issued.token.value == "token-11")
    }

    @Test("a token from a re-login that is refused before it ever worked is an error, not a loop")
    func refusedFreshToken() async throws {
        let date = ManualDate()
        let logins = Logins { date.now }
        let session = Self.session(logins, date: date)
        let first = try await session.token(for: .getOrganizations)
        let second = try await session.refused(first.generation, call: .getOrganizations)
        await #expect(throws: XoperoClientError.unauthorizedAfterRelogin(.getOrganizations)) {
            _ = try await session.refused(second.generation, call: .getOrganizations)
        }
        #expect(logins.count.withLock { $0 } == 2)
    }

    @Test("a JWT is renewed shortly before its exp, with the password, before any call is refused")
    func renewalBeforeExpiry() async throws {
        let date = ManualDate()
        let logins = Logins(life: 100) { date.now }
        let session = Self.session(logins, date: date)
        let first = try await session.token(for: .getOrganizations)
        date.advance(80)
        #expect(try await session.token(for: .getOrganizations).generation == first.generation)
        date.advance(11)  // 91 s: within the last tenth of its life
        let renewed = try await session.token(for: .getOrganizations)
        #expect(renewed.generation == first.generation + 1)
        #expect(logins.count.withLock { $0 } == 2)
    }

    @Test("an expired XOPERO_TOKEN is reported before any call, with when it expired")
    func expiredFixedToken() async {
        let date = ManualDate()
        let expired = jwt(["exp": date.now.timeIntervalSince1970 - 3600])
        let session = AuthenticationSession(
            credentials: .token(expired), now: { date.now },
            logIn: { _, _ in
                Issue.record("a fixed token never logs in")
                return ""
            })
        await #expect(throws: XoperoClientError.tokenExpired(expiredAt: date.now.addingTimeInterval(-3600))) {
            _ = try await session.token(for: .getOrganizations)
        }
        let message = XoperoClientError.tokenExpired(expiredAt: Date(timeIntervalSince1970: 1_800_000_000)).description
        #expect(message.contains("XOPERO_TOKEN expired at 2027-01-15T08:00:00Z"))
    }

    @Test("a fixed token that is refused cannot be renewed: the error names XOPERO_TOKEN")
    func refusedFixedToken() async throws {
        let session = AuthenticationSession(credentials: .token("fixed-token-1234")) { _, _ in "" }
        let issued = try await session.token(for: .getOrganizations)
        await #expect(throws: XoperoClientError.tokenRejected(.attachGitRepository)) {
            _ = try await session.refused(issued.generation, call: .attachGitRepository)
        }
    }

    @Test("an unusable XOPERO_TOKEN is a configuration error that never shows the token")
    func unusableFixedToken() async {
        let secret = "secret part\nX-Evil: 1"
        let session = AuthenticationSession(credentials: .token(secret)) { _, _ in "" }
        do {
            _ = try await session.token(for: .getOrganizations)
            Issue.record("expected a configuration error")
        } catch {
            #expect(error.description.contains("XOPERO_TOKEN holds characters a token cannot have"))
            #expect(!error.description.contains("secret part"))
        }
    }
}
