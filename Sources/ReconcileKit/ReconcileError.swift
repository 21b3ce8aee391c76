import XoperoAPI
import XoperoContract

/// A reason a run stops with exit code 1, with a message that says what to do.
public enum ReconcileError: Error, Sendable, CustomStringConvertible {
    /// A desired-state file cannot be read.
    case unreadableFile(path: String, reason: String)
    /// Flags that do not go together, or a flag's value out of range.
    case usage(String)
    /// The API client failed (message already says which call and what to check).
    case client(XoperoClientError)
    /// The plan differs from the reviewed one.
    case fingerprintMismatch(expected: String, actual: String)
    /// Writing the plan file failed, or it may not be written where asked.
    case unwritableOutput(option: String, path: String, reason: String)
    /// The server's listings could not be read completely and consistently (after a second reading).
    case unreadableLiveState(String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            "cannot read \(path): \(reason)"
        case .usage(let message):
            message
        case .client(let error):
            error.description
        case .fingerprintMismatch(let expected, let actual):
            "refusing to apply: the plan's fingerprint is \(actual), not the expected \(expected). The desired "
                + "state or the server changed since the plan was reviewed; review the new plan (--dry-run) and "
                + "pass its fingerprint. Nothing was changed."
        case .unwritableOutput(let option, let path, let reason):
            "\(option) \(path): \(reason)"
        case .unreadableLiveState(let problem):
            "the live state cannot be read: \(problem). Nothing was planned or changed; run again, and if it "
                + "persists, run `reconcile doctor` and report what it says."
        }
    }
}
