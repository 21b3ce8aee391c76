import Foundation
import XoperoAPI
import XoperoContract

/// Judges how the doctor got in: the connection, the login answer and the token. Pure.
public enum AccessJudge {
    /// How the connection was made, for the TLS verdict.
    public enum Transport: Sendable, Hashable {
        /// https with the certificate verified (against the system's roots, or `--ca-cert`).
        case verified
        /// https with `--insecure`.
        case unverified
        /// plain http.
        case plain
    }

    public static func reachability(server: String, firstCall: XoperoCall) -> DoctorCheck {
        DoctorCheck(.reachability, .confirmed, "\(server) answered \(firstCall.displayName)")
    }

    public static func tls(_ transport: Transport) -> DoctorCheck {
        switch transport {
        case .verified:
            DoctorCheck(.tls, .confirmed, "https, the server's certificate verified")
        case .unverified:
            DoctorCheck(.tls, .notChecked, "--insecure: the server's certificate was not verified")
        case .plain:
            DoctorCheck(
                .tls, .notChecked, "plain http://: there is no TLS to verify, and credentials cross unencrypted")
        }
    }

    /// The verdict when the doctor could not get in or read at all: the failing step contradicted, with
    /// the error.
    public static func failure(_ error: XoperoClientError) -> DoctorCheck {
        let topic: DoctorTopic
        switch error {
        case .unreachable, .timedOut, .answerTooLarge: topic = .reachability
        case .tls: topic = .tls
        case .tokenExpired: topic = .tokenExpiry
        case .forbidden: topic = .tokenRole
        case .loginRejected, .noTokenInLoginAnswer, .tokenRejected, .unauthorizedAfterRelogin, .configuration:
            topic = .login
        default: topic = error.call == .login ? .login : .listings
        }
        return DoctorCheck(topic, .contradicted, error.description)
    }

    /// The login answer: with a password the tool logged in; with `XOPERO_TOKEN` login is not called.
    public static func login(loggedIn: Bool) -> DoctorCheck {
        loggedIn
            ? DoctorCheck(
                .login, .confirmed, "\(XoperoCall.login.displayName) answered 200 with userId and accessToken")
            : DoctorCheck(.login, .notChecked, "a ready token (XOPERO_TOKEN) was used, so login was not called")
    }

    /// The token is a JWT whose `exp` says when it expires (read without verifying it).
    public static func tokenExpiry(_ facts: TokenFacts, now: Date, loggedIn: Bool) -> DoctorCheck {
        guard facts.isJWT else {
            return DoctorCheck(
                .tokenExpiry, .contradicted,
                "the token is not a JWT (the vendor's is), so when it expires cannot be read; the tool logs in again "
                    + "only when a call is refused")
        }
        guard let expiresAt = facts.expiresAt else {
            return DoctorCheck(.tokenExpiry, .contradicted, "the token is a JWT without a usable exp claim")
        }
        let days = expiresAt.timeIntervalSince(now) / 86_400
        let lifetime = Double(XoperoAssumptions.tokenLifetimeSeconds) / 86_400
        let fresh = loggedIn ? " (read just after login; the vendor says \(Int(lifetime)) days)" : ""
        return DoctorCheck(
            .tokenExpiry, .confirmed,
            "a JWT that expires at \(timestamp(expiresAt)), in \(String(format: "%.1f", days)) days\(fresh)")
    }

    /// The role claim, if any, against the roles the vendor says may use the API.
    public static func tokenRole(_ facts: TokenFacts) -> DoctorCheck {
        guard let roles = facts.roles, !roles.isEmpty else {
            return DoctorCheck(.tokenRole, .notChecked, "the token names no role")
        }
        let administrators = XoperoAssumptions.Role.allCases.filter(\.isAdministrator).map(\.rawValue)
        let shown = roles.joined(separator: ", ")
        guard roles.contains(where: administrators.contains) else {
            return DoctorCheck(
                .tokenRole, .contradicted,
                "roles \(shown): the vendor says only \(administrators.joined(separator: " and ")) may use the API")
        }
        return DoctorCheck(.tokenRole, .confirmed, "roles \(shown)")
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
