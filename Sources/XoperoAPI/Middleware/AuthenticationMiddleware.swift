import Foundation
import HTTPTypes
import OpenAPIRuntime
import XoperoContract

/// Holds the bearer token. With a password it logs in on first use, again shortly before a JWT's `exp`,
/// and again when the server refuses a token that it had accepted before ("one re-login per token
/// generation": concurrent calls refused with the same token share one login). So a run survives any
/// number of expiries, as long as logging in works. A fixed `XOPERO_TOKEN` cannot be renewed: an
/// expired one is an error before any call, a refused one an error naming the variable.
actor AuthenticationSession {
    typealias LogIn = @Sendable (_ email: String, _ password: String) async throws(XoperoClientError) -> String

    /// The token a call is sent with, and which login produced it.
    struct Issued: Sendable {
        let token: BearerToken
        let generation: Int
    }

    private let credentials: XoperoCredentials
    private let logIn: LogIn
    private let now: @Sendable () -> Date
    private var current: Issued?
    private var issuedAt = Date.distantPast
    /// Whether some call succeeded with the current token.
    private var currentWasAccepted = false
    /// Whether the current token replaced a refused one. Refused in turn before it ever worked, it is
    /// not an expiry but a refusal, and logging in again would only repeat it.
    private var currentReplacedARefusal = false
    private var pendingLogin: Task<BearerToken, any Error>?
    private var fixedTokenProblem: XoperoClientError?

    init(credentials: XoperoCredentials, now: @escaping @Sendable () -> Date = { Date() }, logIn: @escaping LogIn) {
        self.credentials = credentials
        self.logIn = logIn
        self.now = now
        if case .token(let fixed) = credentials {
            do {
                current = Issued(token: try BearerToken(fixed), generation: 0)
                currentWasAccepted = true
            } catch {
                fixedTokenProblem = .configuration(XoperoCredentials.describe(error, source: "XOPERO_TOKEN"))
            }
        }
    }

    /// The token to send now: logs in first when there is none yet, or when a JWT is about to expire.
    func token(for call: XoperoCall) async throws(XoperoClientError) -> Issued {
        if let fixedTokenProblem { throw fixedTokenProblem }
        if let current {
            guard let expiresAt = current.token.expiresAt else { return current }
            if case .token = credentials {
                if expiresAt <= now() { throw .tokenExpired(expiredAt: expiresAt) }
                return current
            }
            if let renewal = current.token.renewalTime(issuedAt: issuedAt), renewal > now() { return current }
        }
        return try await login(replacing: current?.generation, afterRefusal: false)
    }

    /// A call with this generation's token got an answer other than 401.
    func accepted(_ generation: Int) {
        if generation == current?.generation { currentWasAccepted = true }
    }

    /// A call with this generation's token was refused (401): the token to try next.
    func refused(_ generation: Int, call: XoperoCall) async throws(XoperoClientError) -> Issued {
        if let current, current.generation != generation { return current }
        guard case .password = credentials else { throw .tokenRejected(call) }
        if currentReplacedARefusal && !currentWasAccepted { throw .unauthorizedAfterRelogin(call) }
        return try await login(replacing: generation, afterRefusal: true)
    }

    /// Logs in once for everybody who needs a token to replace `generation`.
    private func login(replacing generation: Int?, afterRefusal: Bool) async throws(XoperoClientError) -> Issued {
        guard case .password(let email, let password) = credentials else {
            throw .configuration("no token and no password to log in with")
        }
        let task: Task<BearerToken, any Error>
        if let pendingLogin {
            task = pendingLogin
        } else {
            let logIn = self.logIn
            task = Task { () async throws -> BearerToken in
                let text = try await logIn(email, password)
                do throws(BearerToken.Problem) { return try BearerToken(text) } catch let problem {
                    throw XoperoClientError.malformedAnswer(
                        .login, detail: XoperoCredentials.describe(problem, source: "the login answer's token"))
                }
            }
            pendingLogin = task
        }
        let token: BearerToken
        do {
            token = try await task.value
        } catch {
            if pendingLogin == task { pendingLogin = nil }
            if let clientError = error as? XoperoClientError { throw clientError }
            throw .notStarted(.login)
        }
        if pendingLogin == task {
            pendingLogin = nil
            current = Issued(token: token, generation: (current?.generation ?? 0) + 1)
            issuedAt = now()
            currentWasAccepted = false
            currentReplacedARefusal = afterRefusal
        }
        return current ?? Issued(token: token, generation: (generation ?? 0) + 1)
    }
}

/// Adds `Authorization: Bearer <token>` to every call but login, with the session's current token; on a
/// 401 asks the session for the next token (a shared re-login) and sends the call again, a few times at
/// most. It sits inside the retry loop and the concurrency limiter, so every attempt, however late it
/// starts, carries the token that is current when it starts.
struct AuthenticationMiddleware: ClientMiddleware {
    let session: AuthenticationSession
    /// A token refused again and again is not expiring: stop after this many renewals in one attempt.
    static let maxRenewalsPerAttempt = 3

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard operationID != XoperoCall.login.operationID else { return try await next(request, body, baseURL) }
        let call = XoperoCall(operationID: operationID) ?? .getOrganizations
        var replayable: ArraySlice<UInt8>? = nil
        if let body { replayable = try await ArraySlice(collecting: body, upTo: RetryMiddleware.maxReplayedBody) }
        var issued = try await session.token(for: call)
        var renewals = 0
        while true {
            let (response, responseBody) = try await next(
                Self.authorized(request, token: issued.token.value), replayable.map { HTTPBody($0) }, baseURL)
            guard response.status == .unauthorized else {
                await session.accepted(issued.generation)
                return (response, responseBody)
            }
            renewals += 1
            guard renewals <= Self.maxRenewalsPerAttempt else { throw XoperoClientError.unauthorizedAfterRelogin(call) }
            issued = try await session.refused(issued.generation, call: call)
        }
    }

    private static func authorized(_ request: HTTPRequest, token: String) -> HTTPRequest {
        var request = request
        request.headerFields[.authorization] = "Bearer \(token)"
        return request
    }
}
