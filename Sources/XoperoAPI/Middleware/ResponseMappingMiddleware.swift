import Foundation
import HTTPTypes
import OpenAPIRuntime
import XoperoContract

/// The one error path of the client, outermost in the chain: every answer that is not a success, after
/// retries and re-logins, becomes a `XoperoClientError` here, with the vendor code and the field names of
/// its problem body. So every call reads its success body in one line.
struct ResponseMappingMiddleware: ClientMiddleware {
    /// The account a login is for: its 401 means a wrong email or password.
    var loginEmail: String?

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let (response, responseBody) = try await next(request, body, baseURL)
        let status = response.status.code
        guard !(200..<300).contains(status) else { return (response, responseBody) }
        let call = XoperoCall(operationID: operationID) ?? .getOrganizations
        if call == .login, status == 401, let loginEmail { throw XoperoClientError.loginRejected(email: loginEmail) }
        // Already read whole, and bounded, by BoundedExchangeMiddleware.
        var problem: Components.Schemas.ProblemDetails? = nil
        if let responseBody, let data = try? await Data(collecting: responseBody, upTo: 1024 * 1024) {
            problem = try? JSONDecoder().decode(Components.Schemas.ProblemDetails.self, from: data)
        }
        throw XoperoClientError.failure(call, status: status, problem: problem)
    }
}
