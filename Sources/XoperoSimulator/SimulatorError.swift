/// What can go wrong starting or running the simulator. Each description is one line that says what is
/// wrong, where, and what to do.
public enum SimulatorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The state file does not exist.
    case stateFileMissing(path: String)
    /// The state file exists but cannot be read.
    case stateFileUnreadable(path: String, reason: String)
    /// The state file is not JSON.
    case stateFileNotJSON(path: String, reason: String)
    /// The state file is JSON but breaks the state-file format; `field` is a path such as
    /// `organizations[0].repositories[2].name`.
    case stateFileInvalid(path: String, field: String, message: String)
    /// The port is taken by another process.
    case portInUse(host: String, port: Int)
    /// The server could not start for another reason.
    case serverFailed(reason: String)
    /// `--persist` could not write the state file.
    case persistFailed(path: String, reason: String)
    /// An option has a value out of range.
    case invalidOption(name: String, message: String)
    /// A TLS file (`--tls-cert` or `--tls-key`) is missing, unreadable or not what it should be.
    case tlsFileInvalid(option: String, path: String, problem: String)

    public var description: String {
        switch self {
        case .stateFileMissing(let path):
            "state file \(path) does not exist; pass an existing file with --state (examples/live-state.json is one)"
        case .stateFileUnreadable(let path, let reason):
            "state file \(path) cannot be read: \(reason)"
        case .stateFileNotJSON(let path, let reason):
            "state file \(path) is not JSON: \(reason)"
        case .stateFileInvalid(let path, let field, let message):
            "state file \(path): \(field): \(message)"
        case .portInUse(let host, let port):
            "port \(port) on \(host) is already in use; choose another with --port, or --port 0 for any free one"
        case .serverFailed(let reason):
            "the simulator could not start: \(reason)"
        case .persistFailed(let path, let reason):
            "cannot write the state to \(path): \(reason)"
        case .invalidOption(let name, let message):
            "\(name): \(message)"
        case .tlsFileInvalid(let option, let path, let problem):
            "\(option) \(path) \(problem); pass the server's certificate chain and unencrypted private key as PEM files"
        }
    }
}
