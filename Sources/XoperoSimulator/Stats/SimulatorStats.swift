import XoperoContract

/// The calls the simulator received on the vendor's paths (its own `/__sim/*` paths are not counted, so
/// that looking at the numbers does not change them).
public struct SimulatorStats: Codable, Sendable, Hashable {
    /// Every call received.
    public var totalCalls: Int
    /// Calls by path, e.g. `"/plans/attachgitrepository": 3`.
    public var byPath: [String: Int]
    /// Calls by answered status, e.g. `"200": 12` (`"dropped"` for a connection the simulator dropped).
    public var byStatus: [String: Int]
    /// Calls by path, then by status.
    public var byPathAndStatus: [String: [String: Int]]
    /// Calls received on the write paths (attach, detach, modify, activate, deactivate), whatever the answer.
    public var writeCalls: Int
    /// Vendor calls in the server now: arrived, answer not yet written (waiting for a slot included).
    public var inFlight: Int
    /// The most vendor calls that were in the server at once since it started.
    public var peakConcurrency: Int
    /// `--capacity`: at most this many calls are served at once; nil is unlimited.
    public var capacity: Int?
    /// Calls holding one of the capacity's slots now.
    public var serving: Int
    /// The most calls that held a slot at once (never above `capacity`).
    public var peakServing: Int
    /// Calls waiting for a slot now.
    public var queued: Int
    /// The most calls that waited for a slot at once.
    public var peakQueued: Int

    public init() {
        totalCalls = 0
        byPath = [:]
        byStatus = [:]
        byPathAndStatus = [:]
        writeCalls = 0
        inFlight = 0
        peakConcurrency = 0
        capacity = nil
        serving = 0
        peakServing = 0
        queued = 0
        peakQueued = 0
    }

    /// Calls received on `path`, optionally only those answered with `status`.
    public func calls(path: String, status: Int? = nil) -> Int {
        guard let status else { return byPath[path] ?? 0 }
        return byPathAndStatus[path]?[String(status)] ?? 0
    }

    mutating func record(path: String, status: String) {
        totalCalls += 1
        byPath[path, default: 0] += 1
        byStatus[status, default: 0] += 1
        byPathAndStatus[path, default: [:]][status, default: 0] += 1
        if XoperoCall(path: path)?.isWrite == true { writeCalls += 1 }
    }

    mutating func include(_ gate: CapacityGate.Snapshot) {
        inFlight = gate.inFlight
        peakConcurrency = gate.peakConcurrency
        capacity = gate.capacity
        serving = gate.serving
        peakServing = gate.peakServing
        queued = gate.queued
        peakQueued = gate.peakQueued
    }
}
