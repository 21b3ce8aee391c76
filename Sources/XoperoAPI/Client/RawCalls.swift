import Foundation
import HTTPTypes
@_spi(Generated) import OpenAPIRuntime
import XoperoContract

/// Untyped calls through the client's own middleware chain (the same instances as the typed calls:
/// error mapping, retries, the shared limiter, the token, the bounds), for a probe that must see the
/// server's answer as it was sent: its field names and JSON types, before any decoding.
struct RawCalls: Sendable {
    private let client: UniversalClient

    init(serverURL: URL, transport: any ClientTransport, middlewares: [any ClientMiddleware]) {
        client = UniversalClient(serverURL: serverURL, transport: transport, middlewares: middlewares)
    }

    /// Posts `body` (JSON) to the call's path; the answer's bytes, already bounded by the chain.
    func post(_ call: XoperoCall, body: Data) async throws -> Data {
        try await client.send(
            input: body, forOperation: call.operationID,
            serializer: { body in
                var request = HTTPRequest(soar_path: call.path, method: .post)
                request.headerFields[.contentType] = "application/json; charset=utf-8"
                request.headerFields[.accept] = "application/json"
                return (request, HTTPBody(body))
            },
            deserializer: { _, body in
                guard let body else { return Data() }
                return try await Data(collecting: body, upTo: .max)
            })
    }
}

extension XoperoClient {
    /// Makes one READ call with an untyped JSON body and returns the answer's bytes as the server sent
    /// them (at most `configuration.maxAnswerBytes`), through the same middlewares as every typed call.
    /// A write call or login is refused before anything is sent: this is for probes that only read.
    public func readRaw(_ call: XoperoCall, body: Data) async throws(XoperoClientError) -> Data {
        guard !call.isWrite, call != .login else {
            throw .configuration("\(call.displayName): only read calls may be made untyped")
        }
        return try await perform(call) { try await raw.post(call, body: body) }
    }
}
