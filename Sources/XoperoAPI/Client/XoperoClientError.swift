import XoperoContract

/// Everything that can go wrong talking to the Management Service, each case saying which call failed
/// and what to check. No case carries a password or a token, so every message is safe to print.
public enum XoperoClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The connection settings or credentials are unusable before any call is made.
    case configuration(String)
    /// Login answered 401: the email or password is wrong.
    case loginRejected(email: String)
    /// Login answered without a token: the account needs a second factor or has no password.
    case noTokenInLoginAnswer(email: String)
    /// A call answered 401 with a fixed `XOPERO_TOKEN`, which cannot be renewed.
    case tokenRejected(XoperoCall)
    /// A call answered 401 again right after logging in anew.
    case unauthorizedAfterRelogin(XoperoCall)
    /// 403: the account's role may not make this call.
    case forbidden(XoperoCall)
    /// 404: an organization, plan or repository the call names does not exist (any more).
    case notFound(XoperoCall, errorCode: String?, detail: String?)
    /// 400: the server could not read the body.
    case badRequest(XoperoCall, detail: String?)
    /// 429, still throttled when the retry budget ran out.
    case throttled(XoperoCall)
    /// 5xx, still failing when the retry budget ran out (or not retried).
    case serverFault(XoperoCall, status: Int)
    /// No answer: connection refused or dropped, name not resolved, timeout.
    case unreachable(XoperoCall, server: String, detail: String)
    /// The TLS handshake failed (untrusted or invalid certificate).
    case tls(XoperoCall, server: String, detail: String)
    /// An answer the contract does not describe.
    case unexpectedStatus(XoperoCall, status: Int)
    /// A 200 answer whose body does not match the contract.
    case malformedAnswer(XoperoCall, detail: String)

    /// The failed call, when the error belongs to one.
    public var call: XoperoCall? {
        switch self {
        case .configuration: nil
        case .loginRejected, .noTokenInLoginAnswer: .login
        case .tokenRejected(let call), .unauthorizedAfterRelogin(let call), .forbidden(let call),
            .notFound(let call, _, _), .badRequest(let call, _), .throttled(let call),
            .serverFault(let call, _), .unreachable(let call, _, _), .tls(let call, _, _),
            .unexpectedStatus(let call, _), .malformedAnswer(let call, _):
            call
        }
    }

    /// The HTTP status, when the server answered.
    public var status: Int? {
        switch self {
        case .configuration, .unreachable, .tls, .malformedAnswer, .noTokenInLoginAnswer: nil
        case .loginRejected, .tokenRejected, .unauthorizedAfterRelogin: 401
        case .forbidden: 403
        case .notFound: 404
        case .badRequest: 400
        case .throttled: 429
        case .serverFault(_, let status), .unexpectedStatus(_, let status): status
        }
    }

    /// A vendor error code such as `GT1001`, when the answer carried one.
    public var errorCode: String? {
        if case .notFound(_, let code, _) = self { return code }
        return nil
    }

    public var description: String {
        switch self {
        case .configuration(let message):
            return message
        case .loginRejected(let email):
            return "\(XoperoCall.login.displayName) failed: HTTP 401, the server refused the email or password for "
                + "\(email). Check XOPERO_EMAIL and XOPERO_PASSWORD (or the file XOPERO_PASSWORD_FILE names)."
        case .noTokenInLoginAnswer(let email):
            return "\(XoperoCall.login.displayName) answered without a token for \(email): the account needs a "
                + "second factor (two-factor authentication) or has no password (single sign-on), which this tool "
                + "cannot complete. Sign in once in the Management Service, copy a token, and set XOPERO_TOKEN "
                + "instead of XOPERO_EMAIL and XOPERO_PASSWORD."
        case .tokenRejected(let call):
            return "\(call.displayName) failed: HTTP 401, the token in XOPERO_TOKEN was refused (expired or invalid). "
                + "A fixed token cannot be renewed: get a new one, or set XOPERO_EMAIL and XOPERO_PASSWORD instead "
                + "so that the tool can log in again by itself."
        case .unauthorizedAfterRelogin(let call):
            return "\(call.displayName) failed: HTTP 401 even with a fresh token from logging in again. "
                + "Check that the account is enabled and that the server's clock and token settings are sane."
        case .forbidden(let call):
            return "\(call.displayName) failed: HTTP 403, the account may not make this call. It needs the "
                + "System Administrator role with the Git management permission (a Viewer may only read)."
        case .notFound(let call, let code, let detail):
            let codeText = code.map { " (\($0))" } ?? ""
            let detailText = detail.map { ": \($0)" } ?? ""
            return "\(call.displayName) failed: HTTP 404\(codeText)\(detailText). The organization, plan or "
                + "repository no longer exists on the server: run again to plan against the current state."
        case .badRequest(let call, let detail):
            return "\(call.displayName) failed: HTTP 400, the server could not read the request"
                + (detail.map { " (\($0))" } ?? "")
                + ". The server's API may differ from what this tool assumes (see openapi.yaml, x-assumed)."
        case .throttled(let call):
            return "\(call.displayName) failed: HTTP 429, the server kept throttling until the retry time ran out. "
                + "Try again later, lower --concurrency, or raise --retry-time."
        case .serverFault(let call, let status):
            return "\(call.displayName) failed: HTTP \(status), a server fault that did not clear up while retrying. "
                + "Check the Management Service's health and logs, then run again (the calls are safe to repeat)."
        case .unreachable(let call, let server, let detail):
            return "\(call.displayName) failed: no answer from \(server) (\(detail)). Check the URL "
                + "(--server or XOPERO_URL), the network and that the Management Service is running."
        case .tls(let call, let server, let detail):
            return "\(call.displayName) failed: the TLS connection to \(server) could not be verified (\(detail)). "
                + "If the server uses a private certificate authority, pass its root with --ca-cert FILE."
        case .unexpectedStatus(let call, let status):
            return "\(call.displayName) failed: unexpected HTTP \(status). Check that --server / XOPERO_URL points "
                + "at the Xopero Management Service."
        case .malformedAnswer(let call, let detail):
            return "\(call.displayName) answered something this tool cannot read (\(detail)). Check that "
                + "--server / XOPERO_URL points at the Xopero Management Service."
        }
    }
}
