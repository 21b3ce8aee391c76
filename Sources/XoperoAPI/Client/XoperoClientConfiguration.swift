import Foundation
import XoperoContract

/// How to reach the server, how patiently to talk to it, and how much of it to believe.
public struct XoperoClientConfiguration: Sendable {
    /// The server's base URL, e.g. `https://xopero.example.com` (paths are appended to it).
    public var serverURL: URL
    /// A PEM file with an extra trusted root certificate (`--ca-cert`).
    public var caCertificatePath: String?
    /// Turns certificate verification off (`--insecure`). The caller warns the user.
    public var insecure: Bool
    /// The longest one attempt of a call may take, the whole answer included (`--timeout`).
    public var callTimeout: Duration
    /// Retries on throttling, transient faults, timeouts and dropped connections.
    public var retry: RetryPolicy
    /// How many calls may be in flight at once (`--concurrency`); the connection pool is sized to it.
    public var concurrency: ConcurrencyPolicy
    /// The largest answer read; a larger one is an error, not a memory exhaustion.
    public var maxAnswerBytes: Int

    /// The longest token accepted from login or `XOPERO_TOKEN` (the vendor's JWTs are about 1 KB; a
    /// header this large is refused by most servers, and a much larger one broke the HTTP client).
    public static let maxTokenBytes = 16 * 1024
    /// The default answer cap: a page of 1000 organizations with their plans is a few megabytes.
    public static let defaultMaxAnswerBytes = 32 * 1024 * 1024

    public init(
        serverURL: URL, caCertificatePath: String? = nil, insecure: Bool = false,
        callTimeout: Duration = .seconds(30), retry: RetryPolicy = RetryPolicy(),
        concurrency: ConcurrencyPolicy = .adaptive(maximum: 32), maxAnswerBytes: Int = defaultMaxAnswerBytes
    ) {
        self.serverURL = serverURL
        self.caCertificatePath = caCertificatePath
        self.insecure = insecure
        self.callTimeout = callTimeout
        self.retry = retry
        self.concurrency = concurrency
        self.maxAnswerBytes = maxAnswerBytes
    }

    /// True when the server is reached over plain HTTP on a host other than this machine, so that a
    /// password (and every token) crosses the network readable by anyone on the path.
    public var isCleartextToRemoteHost: Bool {
        guard serverURL.scheme?.lowercased() == "http", let host = serverURL.host?.lowercased() else { return false }
        let loopback = host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
        return !loopback
    }

    /// Parses and checks a server URL given by `--server` or `XOPERO_URL`.
    public static func parseServerURL(_ text: String) throws(XoperoClientError) -> URL {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else {
            throw .configuration(
                "the server URL \"\(trimmed)\" is not an http:// or https:// URL with a host; "
                    + "write it like https://xopero.example.com (--server or XOPERO_URL)")
        }
        if url.user != nil || url.password != nil {
            throw .configuration(
                "the server URL must not carry a user or password; use XOPERO_EMAIL and XOPERO_PASSWORD instead")
        }
        return url
    }
}

/// Exponential backoff with jitter, bounded by a number of attempts and a total time.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first one included.
    public var maxAttempts: Int
    /// The delay before the first retry; each next one doubles, up to `maxDelay`.
    public var initialDelay: Duration
    public var maxDelay: Duration
    /// No retry starts once this much time has passed since the first attempt.
    public var totalTime: Duration

    public init(
        maxAttempts: Int = 8, initialDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(10),
        totalTime: Duration = .seconds(60)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.totalTime = totalTime
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The backoff before retry number `retry` (1 for the first retry): half the exponential delay
    /// plus a random share of the other half, so that concurrent callers do not retry in lockstep.
    func backoff(beforeRetry retry: Int, random: Double) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let base = min(initialDelay.inSeconds * pow(2, Double(exponent)), maxDelay.inSeconds)
        return .seconds(base / 2 + base / 2 * min(max(random, 0), 1))
    }

    /// `1.5 s`, for messages.
    static func format(_ duration: Duration) -> String {
        String(format: "%.1f s", duration.inSeconds)
    }
}
