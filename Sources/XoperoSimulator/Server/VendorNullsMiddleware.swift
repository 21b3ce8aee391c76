import Foundation
import HTTPTypes
import OpenAPIRuntime
import XoperoContract

/// Writes the contract's required-but-nullable fields as `null` when they have no value.
///
/// The generated encoder leaves a nil property out, but the vendor's organizations answer always carries
/// the key (`"apiUrl": null`), and a third-party client may rely on that shape. Only this one listing has
/// such fields, so only its answers are rewritten.
struct VendorNullsMiddleware: ServerMiddleware {
    /// Required, nullable fields of `Organization` and of its `plans` items, as openapi.yaml declares them.
    static let organizationFields = ["apiUrl", "defaultWorkerId"]
    static let planFields = ["planFinishedTime"]
    static let maximumBodyBytes = 256 * 1024 * 1024

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let (response, responseBody) = try await next(request, body, metadata)
        guard operationID == "getOrganizations", response.status == .ok, let responseBody else {
            return (response, responseBody)
        }
        let data = try await Data(collecting: responseBody, upTo: Self.maximumBodyBytes)
        guard case .object(var page)? = JSONValue.parse(data), case .array(let organizations)? = page["result"]
        else { return (response, HTTPBody(data)) }
        page["result"] = .array(organizations.map(Self.withNulls))
        let rewritten = JSONValue.object(page).canonicalData()  // sorted keys: the same bytes on every run
        var rewrittenResponse = response
        rewrittenResponse.headerFields[.contentLength] = String(rewritten.count)
        return (rewrittenResponse, HTTPBody(rewritten))
    }

    static func withNulls(_ organization: JSONValue) -> JSONValue {
        guard case .object(var fields) = organization else { return organization }
        for key in organizationFields where fields[key] == nil { fields[key] = .null }
        if case .array(let plans)? = fields["plans"] {
            fields["plans"] = .array(
                plans.map { plan in
                    guard case .object(var planFields) = plan else { return plan }
                    for key in Self.planFields where planFields[key] == nil { planFields[key] = .null }
                    return .object(planFields)
                })
        }
        return .object(fields)
    }
}
