import Foundation
import HTTPTypes
import Logging
import OpenAPIRuntime
import XoperoContract

/// Sends a call again after throttling (429, honouring `Retry-After`), transient server faults
/// (500, 502, 503, 504) and dropped connections, with exponential backoff and jitter, bounded by the
/// policy's attempts and total time.
///
/// Why retrying writes is safe: 429 and 503 mean the server did nothing (contract, `x-assumed`). A 500,
/// 502, 504 or a dropped connection is ambiguous (the change may have been made and only the answer
/// lost), so such a call is sent again only when `XoperoCall.isIdempotent` says repeating it cannot do
/// harm. Every call of this API is idempotent under the assumed semantics (attach of an attached
/// repository and detach of a detached one are no-op 200s, modify sets absolute values, activate and
/// deactivate of ids already in the target state change nothing).
struct RetryMiddleware: ClientMiddleware {
    let policy: RetryPolicy
    let logger: Logger
    /// Largest request body replayed (our bodies are a few kilobytes).
    private static let maxReplayedBody = 16 * 1024 * 1024
    /// Largest answer read (a page of 1000 items is a few hundred kilobytes).
    private static let maxAnswerBody = 64 * 1024 * 1024

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
            let attemptBody = replayable.map { HTTPBody($0) }
            let delay: Duration
            do {
                let (response, streamedBody) = try await next(request, attemptBody, baseURL)
                // Read the whole answer here: a connection dropped halfway through the body is then a
                // transport failure this loop can retry, not a decoding error later on.
                var responseBody: HTTPBody? = nil
                if let streamedBody {
                    responseBody = HTTPBody(try await ArraySlice(collecting: streamedBody, upTo: Self.maxAnswerBody))
                }
                guard attempt < policy.maxAttempts,
                    Self.isRetryable(status: response.status.code, idempotent: idempotent)
                else { return (response, responseBody) }
                delay = retryAfter(response) ?? policy.backoff(beforeRetry: attempt, random: .random(in: 0...1))
                guard clock.now - start + delay <= policy.totalTime else { return (response, responseBody) }
                log("HTTP \(response.status.code)", operationID: operationID, delay: delay, attempt: attempt)
            } catch {
                guard attempt < policy.maxAttempts, idempotent, TransportFailure(error) == .connection else {
                    throw error
                }
                delay = policy.backoff(beforeRetry: attempt, random: .random(in: 0...1))
                guard clock.now - start + delay <= policy.totalTime else { throw error }
                log(TransportFailure.summary(of: error), operationID: operationID, delay: delay, attempt: attempt)
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

    /// `Retry-After` in seconds (the HTTP-date form is not used by this API and falls back to backoff).
    private func retryAfter(_ response: HTTPResponse) -> Duration? {
        guard let value = response.headerFields[.retryAfter],
            let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds >= 0
        else { return nil }
        return .seconds(seconds)
    }

    /// Retries are worth a line even without --verbose: a long wait should not look like a hang.
    private func log(_ reason: String, operationID: String, delay: Duration, attempt: Int) {
        let seconds = String(format: "%.1f", RetryPolicy.seconds(delay))
        logger.notice(
            "\(operationID): \(reason), retrying in \(seconds) s (attempt \(attempt + 1) of at most \(policy.maxAttempts))"
        )
    }
}
