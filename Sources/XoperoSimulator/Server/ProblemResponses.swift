import Foundation
import HTTPTypes
import OpenAPIRuntime
import XoperoContract

/// ASP.NET-style problem bodies (`{title, status, errors: {field: [messages]}}`), built outside the
/// generated handlers (in middlewares), encoded with the generated type so they match the contract.
enum ProblemResponses {
    static func response(
        _ status: HTTPResponse.Status, title: String, errors: [String: [String]]? = nil, errorCode: String? = nil
    ) -> (HTTPResponse, HTTPBody?) {
        let problem = Components.Schemas.ProblemDetails(
            title: title, status: status.code, errorCode: errorCode,
            errors: errors.map { .init(additionalProperties: $0) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(problem)) ?? Data()
        var response = HTTPResponse(status: status)
        // The contract's content type, so that clients generated from it decode these bodies too.
        response.headerFields[.contentType] = "application/json; charset=utf-8"
        return (response, HTTPBody(data))
    }

    static func validation(field: String, message: String) -> (HTTPResponse, HTTPBody?) {
        response(.badRequest, title: "One or more validation errors occurred.", errors: [field: [message]])
    }
}
