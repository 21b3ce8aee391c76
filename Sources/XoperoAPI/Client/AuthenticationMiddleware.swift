import Foundation
import HTTPTypes
import OpenAPIRuntime
import XoperoContract

/// Holds the bearer token: logs in on first use, and logs in again when the server refuses a token.
/// Concurrent calls share one login (the first one's task), so a burst of 401s causes a single login.
actor AuthenticationSession {
    typealias LogIn = @Sendable (_ email: String, _ password: String) async throws(XoperoClientError) -> String

    private let credentials: XoperoCredentials
    private let logIn: LogIn
    private var token: String?
    private var pendingLogin: Task<String, any Error>?

    init(credentials: XoperoCredentials, logIn: @escaping LogIn) {
        self.credentials = credentials
        self.logIn = logIn
        if case .token(let fixed) = credentials { token = fixed }
    }

    /// The token to send, logging in first when there is none yet.
    func currentToken() async throws(XoperoClientError) -> String {
        if let token { return token }
        return try await loginOnce()
    }

    /// A token other than `rejected`: another caller's fresher one, or a new login. Nil when the
    /// credentials are a fixed token, which cannot be renewed.
    func renew(rejected: String) async throws(XoperoClientError) -> String? {
        guard case .password = credentials else { return nil }
        if let token, token != rejected { return token }
        token = nil
        return try await loginOnce()
    }

    private func loginOnce() async throws(XoperoClientError) -> String {
        guard case .password(let email, let password) = credentials else {
            throw .configuration("no token and no password to log in with")
        }
        let task: Task<String, any Error>
        if let pendingLogin {
            task = pendingLogin
        } else {
            let logIn = self.logIn
            task = Task { () async throws -> String in try await logIn(email, password) }
            pendingLogin = task
        }
        do {
            let fresh = try await task.value
            token = fresh
            pendingLogin = nil
            return fresh
        } catch {
            pendingLogin = nil
            if let clientError = error as? XoperoClientError { throw clientError }
            throw .configuration("logging in was interrupted")
        }
    }
}

/// Adds `Authorization: Bearer <token>` to every call but login; on a 401 gets a fresh token from the
/// session (one new login) and sends the call once more. A second 401 is returned as it is.
struct AuthenticationMiddleware: ClientMiddleware {
    let session: AuthenticationSession

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard operationID != XoperoCall.login.operationID else { return try await next(request, body, baseURL) }
        // Every operation of openapi.yaml has a case; the fallback only names the call in a message.
        let call = XoperoCall(operationID: operationID) ?? .getOrganizations
        // The body is replayed if the token has to be renewed.
        var replayable: ArraySlice<UInt8>? = nil
        if let body { replayable = try await ArraySlice(collecting: body, upTo: 16 * 1024 * 1024) }

        let token = try await session.currentToken()
        let (response, responseBody) = try await next(
            Self.authorized(request, token: token), replayable.map { HTTPBody($0) }, baseURL)
        guard response.status == .unauthorized else { return (response, responseBody) }

        guard let fresh = try await session.renew(rejected: token) else {
            throw XoperoClientError.tokenRejected(call)
        }
        let (retried, retriedBody) = try await next(
            Self.authorized(request, token: fresh), replayable.map { HTTPBody($0) }, baseURL)
        if retried.status == .unauthorized { throw XoperoClientError.unauthorizedAfterRelogin(call) }
        return (retried, retriedBody)
    }

    private static func authorized(_ request: HTTPRequest, token: String) -> HTTPRequest {
        var request = request
        request.headerFields[.authorization] = "Bearer \(token)"
        return request
    }
}
