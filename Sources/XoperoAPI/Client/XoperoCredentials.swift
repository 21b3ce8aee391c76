import Foundation
import XoperoContract

/// How the client proves who it is. Read from the environment only: argv is visible to every user of
/// the machine, so a secret never comes from a command-line flag.
///
/// The description never shows the secret, so a credential printed or logged by mistake leaks nothing.
public enum XoperoCredentials: Sendable, CustomStringConvertible {
    /// Log in with an email and password; the client logs in again once when a token expires.
    case password(email: String, password: String)
    /// A ready token (`XOPERO_TOKEN`); it cannot be renewed, so an expired one is a clear error.
    case token(String)

    /// The environment variables the credentials are read from.
    public enum Variable {
        public static let email = "XOPERO_EMAIL"
        public static let password = "XOPERO_PASSWORD"
        public static let passwordFile = "XOPERO_PASSWORD_FILE"
        public static let token = "XOPERO_TOKEN"
    }

    /// Reads the credentials from `XOPERO_EMAIL` with `XOPERO_PASSWORD` or `XOPERO_PASSWORD_FILE`, or
    /// from `XOPERO_TOKEN`. An email with a password wins over a token when both are set.
    /// - Parameter readFile: reads a password file (injected so tests need no file system).
    public static func fromEnvironment(
        _ environment: [String: String],
        readFile: (String) throws -> String = readPasswordFile
    ) throws(XoperoClientError) -> XoperoCredentials {
        let email = environment[Variable.email].flatMap { $0.isEmpty ? nil : $0 }
        let password = environment[Variable.password].flatMap { $0.isEmpty ? nil : $0 }
        let passwordFile = environment[Variable.passwordFile].flatMap { $0.isEmpty ? nil : $0 }
        let token = environment[Variable.token].flatMap { $0.isEmpty ? nil : $0 }

        if let email {
            if password != nil, passwordFile != nil {
                throw .configuration(
                    "both \(Variable.password) and \(Variable.passwordFile) are set; set only one of them")
            }
            if let password { return .password(email: email, password: password) }
            if let passwordFile {
                let text: String
                do { text = try readFile(passwordFile) } catch {
                    throw .configuration(
                        "cannot read the password file \(passwordFile) named by \(Variable.passwordFile): "
                            + "check that it is a regular file of UTF-8 text (at most 64 KiB) readable by this user")
                }
                let trimmed = trimmingTrailingNewline(text)
                if trimmed.isEmpty {
                    throw .configuration("the password file \(passwordFile) named by \(Variable.passwordFile) is empty")
                }
                return .password(email: email, password: trimmed)
            }
            if token == nil {
                throw .configuration(
                    "\(Variable.email) is set but no password: set \(Variable.password) or \(Variable.passwordFile)")
            }
        }
        if let token { return .token(token) }
        throw .configuration(
            "no credentials: set \(Variable.email) with \(Variable.password) or \(Variable.passwordFile), "
                + "or set \(Variable.token) (credentials are never taken from command-line flags)")
    }

    /// Why a password file cannot be read.
    struct PasswordFileProblem: Error {}

    /// A password file's text: a regular file (a FIFO would block, a device never end) of at most 64 KiB.
    public static func readPasswordFile(_ path: String) throws -> String {
        guard let type = try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType,
            type == .typeRegular, let handle = FileHandle(forReadingAtPath: path)
        else { throw PasswordFileProblem() }
        defer { try? handle.close() }
        guard let data = try handle.read(upToCount: 64 * 1024 + 1), data.count <= 64 * 1024,
            let text = String(data: data, encoding: .utf8)
        else { throw PasswordFileProblem() }
        return text
    }

    /// Removes one trailing line break (`\n` or `\r\n`), as `echo secret > file` leaves it.
    static func trimmingTrailingNewline(_ text: String) -> String {
        // "\r\n" is one Character in Swift, so dropping the last Character removes either form.
        guard let last = text.last, last == "\n" || last == "\r\n" else { return text }
        return String(text.dropLast())
    }

    /// Names the kind of credential and the account, never the secret.
    public var description: String {
        switch self {
        case .password(let email, _): "password login as \(email)"
        case .token: "a ready token (XOPERO_TOKEN)"
        }
    }

    /// The secret values, so callers can assert that no output contains them.
    public var secrets: [String] {
        switch self {
        case .password(_, let password): [password]
        case .token(let token): [token]
        }
    }

    /// Why a token cannot be used, naming where it came from but never showing it.
    static func describe(_ problem: BearerToken.Problem, source: String) -> String {
        switch problem {
        case .empty: "\(source) is empty"
        case .tooLong(let bytes):
            "\(source) is \(bytes) bytes long, more than the \(XoperoClientConfiguration.maxTokenBytes) a token may be"
        case .invalidCharacters:
            "\(source) holds characters a token cannot have (spaces, line breaks or non-ASCII); copy it again"
        }
    }
}
