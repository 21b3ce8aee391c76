import AsyncHTTPClient
import Foundation
import Logging
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime
import XoperoContract

/// The Management Service API as the tool uses it: typed calls, login and re-login, retries, TLS
/// settings and a timeout on every call, and errors that say what to check.
///
/// Built on the generated `Client` (openapi.yaml) over AsyncHTTPClient. Call `shutdown()` when done.
public struct XoperoClient: Sendable {
    /// The largest page the API serves (larger limits are clamped).
    public static let maxPageSize = XoperoAssumptions.maximumPageSize

    public let configuration: XoperoClientConfiguration
    let generated: Client
    let session: AuthenticationSession
    private let httpClient: HTTPClient
    private let logger: Logger

    /// Prepares a client; no call is made until the first request.
    public init(
        configuration: XoperoClientConfiguration, credentials: XoperoCredentials, logger: Logger
    ) throws(XoperoClientError) {
        if let path = configuration.caCertificatePath, !FileManager.default.isReadableFile(atPath: path) {
            throw .configuration("--ca-cert \(path): the file does not exist or cannot be read; give a PEM file")
        }
        var httpConfiguration = HTTPClient.Configuration(
            certificateVerification: configuration.insecure ? .none : .fullVerification)
        if let path = configuration.caCertificatePath {
            httpConfiguration.tlsConfiguration?.additionalTrustRoots = [.file(path)]
        }
        httpConfiguration.timeout.connect = .seconds(10)
        // AsyncHTTPClient would otherwise keep retrying a refused connection until the call's deadline;
        // RetryMiddleware owns retrying, with its own bounded budget.
        httpConfiguration.connectionPool.retryConnectionEstablishment = false
        let httpClient = HTTPClient(configuration: httpConfiguration)
        let millis = Int64(RetryPolicy.seconds(configuration.callTimeout) * 1000)
        let transport = AsyncHTTPClientTransport(
            configuration: .init(client: httpClient, timeout: .milliseconds(max(millis, 1))))
        let retry = RetryMiddleware(policy: configuration.retry, logger: logger)
        let loginClient = Client(serverURL: configuration.serverURL, transport: transport, middlewares: [retry])
        let server = configuration.serverURL.absoluteString
        let session = AuthenticationSession(credentials: credentials) {
            (email, password) async throws(XoperoClientError) -> String in
            try await Self.logIn(loginClient, server: server, email: email, password: password)
        }
        self.configuration = configuration
        self.httpClient = httpClient
        self.session = session
        self.logger = logger
        self.generated = Client(
            serverURL: configuration.serverURL, transport: transport,
            middlewares: [AuthenticationMiddleware(session: session), retry])
    }

    /// Releases the connections. Call once, after the last request.
    public func shutdown() async {
        try? await httpClient.shutdown()
    }

    /// Logs in now (with a password) so that wrong credentials are reported before anything else.
    /// With a fixed token this makes no call.
    public func authenticate() async throws(XoperoClientError) {
        _ = try await session.currentToken()
    }

    private static func logIn(
        _ client: Client, server: String, email: String, password: String
    ) async throws(XoperoClientError) -> String {
        let output = try await perform(.login, server: server) {
            try await client.login(body: .json(.init(email: email, password: password, rememberMe: false)))
        }
        switch output {
        case .ok(let ok):
            let answer = try decode(.login) { try ok.body.json }
            guard let token = answer.accessToken, !token.isEmpty else { throw .noTokenInLoginAnswer(email: email) }
            return token
        case .unauthorized: throw .loginRejected(email: email)
        case .badRequest: throw .badRequest(.login, detail: nil)
        case .tooManyRequests: throw .throttled(.login)
        case .internalServerError: throw .serverFault(.login, status: 500)
        case .serviceUnavailable: throw .serverFault(.login, status: 503)
        case .undocumented(let status, _): throw failure(.login, status: status)
        }
    }

    // MARK: - Shared plumbing

    /// Runs one generated call and turns whatever it throws into a `XoperoClientError`.
    /// The generated `ClientError` is never shown: its description includes the call's input (a login's
    /// password) and its request (the bearer token).
    static func perform<Output>(
        _ call: XoperoCall, server: String, _ work: () async throws -> Output
    ) async throws(XoperoClientError) -> Output {
        do {
            return try await work()
        } catch let error as XoperoClientError {
            throw error
        } catch let error as ClientError {
            if let inner = error.underlyingError as? XoperoClientError { throw inner }
            if let response = error.response {
                // The server answered, but the answer does not decode. For an error status the status says
                // enough (a problem body with an unexpected content type is no reason to hide a 403).
                if response.status.code >= 400 { throw failure(call, status: response.status.code) }
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
        case .cancelled: .unreachable(call, server: server, detail: "the call was cancelled")
        case .connection: .unreachable(call, server: server, detail: TransportFailure.summary(of: error))
        }
    }

    /// Reads a 200 answer's body.
    static func decode<Value>(_ call: XoperoCall, _ read: () throws -> Value) throws(XoperoClientError) -> Value {
        do { return try read() } catch {
            throw .malformedAnswer(call, detail: "the body is not the JSON the contract describes")
        }
    }

    /// The error for a status the call's switch does not handle specially.
    static func failure(
        _ call: XoperoCall, status: Int, problem: Components.Schemas.ProblemDetails? = nil
    ) -> XoperoClientError {
        switch status {
        case 400: .badRequest(call, detail: problem.map(describe))
        case 401: .unauthorizedAfterRelogin(call)
        case 403: .forbidden(call)
        case 404: .notFound(call, errorCode: problem?.errorCode, detail: problem?.title)
        case 429: .throttled(call)
        case 500...599: .serverFault(call, status: status)
        default: .unexpectedStatus(call, status: status)
        }
    }

    /// A secret-free summary of a problem body: its title and the fields it complains about.
    static func describe(_ problem: Components.Schemas.ProblemDetails) -> String {
        let fields = problem.errors?.additionalProperties.keys.sorted() ?? []
        return fields.isEmpty ? problem.title : "\(problem.title); fields: \(fields.joined(separator: ", "))"
    }

    var server: String { configuration.serverURL.absoluteString }
}
