import Foundation
import XoperoContract

/// What login answers.
enum LoginOutcome: Sendable, Hashable {
    /// Logged in: the JWT-shaped token authorizes the other calls.
    case token(userId: String, token: String)
    /// The password was right but the account needs a second factor: no token (the contract's ASSUMED answer).
    case secondFactorNeeded(userId: String)
    case refused
}

extension SimulatorStore {
    /// How many sessions a server holds before it prunes the expired ones.
    static let defaultSessionsBeforePruning = 10_000

    /// Logs a user in with these credentials (the email ignores case).
    func login(email: String, password: String) -> LoginOutcome {
        guard let user = world.users.first(where: { $0.email.lowercased() == email.lowercased() }),
            user.password == password
        else { return .refused }
        let userId = StableID.user(email: user.email)
        if user.twoFactor == true { return .secondFactorNeeded(userId: userId) }
        if sessions.count >= sessionsBeforePruning {
            let now = clock.now
            sessions = sessions.filter { now < $0.value.expires }
        }
        let lifetime = tokenLifetime.components.seconds
        let expires = Int64(clock.wallTime.timeIntervalSince1970.rounded(.down)) + lifetime
        let token = AccessToken.make(userId: userId, email: user.email, roles: user.roles, expires: expires)
        sessions[token] = Session(userId: userId, roles: user.roles, expires: clock.now.advanced(by: tokenLifetime))
        return .token(userId: userId, token: token)
    }

    /// The session of a token that exists and has not expired.
    func session(token: String) -> Session? {
        guard let session = sessions[token] else { return nil }
        guard clock.now < session.expires else {
            sessions[token] = nil
            return nil
        }
        return session
    }
}
