import Foundation
import HTTPTypes
import OpenAPIRuntime
import XoperoContract

/// Every attempt of every call takes a slot of the shared `CallLimiter` (and its pace), and reports what
/// the answer said about the server's load. It sits inside the retry loop, so a call waiting to be
/// retried holds no slot, and outside authentication, so the token is chosen only when the call starts.
struct ConcurrencyMiddleware: ClientMiddleware {
    let limiter: CallLimiter

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let clock = ContinuousClock()
        let startAt = try await limiter.acquire(XoperoCall(operationID: operationID) ?? .getOrganizations)
        do {
            try await Task.sleep(until: startAt, clock: clock)
        } catch {
            await limiter.release(.neutral)
            throw error
        }
        let started = clock.now
        do {
            let (response, responseBody) = try await next(request, body, baseURL)
            await limiter.release(Self.signal(response, latency: clock.now - started))
            return (response, responseBody)
        } catch {
            let timedOut: Bool =
                if case .timedOut? = TransportFailure.innermost(error) as? XoperoClientError { true } else { false }
            await limiter.release(timedOut ? .timedOut : .neutral)
            throw error
        }
    }

    static func signal(_ response: HTTPResponse, latency: Duration) -> LoadSignal {
        switch response.status.code {
        case 429: .throttled(retryAfter: RetryAfter.parse(response.headerFields[.retryAfter]))
        case 503: .overloaded
        default: .answered(latency: latency)
        }
    }
}

/// `Retry-After` as a duration: whole seconds (`delay-seconds`, the form this API is assumed to use) or
/// an HTTP date. Anything else (`inf`, `1e30`, a negative number, garbage) is ignored; an absurd delay is
/// bounded to an hour (callers bound it further by their remaining retry time).
enum RetryAfter {
    static let longest = Duration.seconds(3600)

    static func parse(_ value: String?, now: Date = Date()) -> Duration? {
        guard let text = value?.trimmingCharacters(in: .whitespaces), !text.isEmpty, text.count <= 64 else {
            return nil
        }
        if text.allSatisfy(\.isASCIIDigit) {
            // Digits only: never a Double, never an overflow; more than 4 digits is more than the bound.
            guard text.count <= 4, let seconds = Int(text) else { return longest }
            return min(.seconds(seconds), longest)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        let delay = date.timeIntervalSince(now)
        guard delay.isFinite else { return nil }
        return delay <= 0 ? .zero : min(.milliseconds(Int64(min(delay, 3600) * 1000)), longest)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
