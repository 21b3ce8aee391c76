import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime
import XoperoContract

/// The Management Service API as the tool uses it: typed calls over the client generated from
/// `openapi.yaml`, through one chain of middlewares (outermost first):
///
/// 1. `ResponseMappingMiddleware`: every non-success answer becomes a `XoperoClientError` (one error path).
/// 2. `RetryMiddleware`: attempts, backoff, the retry-time budget.
/// 3. `ConcurrencyMiddleware`: a slot of the shared `CallLimiter` per attempt, and its pace.
/// 4. `AuthenticationMiddleware`: the token current when the attempt starts; a shared re-login on 401.
/// 5. `BoundedExchangeMiddleware`: the whole attempt, head and body, within the timeout and size cap.
///
/// Login goes through the same chain minus authentication and the limiter (it runs while a call that
/// needs the token holds a slot). Call `shutdown()` when done.
public struct XoperoClient: Sendable {
    /// The largest page the API serves (larger limits are clamped).
    public static let maxPageSize = XoperoAssumptions.maximumPageSize

    public let configuration: XoperoClientConfiguration
    /// The calls in flight, shared by every call of this client (reads and writes).
    public let limiter: CallLimiter
    let generated: Client
    let raw: RawCalls
    let session: AuthenticationSession
    private let httpClient: HTTPClient

    /// Prepares a client; no call is made until the first request.
    public init(
        configuration: XoperoClientConfiguration, credentials: XoperoCredentials, logger: Logger
    ) throws(XoperoClientError) {
        if let path = configuration.caCertificatePath, !FileManager.default.isReadableFile(atPath: path) {
            throw .configuration("--ca-cert \(path): the file does not exist or cannot be read; give a PEM file")
        }
        let timeoutMillis = max(1, Int64(configuration.callTimeout.inSeconds * 1000))
        var httpConfiguration = HTTPClient.Configuration(
            certificateVerification: configuration.insecure ? .none : .fullVerification)
        if let path = configuration.caCertificatePath {
            httpConfiguration.tlsConfiguration?.additionalTrustRoots = [.file(path)]
        }
        httpConfiguration.timeout.connect = .milliseconds(min(timeoutMillis, 10_000))
        // AsyncHTTPClient would otherwise keep retrying a refused connection until the call's deadline;
        // RetryMiddleware owns retrying, with its own bounded budget.
        httpConfiguration.connectionPool.retryConnectionEstablishment = false
        // As many connections as calls may be in flight: the default of 8 would silently cap --concurrency.
        httpConfiguration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = configuration.concurrency.maximum
        // A redirect would carry the token to another address; it is reported instead.
        httpConfiguration.redirectConfiguration = .disallow
        let httpClient = HTTPClient(configuration: httpConfiguration)
        let transport = AsyncHTTPClientTransport(
            configuration: .init(client: httpClient, timeout: .milliseconds(timeoutMillis)))
        let limiter = CallLimiter(policy: configuration.concurrency, logger: logger)
        let retry = RetryMiddleware(policy: configuration.retry, logger: logger, limiter: limiter)
        let concurrency = ConcurrencyMiddleware(limiter: limiter)
        let bounded = BoundedExchangeMiddleware(
            timeout: configuration.callTimeout, maxAnswerBytes: configuration.maxAnswerBytes)
        let server = configuration.serverURL
        // Login takes no slot of the limiter: it runs while a call that needs the token holds one.
        let loginRetry = RetryMiddleware(policy: configuration.retry, logger: logger, limiter: nil)
        let session = AuthenticationSession(credentials: credentials) {
            (email, password) async throws(XoperoClientError) -> String in
            let login = Client(
                serverURL: server, transport: transport,
                middlewares: [ResponseMappingMiddleware(loginEmail: email), loginRetry, bounded])
            return try await Self.logIn(login, server: server.absoluteString, email: email, password: password)
        }
        self.configuration = configuration
        self.httpClient = httpClient
        self.session = session
        self.limiter = limiter
        let chain: [any ClientMiddleware] = [
            ResponseMappingMiddleware(), retry, concurrency, AuthenticationMiddleware(session: session), bounded,
        ]
        self.generated = Client(serverURL: server, transport: transport, middlewares: chain)
        self.raw = RawCalls(serverURL: server, transport: transport, middlewares: chain)
    }

    /// Releases the connections. Call once, after the last request.
    public func shutdown() async {
        try? await httpClient.shutdown()
    }

    /// Logs in now (with a password) so that wrong credentials are reported before anything else; with a
    /// fixed token, checks it (an expired JWT is reported here) without making a call.
    public func authenticate() async throws(XoperoClientError) {
        _ = try await session.token(for: .login)
    }

    private static func logIn(
        _ client: Client, server: String, email: String, password: String
    ) async throws(XoperoClientError) -> String {
        let output = try await perform(.login, server: server) {
            try await client.login(body: .json(.init(email: email, password: password, rememberMe: false)))
        }
        let answer = try decode(.login) { try output.ok.body.json }
        guard let token = answer.accessToken, !token.isEmpty else { throw .noTokenInLoginAnswer(email: email) }
        return token
    }

    // MARK: - Shared plumbing

    /// Runs one generated call and turns whatever it throws into a `XoperoClientError`.
    /// The generated `ClientError` is never shown: its description includes the call's input (a login's
    /// password) and its request (the bearer token).
    func perform<Output>(_ call: XoperoCall, _ work: () async throws -> Output) async throws(XoperoClientError)
        -> Output
    {
        try await Self.perform(call, server: configuration.serverURL.absoluteString, work)
    }

    static func perform<Output>(
        _ call: XoperoCall, server: String, _ work: () async throws -> Output
    ) async throws(XoperoClientError) -> Output {
        do {
            return try await work()
        } catch let error as XoperoClientError {
            throw error
        } catch let error as ClientError {
            if let inner = TransportFailure.innermost(error) as? XoperoClientError { throw inner }
            if error.response != nil {
                // The server answered with a success status, but the answer does not decode.
                throw .malformedAnswer(call, detail: "the answer does not match the API contract")
            }
            throw transportFailure(call, server: server, error: error.underlyingError)
        } catch {
            throw transportFailure(call, server: server, error: error)
        }
    }

    static func transportFailure(_ call: XoperoCall, server: String, error: any Error) -> XoperoClientError {
        switch TransportFailure(error) {
        case .tls: .tls(call, server: server, detail: TransportFailure.summary(of: error))
        case .cancelled: .cancelled(call)
        case .connection: .unreachable(call, server: server, detail: TransportFailure.summary(of: error))
        }
    }

    /// Reads a 200 answer's body.
    static func decode<Value>(_ call: XoperoCall, _ read: () throws -> Value) throws(XoperoClientError) -> Value {
        do { return try read() } catch {
            throw .malformedAnswer(call, detail: "the body is not the JSON the contract describes")
        }
    }
}
