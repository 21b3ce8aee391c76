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

    public init() {
        totalCalls = 0
        byPath = [:]
        byStatus = [:]
        byPathAndStatus = [:]
        writeCalls = 0
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
}
