import OpenAPIRuntime
import XoperoContract

/// Sorts the errors the HTTP transport throws (AsyncHTTPClient, SwiftNIO, NIOSSL) into the kinds the
/// client treats differently. The transport's error types live in modules this target does not import,
/// so the sorting reads their reflected names; it is kept here, in one place.
enum TransportFailure: Sendable, Hashable {
    /// The certificate could not be verified: retrying does not help, the user must act.
    case tls
    /// The call was cancelled (Ctrl-C): stop, do not retry.
    case cancelled
    /// Refused, reset or dropped connection, unresolved name, timeout: worth retrying an idempotent call.
    case connection

    /// The error under the runtime's wrappers: a middleware's error reaches the middlewares above it
    /// wrapped in a `ClientError`, whose description must never be printed (it holds the request).
    static func innermost(_ error: any Error) -> any Error {
        var current = error
        for _ in 0..<8 {
            guard let wrapped = current as? ClientError else { break }
            current = wrapped.underlyingError
        }
        return current
    }

    init(_ wrapped: any Error) {
        let error = Self.innermost(wrapped)
        if error is CancellationError {
            self = .cancelled
            return
        }
        let text = String(reflecting: error)
        let tlsMarkers = ["NIOSSL", "BoringSSL", "SSL_", "certificate", "handshake", "TLS"]
        if tlsMarkers.contains(where: { text.contains($0) }) {
            self = .tls
        } else if text.contains("cancelled") && !text.contains("remoteConnectionClosed") {
            self = .cancelled
        } else {
            self = .connection
        }
    }

    /// A short, secret-free summary of a transport error for a message ("connection refused", ...).
    static func summary(of wrapped: any Error) -> String {
        let error = innermost(wrapped)
        if let clientError = error as? XoperoClientError { return clientError.description }
        let text = String(reflecting: error)
        let known: [(marker: String, summary: String)] = [
            ("connectionRefused", "connection refused"), ("Connection refused", "connection refused"),
            ("ECONNREFUSED", "connection refused"), ("errno: 111", "connection refused"),
            ("remoteConnectionClosed", "the server closed the connection"),
            ("ECONNRESET", "connection reset"), ("Connection reset", "connection reset"),
            ("connectTimeout", "timed out connecting"), ("deadlineExceeded", "timed out waiting for the answer"),
            ("readTimeout", "timed out waiting for the answer"),
            ("Name or service not known", "the host name does not resolve"),
            ("NXDOMAIN", "the host name does not resolve"), ("unknownHost", "the host name does not resolve"),
            ("certificate", "certificate not trusted"), ("handshake", "TLS handshake failed"),
        ]
        for entry in known where text.contains(entry.marker) { return entry.summary }
        // The transport's own description names a type and maybe a host and port, never a body or a header.
        return String(text.prefix(200))
    }
}
