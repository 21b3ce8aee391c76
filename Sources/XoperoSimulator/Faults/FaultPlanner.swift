import Foundation

/// Which faults `--fault-rate` injects.
public enum FaultMode: String, Sendable, CaseIterable {
    /// 503 and nothing done.
    case before
    /// The call is carried out, then its answer is lost: a 500 or a dropped connection.
    case after
    /// Either of the above, decided per call.
    case mixed
}

/// What happens to one call.
enum FaultDecision: Sendable, Hashable {
    case none
    /// Answer 503 without doing anything.
    case unavailable
    /// Do the call, then answer 500 (or drop the connection) instead of its answer.
    case lostAnswer(dropConnection: Bool)
}

/// Decides, deterministically, which calls fail.
///
/// Each decision is a hash of (seed, path, canonical body, how many identical calls came before), not a
/// draw from a shared random stream, so with a fixed seed the same calls fail on every run even when
/// calls arrive concurrently in a different order.
struct FaultPlanner: Sendable {
    let seed: UInt64
    let rate: Double
    let mode: FaultMode

    func decide(path: String, canonicalBody: Data, occurrence: Int) -> FaultDecision {
        guard rate > 0 else { return .none }
        var hash = StableHash(seed: seed)
        hash.combine(path)
        hash.combine(canonicalBody)
        hash.combine(UInt64(occurrence))
        let bits = hash.value
        guard SplitMix64.unitInterval(bits) < rate else { return .none }
        // Further decisions use other bits of the same hash, so they are just as reproducible.
        let more = SplitMix64.mix(bits)
        switch mode {
        case .before: return .unavailable
        case .after: return .lostAnswer(dropConnection: more & 1 == 1)
        case .mixed: return more & 2 == 0 ? .unavailable : .lostAnswer(dropConnection: more & 1 == 1)
        }
    }

    /// The key under which identical calls are counted.
    static func requestKey(path: String, canonicalBody: Data) -> UInt64 {
        var hash = StableHash(seed: 0)
        hash.combine(path)
        hash.combine(canonicalBody)
        return hash.value
    }
}

/// Counts how many times each identical call (same path and canonical body) was seen.
actor RequestOccurrences {
    private var seen: [UInt64: Int] = [:]

    /// How many identical calls came before this one; counts this one.
    func next(_ key: UInt64) -> Int {
        let count = seen[key, default: 0]
        seen[key] = count + 1
        return count
    }
}
