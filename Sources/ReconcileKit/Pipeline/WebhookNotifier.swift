import AsyncHTTPClient
import Foundation
import NIOCore
import XoperoAPI

/// Posts a chat message (`{"text": ...}`, which Slack and Microsoft Teams incoming webhooks accept) to a
/// webhook URL, retrying a few times with backoff, bounded in time and size. It never throws: a run's
/// result never depends on its notification. The URL is a secret (it carries the webhook's credential):
/// it is in no message this type produces, and the caller adds it to the run's `SecretMask`.
public struct WebhookNotifier: Sendable {
    /// How a delivery ended.
    public enum Outcome: Sendable, Equatable {
        case delivered(attempts: Int)
        /// `reason` never holds the URL.
        case failed(attempts: Int, reason: String)
    }

    /// The most bytes of text sent; the payload is a little larger (JSON escapes).
    public static let maximumTextBytes = 8 * 1024
    /// The most bytes of an answer read (and discarded).
    public static let maximumAnswerBytes = 64 * 1024

    public let url: URL
    public var attempts: Int
    /// The longest all attempts together may take, backoff included.
    public var totalTime: Duration
    /// The longest one attempt may take.
    public var attemptTimeout: Duration
    /// The wait before the second attempt; it doubles after each further one.
    public var firstBackoff: Duration

    public init(
        url: URL, attempts: Int = 3, totalTime: Duration = .seconds(6), attemptTimeout: Duration = .seconds(2),
        firstBackoff: Duration = .milliseconds(300)
    ) {
        self.url = url
        self.attempts = max(1, attempts)
        self.totalTime = totalTime
        self.attemptTimeout = attemptTimeout
        self.firstBackoff = firstBackoff
    }

    /// `text` as a webhook URL: http or https with a host; nil otherwise.
    public static func url(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { return nil }
        return url
    }

    /// `{"text": text}`, the text cut to `maximumTextBytes` on a character boundary.
    public static func payload(_ text: String) -> Data {
        var cut = text
        while cut.utf8.count > maximumTextBytes { cut.removeLast() }
        let data = try? JSONSerialization.data(withJSONObject: ["text": cut], options: [.withoutEscapingSlashes])
        return data ?? Data(#"{"text":"xopero-reconcile"}"#.utf8)
    }

    /// Sends `text`; retries connection failures, timeouts, 408, 429 and 5xx answers.
    public func send(_ text: String) async -> Outcome {
        let deadline = ContinuousClock.now + totalTime
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout.connect = .milliseconds(Int64(attemptTimeout.inMilliseconds))
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(configuration: configuration)
        let outcome = await send(Self.payload(text), client: client, deadline: deadline)
        try? await client.shutdown()
        return outcome
    }

    private func send(_ body: Data, client: HTTPClient, deadline: ContinuousClock.Instant) async -> Outcome {
        let clock = ContinuousClock()
        var backoff = firstBackoff
        var reason = "not attempted"
        var attempt = 0
        while attempt < attempts {
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .milliseconds(50) else { break }
            attempt += 1
            let verdict = await post(body, client: client, timeout: min(attemptTimeout, remaining))
            switch verdict {
            case .delivered: return .delivered(attempts: attempt)
            case .final(let why): return .failed(attempts: attempt, reason: why)
            case .retry(let why, let retryAfter):
                reason = why
                let wait = max(backoff, retryAfter ?? .zero)
                guard attempt < attempts, clock.now.duration(to: deadline) > wait else { break }
                try? await Task.sleep(for: wait)
                backoff *= 2
            }
        }
        return .failed(attempts: attempt, reason: reason)
    }

    private enum Verdict {
        case delivered
        case retry(String, retryAfter: Duration?)
        case final(String)
    }

    private func post(_ body: Data, client: HTTPClient, timeout: Duration) async -> Verdict {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "xopero-reconcile")
        request.body = .bytes(Array(body))
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout.inMilliseconds)))
            _ = try? await response.body.collect(upTo: Self.maximumAnswerBytes)
            let status = Int(response.status.code)
            switch status {
            case 200..<300: return .delivered
            case 408, 429, 500..<600:
                let retryAfter = response.headers.first(name: "Retry-After").flatMap(Int.init).map {
                    Duration.seconds(min(max($0, 0), 5))
                }
                return .retry("the webhook answered HTTP \(status)", retryAfter: retryAfter)
            default:
                return .final("the webhook answered HTTP \(status) (check the URL and that the webhook is enabled)")
            }
        } catch {
            return .retry(Self.describe(error, timeout: timeout), retryAfter: nil)
        }
    }

    /// A failure without the URL (some errors name the host and port, or the whole address).
    static func describe(_ error: any Error, timeout: Duration) -> String {
        if let error = error as? HTTPClientError,
            error == .deadlineExceeded || error == .connectTimeout || error == .readTimeout
        {
            return "no answer within \(timeout.inMilliseconds) ms"
        }
        return "could not connect, or the connection broke (\(type(of: error)))"
    }
}
