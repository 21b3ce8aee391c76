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

    public init(
        host: String = "127.0.0.1", port: Int = 0, persistPath: String? = nil, latency: Duration = .zero,
        faultRate: Double = 0, faultMode: FaultMode = .before, throttle: Int? = nil,
        tokenTTL: Duration = .seconds(XoperoAssumptions.tokenLifetimeSeconds), seed: UInt64 = 0,
        stopOnSignals: Bool = false, tls: SimulatorTLS? = nil
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
    }

    /// Refuses values out of range, naming the flag.
    func validate() throws(SimulatorError) {
        guard (0...65535).contains(port) else {
            throw .invalidOption(name: "--port", message: "must be 0...65535, got \(port)")
        }
        guard faultRate >= 0, faultRate <= 1 else {
            throw .invalidOption(name: "--fault-rate", message: "must be between 0 and 1, got \(faultRate)")
        }
        guard latency >= .zero else { throw .invalidOption(name: "--latency", message: "must not be negative") }
        if let throttle, throttle < 1 {
            throw .invalidOption(name: "--throttle", message: "must be 1 or more calls a second, got \(throttle)")
        }
        guard tokenTTL > .zero else {
            throw .invalidOption(name: "--token-ttl", message: "must be more than 0 seconds")
        }
    }
}
