import Foundation
import HTTPTypes
import Logging
import OpenAPIRuntime
import XoperoContract

/// Sends a call again after throttling (429), transient server faults (500, 502, 503, 504), timeouts and
/// dropped connections, with exponential backoff and jitter, bounded by the policy's attempts and total
/// time: no attempt starts once the retry time has passed, and every attempt is bounded by the call
/// timeout, so a call ends within the retry time plus one timeout.
///
/// Each attempt passes through the concurrency limiter and authentication afresh (they sit inside this
/// loop), so a retried call takes a new slot and the current token.
///
/// Why retrying writes is safe: 429 and 503 mean the server did nothing (contract, `x-assumed`). A 500,
/// 502, 504, a timeout or a dropped connection is ambiguous (the change may have been made and only the
/// answer lost), so such a call is sent again only when `XoperoCall.isIdempotent` says repeating it
/// cannot do harm (every call of this API, under the assumed semantics).
///
/// A 429 is not answered with a whole `Retry-After` sleep per call: the limiter pauses every start once
/// and then paces calls to the rate the server accepted, so the throttled call simply queues again.
struct RetryMiddleware: ClientMiddleware {
    let policy: RetryPolicy
    let logger: Logger
    /// The limiter of the client, whose pause and pace replace a `Retry-After` sleep; nil for none.
    let limiter: CallLimiter?
    /// Largest request body replayed (our bodies are a few kilobytes).
    static let maxReplayedBody = 4 * 1024 * 1024

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let idempotent = XoperoCall(operationID: operationID)?.isIdempotent ?? false
        // A streamed body can be read once; keep the bytes so each attempt sends the same body.
        var replayable: ArraySlice<UInt8>? = nil
        if let body { replayable = try await ArraySlice(collecting: body, upTo: Self.maxReplayedBody) }
        let clock = ContinuousClock()
        let start = clock.now
        var attempt = 1
        while true {
            let delay: Duration
            do {
                let (response, responseBody) = try await next(request, replayable.map { HTTPBody($0) }, baseURL)
                let status = response.status.code
                // Throttled calls queue behind the limiter's pace: the retry time bounds them, not the attempts.
                let paced = status == 429 && limiter != nil && policy.maxAttempts > 1
                guard paced || attempt < policy.maxAttempts, Self.isRetryable(status: status, idempotent: idempotent)
                else { return (response, responseBody) }
                delay = delayBefore(retry: attempt, after: response)
                guard clock.now - start + delay <= policy.totalTime else { return (response, responseBody) }
                log("HTTP \(status)", operationID: operationID, delay: delay, attempt: attempt)
            } catch {
                guard attempt < policy.maxAttempts, idempotent, Self.isRetryable(error) else { throw error }
                delay = policy.backoff(beforeRetry: attempt, random: .random(in: 0...1))
                guard clock.now - start + delay <= policy.totalTime else { throw error }
                log(Self.summary(of: error), operationID: operationID, delay: delay, attempt: attempt)
            }
            try await Task.sleep(for: delay)
            attempt += 1
        }
    }

    /// 429 and 503 say nothing was done; 500, 502 and 504 are ambiguous (see the type's comment).
    static func isRetryable(status: Int, idempotent: Bool) -> Bool {
        switch status {
        case 429, 503: true
        case 500, 502, 504: idempotent
        default: false
        }
    }

    /// A timeout or a dropped connection is worth another attempt; a refused token, an oversized answer,
    /// a TLS failure or a cancelled run is not.
    static func isRetryable(_ wrapped: any Error) -> Bool {
        let error = TransportFailure.innermost(wrapped)
        if let clientError = error as? XoperoClientError {
            if case .timedOut = clientError { return true }
            return false
        }
        return TransportFailure(error) == .connection
    }

    /// After a 429 with a limiter: no sleep of our own (the limiter's pause and pace hold the start back).
    /// Otherwise `Retry-After` when the server gave one, else exponential backoff with jitter.
    private func delayBefore(retry attempt: Int, after response: HTTPResponse) -> Duration {
        if response.status.code == 429, limiter != nil { return .zero }
        return RetryAfter.parse(response.headerFields[.retryAfter])
            ?? policy.backoff(beforeRetry: attempt, random: .random(in: 0...1))
    }

    private static func summary(of wrapped: any Error) -> String {
        let error = TransportFailure.innermost(wrapped)
        if let clientError = error as? XoperoClientError, case .timedOut(_, let after) = clientError {
            return "no complete answer within \(RetryPolicy.format(after))"
        }
        return TransportFailure.summary(of: error)
    }

    /// Retries are worth a line even without --verbose: a long wait should not look like a hang. A
    /// throttled call that only queues again behind the limiter's pace logs at --verbose.
    private func log(_ reason: String, operationID: String, delay: Duration, attempt: Int) {
        let message: Logger.Message =
            "\(operationID): \(reason), retrying in \(RetryPolicy.format(delay)) (attempt \(attempt + 1) of at most \(policy.maxAttempts))"
        if delay == .zero { logger.info(message) } else { logger.notice(message) }
    }
}
