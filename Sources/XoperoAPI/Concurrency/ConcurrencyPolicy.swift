/// How many calls the client keeps in flight (`--concurrency N|auto`, `--max-concurrency`).
public enum ConcurrencyPolicy: Sendable, Hashable, CustomStringConvertible {
    /// Exactly this many calls at most, whatever the server shows.
    case fixed(Int)
    /// Found from what the server shows (latency, 429, 503, timeouts), between 1 and `maximum`.
    case adaptive(maximum: Int)

    /// The most calls that may ever be in flight; the HTTP connection pool is sized to it.
    public var maximum: Int {
        switch self {
        case .fixed(let limit): max(1, limit)
        case .adaptive(let maximum): max(1, maximum)
        }
    }

    /// The level the first calls start at: the fixed level, or a few calls that grow from there.
    var initialLimit: Int {
        switch self {
        case .fixed(let limit): max(1, limit)
        case .adaptive(let maximum): min(max(1, maximum), 4)
        }
    }

    public var description: String {
        switch self {
        case .fixed(let limit): "\(limit)"
        case .adaptive(let maximum): "auto (at most \(maximum))"
        }
    }
}
