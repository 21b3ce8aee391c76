import XoperoContract

/// How the simulator listens and misbehaves. The defaults give a well-behaved server on a free
/// loopback port that keeps its state in memory only.
public struct SimulatorOptions: Sendable, Hashable {
    /// The address to listen on.
    public var host: String
    /// The port to listen on; 0 lets the system choose a free one (see `RunningSimulator.baseURL`).
    public var port: Int
    /// Where to write the state after every change (atomically); nil keeps it in memory only.
    public var persistPath: String?
    /// Added before every answer on the vendor's paths.
    public var latency: Duration
    /// The share of calls on the vendor's paths that fail (0...1).
    public var faultRate: Double
    /// How they fail.
    public var faultMode: FaultMode
    /// At most this many calls a second on the vendor's paths, beyond that 429; nil is unlimited.
    public var throttle: Int?
    /// How long a token from login stays valid.
    public var tokenTTL: Duration
    /// Makes faults reproducible: the same seed fails the same calls on every run.
    public var seed: UInt64
    /// Shut down gracefully on SIGINT and SIGTERM (for the `xopero-sim` executable; leave false in-process).
    public var stopOnSignals: Bool
    /// Serve HTTPS with this certificate and key; nil serves plain HTTP.
    public var tls: SimulatorTLS?
    /// At most this many vendor calls are served at once; more wait their turn in arrival order (the
    /// latency is served inside the slot); nil is unlimited.
    public var capacity: Int?
    /// At most this many items a page, whatever `limit` asks (`pageCount` follows the served size); nil
    /// serves up to `XoperoAssumptions.maximumPageSize`.
    public var maxPageSize: Int?

    /// The largest `--latency`: 10 minutes.
    public static let maximumLatency = Duration.seconds(600)
    /// The longest `--token-ttl`: 100 years, so that a token's `exp` stays a sensible Unix time.
    public static let maximumTokenTTL = Duration.seconds(100 * 365 * 24 * 60 * 60)

    public init(
        host: String = "127.0.0.1", port: Int = 0, persistPath: String? = nil, latency: Duration = .zero,
        faultRate: Double = 0, faultMode: FaultMode = .before, throttle: Int? = nil,
        tokenTTL: Duration = .seconds(XoperoAssumptions.tokenLifetimeSeconds), seed: UInt64 = 0,
        stopOnSignals: Bool = false, tls: SimulatorTLS? = nil, capacity: Int? = nil, maxPageSize: Int? = nil
    ) {
        self.host = host
        self.port = port
        self.persistPath = persistPath
        self.latency = latency
        self.faultRate = faultRate
        self.faultMode = faultMode
        self.throttle = throttle
        self.tokenTTL = tokenTTL
        self.seed = seed
        self.stopOnSignals = stopOnSignals
        self.tls = tls
        self.capacity = capacity
        self.maxPageSize = maxPageSize
    }

    /// Refuses values out of range, naming the flag (`SimulatorError.invalidOption`).
    public func validate() throws(SimulatorError) {
        guard (0...65535).contains(port) else {
            throw .invalidOption(name: "--port", message: "must be 0...65535, got \(port)")
        }
        guard faultRate >= 0, faultRate <= 1 else {
            throw .invalidOption(name: "--fault-rate", message: "must be between 0 and 1, got \(faultRate)")
        }
        guard latency >= .zero, latency <= Self.maximumLatency else {
            throw .invalidOption(name: "--latency", message: "must be 0 to 600000 milliseconds, got \(latency)")
        }
        if let throttle, throttle < 1 {
            throw .invalidOption(name: "--throttle", message: "must be 1 or more calls a second, got \(throttle)")
        }
        guard tokenTTL >= .seconds(1), tokenTTL <= Self.maximumTokenTTL else {
            throw .invalidOption(
                name: "--token-ttl", message: "must be 1 second to 100 years (3153600000 seconds), got \(tokenTTL)")
        }
        if let capacity, capacity < 1 {
            throw .invalidOption(name: "--capacity", message: "must be 1 or more calls at once, got \(capacity)")
        }
        if let maxPageSize, maxPageSize < 1 {
            throw .invalidOption(name: "--max-page-size", message: "must be 1 or more items, got \(maxPageSize)")
        }
    }
}
