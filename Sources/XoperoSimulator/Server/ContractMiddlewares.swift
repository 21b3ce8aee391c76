import Foundation
import HTTPTypes
import OpenAPIRuntime
import XoperoContract

/// Bearer tokens on every call but login (401, empty body), and roles on the write calls (403).
struct AuthMiddleware: ServerMiddleware {
    let store: SimulatorStore

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard operationID != XoperoCall.login.operationID else { return try await next(request, body, metadata) }
        guard let token = Self.bearerToken(request), let session = await store.session(token: token) else {
            return (HTTPResponse(status: .unauthorized), nil)
        }
        // Every role may read (XoperoAssumptions.readOnlyRolesMayRead); only writes check the role.
        if XoperoCall(operationID: operationID)?.isWrite == true, !session.roles.contains(where: \.mayWrite) {
            let roles = session.roles.map(\.rawValue).joined(separator: ", ")
            return ProblemResponses.response(
                .forbidden, title: "Your role (\(roles)) may not change Git backup settings.")
        }
        return try await next(request, body, metadata)
    }

    /// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive).
    static func bearerToken(_ request: HTTPRequest) -> String? {
        guard let value = request.headerFields[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}

/// Case-insensitive input field names and listing field names: rewrites the body's keys, and the values
/// of `orderby` and filter `property`, to the contract's spelling before the generated code decodes it
/// (see `RequestKeyNormalizer` and `ListingNameNormalizer`); refuses whole-number fields out of range.
struct KeyNormalizingMiddleware: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard let body else { return try await next(request, nil, metadata) }
        let data = try await Data(collecting: body, upTo: BodyLimitMiddleware.maximumBodyBytes)
        // Not JSON, or not an object: left as it is for the decoder to report.
        guard let parsed = JSONValue.parse(data), case .object = parsed else {
            if let message = RequestFieldProblems.numberOutOfRange(data) {
                return ProblemResponses.validation(field: "body", message: message)
            }
            return try await next(request, HTTPBody(data), metadata)
        }
        var normalized: JSONValue
        do {
            normalized = try RequestKeyNormalizer.normalize(parsed)
        } catch {
            guard case .duplicateField(let path, _) = error else { throw error }
            return ProblemResponses.validation(field: path, message: error.description)
        }
        if let call = XoperoCall(operationID: operationID), let names = ListingFields.names(for: call) {
            do {
                normalized = try ListingNameNormalizer.normalize(normalized, names: names)
            } catch {
                return ProblemResponses.validation(field: error.field, message: error.message)
            }
        }
        if let problem = RequestFieldProblems.checkNulls(normalized) ?? RequestFieldProblems.checkNumbers(normalized) {
            return ProblemResponses.validation(field: problem.field, message: problem.message)
        }
        let bytes = normalized == parsed ? data : normalized.canonicalData()
        var request = request
        request.headerFields[.contentLength] = String(bytes.count)
        return try await next(request, HTTPBody(bytes), metadata)
    }
}

/// Never a 500 for a bad body: a body that cannot be read, lacks a field or has a wrong type is a 400
/// naming the field (`errors`), as is a body sent with another content type than JSON (the contract has
/// no 415, so clients need not handle one). The messages never carry a Swift type's name.
struct BadRequestMiddleware: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        do {
            return try await next(request, body, metadata)
        } catch let error as ServerError where error.operationInput == nil {
            // Thrown before the handler had an input: the request could not be turned into one.
            if let decoding = error.underlyingError as? DecodingError {
                let (field, message) = RequestFieldProblems.describe(decoding)
                return ProblemResponses.validation(field: field, message: message)
            }
            let message =
                error.httpStatus == .unsupportedMediaType
                ? "send the body as JSON with Content-Type: application/json"
                : "must be a JSON object as the contract describes"
            return ProblemResponses.response(
                .badRequest, title: "The request body cannot be read.", errors: ["body": [message]])
        }
    }
}
