/// Everything that can go wrong talking to the Management Service, each case saying which call failed
/// and what to check. No case carries a password or a token, so every message is safe to print.
import Foundation
import PrintableText
import XoperoContract

public enum XoperoClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The connection settings or credentials are unusable before any call is made.
    case configuration(String)
    /// Login answered 401: the email or password is wrong.
    case loginRejected(email: String)
    /// Login answered without a token: the account needs a second factor or has no password.
    case noTokenInLoginAnswer(email: String)
    /// `XOPERO_TOKEN` is a JWT whose `exp` has passed: reported before any call is made.
    case tokenExpired(expiredAt: Date)
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
    /// No complete answer (head and body) within the call timeout, after every retry.
    case timedOut(XoperoCall, after: Duration)
    /// The answer was larger than the client reads.
    case answerTooLarge(XoperoCall, limit: Int)
    /// The call was not sent: the run was stopping (Ctrl-C, SIGTERM).
    case notStarted(XoperoCall)
    /// The call was cancelled while in flight (the run was stopping): it may or may not have been made.
    case cancelled(XoperoCall)
    /// An answer the contract does not describe.
    case unexpectedStatus(XoperoCall, status: Int)
    /// A 200 answer whose body does not match the contract.
    case malformedAnswer(XoperoCall, detail: String)

    /// The failed call, when the error belongs to one.
    public var call: XoperoCall? {
        switch self {
        case .configuration: nil
        case .loginRejected, .noTokenInLoginAnswer: .login
        case .tokenExpired: nil
        case .tokenRejected(let call), .unauthorizedAfterRelogin(let call), .forbidden(let call),
            .notFound(let call, _, _), .badRequest(let call, _), .throttled(let call),
            .serverFault(let call, _), .unreachable(let call, _, _), .tls(let call, _, _),
            .unexpectedStatus(let call, _), .malformedAnswer(let call, _), .timedOut(let call, _),
            .answerTooLarge(let call, _), .notStarted(let call), .cancelled(let call):
            call
        }
    }

    /// The HTTP status, when the server answered.
    public var status: Int? {
        switch self {
        case .configuration, .unreachable, .tls, .malformedAnswer, .noTokenInLoginAnswer, .timedOut, .answerTooLarge,
            .notStarted, .cancelled, .tokenExpired:
            nil
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
        case .tokenExpired(let expiredAt):
            return "the token in XOPERO_TOKEN expired at \(Self.timestamp(expiredAt)) (its exp claim); nothing was "
                + "sent with it. Get a new token, or set XOPERO_EMAIL and XOPERO_PASSWORD so that the tool logs in "
                + "by itself."
        case .tokenRejected(let call):
            return "\(call.displayName) failed: HTTP 401, the token in XOPERO_TOKEN was refused (expired or invalid). "
                + "A fixed token cannot be renewed: get a new one, or set XOPERO_EMAIL and XOPERO_PASSWORD instead "
                + "so that the tool can log in again by itself."
        case .unauthorizedAfterRelogin(let call):
            return "\(call.displayName) failed: HTTP 401 even with a fresh token from logging in again. "
                + "Check that the account is enabled and that the server's clock and token settings are sane."
        case .forbidden(let call):
            return "\(call.displayName) failed: HTTP 403, the account may not make this call. It needs the "
                + "System Administrator role with the DevOps management permission."
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
        case .timedOut(let call, let after):
            return "\(call.displayName) failed: no complete answer within \(RetryPolicy.format(after)), after every "
                + "retry. The server is overloaded or stalls mid-answer; raise --timeout, lower --concurrency, or check "
                + "the Management Service."
        case .answerTooLarge(let call, let limit):
            return "\(call.displayName) failed: the answer is larger than \(limit / (1024 * 1024)) MiB, more than "
                + "any answer of this API should be. Check that --server / XOPERO_URL points at the Xopero "
                + "Management Service."
        case .notStarted(let call):
            return "\(call.displayName) was not sent: the run was stopping."
        case .cancelled(let call):
            return "\(call.displayName) was cancelled while in flight (the run was stopping): it may or may not "
                + "have been made; run again to see."
        case .unexpectedStatus(let call, let status) where (300..<400).contains(status):
            return "\(call.displayName) failed: the server answered with a redirect (HTTP \(status)), which this "
                + "tool does not follow (it would send the credentials elsewhere). Point --server / XOPERO_URL at the "
                + "final address of the Management Service."
        case .unexpectedStatus(let call, let status):
            return "\(call.displayName) failed: unexpected HTTP \(status). Check that --server / XOPERO_URL points "
                + "at the Xopero Management Service."
        case .malformedAnswer(let call, let detail):
            return "\(call.displayName) answered something this tool cannot read (\(detail)). Check that "
                + "--server / XOPERO_URL points at the Xopero Management Service."
        }
    }

    /// The error for a status that is not a success: the vendor code and field names of the problem body
    /// carried along, bounded and escaped.
    static func failure(
        _ call: XoperoCall, status: Int, problem: Components.Schemas.ProblemDetails? = nil
    ) -> XoperoClientError {
        switch status {
        case 400: .badRequest(call, detail: problem.map(describe))
        case 401: .unauthorizedAfterRelogin(call)
        case 403: .forbidden(call)
        case 404:
            .notFound(
                call, errorCode: problem?.errorCode.map { ServerText.bounded($0, limit: 32) },
                detail: problem.map { ServerText.bounded($0.title, limit: 200) })
        case 429: .throttled(call)
        case 500...599: .serverFault(call, status: status)
        default: .unexpectedStatus(call, status: status)
        }
    }

    /// A secret-free summary of a problem body: its title and the fields it complains about.
    static func describe(_ problem: Components.Schemas.ProblemDetails) -> String {
        let title = ServerText.bounded(problem.title, limit: 200)
        let fields = (problem.errors?.additionalProperties.keys.sorted() ?? []).prefix(10)
            .map { ServerText.bounded($0, limit: 60) }
        return fields.isEmpty ? title : "\(title); fields: \(fields.joined(separator: ", "))"
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
