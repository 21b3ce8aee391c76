import Foundation
import HTTPTypes
import Hummingbird
import OpenAPIRuntime
import XoperoContract

/// ASP.NET-style problem bodies (`{title, status, errors: {field: [messages]}}`), built outside the
/// generated handlers (in middlewares), encoded with the generated type so they match the contract.
enum ProblemResponses {
    /// The contract's content type, so that clients generated from it decode these bodies too.
    static let contentType = "application/json; charset=utf-8"

    static func response(
        _ status: HTTPResponse.Status, title: String, errors: [String: [String]]? = nil, errorCode: String? = nil
    ) -> (HTTPResponse, HTTPBody?) {
        var response = HTTPResponse(status: status)
        response.headerFields[.contentType] = contentType
        return (response, HTTPBody(body(status, title: title, errors: errors, errorCode: errorCode)))
    }

    static func validation(field: String, message: String) -> (HTTPResponse, HTTPBody?) {
        response(.badRequest, title: "One or more validation errors occurred.", errors: [field: [message]])
    }

    /// The same body as a Hummingbird response, for the router's own middlewares.
    static func routerResponse(
        _ status: HTTPResponse.Status, title: String, errors: [String: [String]]? = nil,
        headers: HTTPFields = [:]
    ) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        let data = body(status, title: title, errors: errors, errorCode: nil)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func body(
        _ status: HTTPResponse.Status, title: String, errors: [String: [String]]?, errorCode: String?
    ) -> Data {
        let problem = Components.Schemas.ProblemDetails(
            title: title, status: status.code, errorCode: errorCode,
            errors: errors.map { .init(additionalProperties: $0) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings and integers cannot fail.
        return (try? encoder.encode(problem)) ?? Data()
    }
}
