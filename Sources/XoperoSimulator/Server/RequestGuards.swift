import Hummingbird
import XoperoContract

/// Any method but POST on a vendor path is 405 with `Allow: POST` and a problem body (every call of the
/// API is a POST); other paths are left to the router (404).
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method != .post, XoperoCall.allCases.contains(where: { $0.path == request.uri.path }) else {
            return try await next(request, context)
        }
        return ProblemResponses.routerResponse(
            .methodNotAllowed, title: "\(request.method) is not allowed here; every call of the API is a POST.",
            headers: [.allow: "POST"])
    }
}

/// Reads a vendor call's body once, refusing one larger than `maximumBodyBytes` with 413 before anything
/// else reads it: by its Content-Length when given, else while it arrives.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    /// The largest request body served: 16 MiB (100,000 ids in one activate call take about 4 MiB).
    static let maximumBodyBytes = 16 * 1024 * 1024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard isVendorPath(request.uri.path) else { return try await next(request, context) }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.maximumBodyBytes {
            return Self.tooLarge()
        }
        var request = request
        do {
            _ = try await request.collectBody(upTo: Self.maximumBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            // Hummingbird's collector refuses a body past the limit this way.
            return Self.tooLarge()
        }
        return try await next(request, context)
    }

    static func tooLarge() -> Response {
        ProblemResponses.routerResponse(
            .contentTooLarge, title: "The request body is too large.",
            errors: ["body": ["must be at most \(maximumBodyBytes) bytes; send fewer ids a call"]])
    }
}
