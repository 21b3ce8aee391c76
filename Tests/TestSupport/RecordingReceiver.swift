import Foundation
import Synchronization

/// A loopback receiver (a webhook): answers each request with the next status of `statuses` (the last one repeats),
/// and keeps every request it received.
public final class RecordingReceiver: Sendable {
    private let state: Mutex<(statuses: [Int], requests: [RawRequest])>

    public init(statuses: [Int]) {
        state = Mutex((statuses, []))
    }

    public var requests: [RawRequest] { state.withLock { $0.requests } }

    public func respond(_ request: RawRequest, _ connection: RawConnection) async throws -> Bool {
        let status = state.withLock { state in
            state.requests.append(request)
            return state.statuses.count > 1 ? state.statuses.removeFirst() : (state.statuses.first ?? 200)
        }
        // A refusal quotes the path back, as some servers do: the webhook's secret is in it.
        try await connection.respond(
            status: status, reason: "X", body: status == 200 ? "ok" : "no such hook: \(request.path)")
        return false
    }

    /// The URL the tests post to: its path is the webhook's secret.
    public static func webhookURL(_ server: MisbehavingServer) throws -> URL {
        guard let url = URL(string: server.url + "/services/T000/B000/s3cr3t-hook-token") else {
            throw URLError(.badURL)
        }
        return url
    }
}
