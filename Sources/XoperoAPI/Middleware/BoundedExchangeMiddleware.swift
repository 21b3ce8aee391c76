import Foundation
import HTTPTypes
import OpenAPIRuntime
import XoperoContract

/// The innermost middleware: one attempt of one call, bounded in time and size. The whole exchange,
/// response head AND body, must finish within `timeout` (the transport's own timeout only covers the
/// head, so a server that sends headers and then nothing, or a byte a second, would hang a run), and the
/// answer may be at most `maxAnswerBytes` long. Either limit turns into a typed error; the call in flight
/// is cancelled.
struct BoundedExchangeMiddleware: ClientMiddleware {
    let timeout: Duration
    let maxAnswerBytes: Int

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let call = XoperoCall(operationID: operationID) ?? .getOrganizations
        let maxAnswerBytes = self.maxAnswerBytes
        let timeout = self.timeout
        // The group ends only when both children have ended, so `next` does not outlive this call.
        return try await withoutActuallyEscaping(next) { next in
            try await withThrowingTaskGroup(of: Exchange.self) { group in
                group.addTask {
                    let (response, streamed) = try await next(request, body, baseURL)
                    guard let streamed else { return .answered(response, nil) }
                    let bytes = try await Self.collect(streamed, upTo: maxAnswerBytes, call: call)
                    return .answered(response, HTTPBody(bytes))
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return .timedOut
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else { throw CancellationError() }
                switch first {
                case .answered(let response, let body): return (response, body)
                case .timedOut: throw XoperoClientError.timedOut(call, after: timeout)
                }
            }
        }
    }

    private enum Exchange: Sendable {
        case answered(HTTPResponse, HTTPBody?)
        case timedOut
    }

    /// The whole body, or an error once it grows past `limit` (announced or actual length).
    static func collect(_ body: HTTPBody, upTo limit: Int, call: XoperoCall) async throws -> ArraySlice<UInt8> {
        if case .known(let length) = body.length, length > limit {
            throw XoperoClientError.answerTooLarge(call, limit: limit)
        }
        var bytes: ArraySlice<UInt8> = []
        for try await chunk in body {
            guard bytes.count + chunk.count <= limit else { throw XoperoClientError.answerTooLarge(call, limit: limit) }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }
}
