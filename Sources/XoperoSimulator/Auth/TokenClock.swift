import Foundation
import Synchronization

/// Where the simulator reads the time when it issues and checks tokens, and times synchronizations.
///
/// The server uses the system's clock; tests pass a `ManualTokenClock` so that a token expires when the
/// test says so, not after a sleep that a loaded machine can stretch past the token's lifetime.
public protocol TokenClock: Sendable {
    /// The monotonic time, which expiry and synchronization deadlines are measured with.
    var now: ContinuousClock.Instant { get }
    /// The calendar time, which only the `exp` claim of a token is written from.
    var wallTime: Date { get }
}

extension TokenClock {
    public var wallTime: Date { Date() }
}

/// The system's monotonic clock.
public struct SystemTokenClock: TokenClock {
    public init() {}

    public var now: ContinuousClock.Instant { ContinuousClock.now }
}

/// A clock that starts at the system clock's reading when made and then moves only when told to (`advance(by:)`).
public final class ManualTokenClock: TokenClock {
    private let start = ContinuousClock.now
    private let startDate = Date()
    private let elapsed = Mutex<Duration>(.zero)

    public init() {}

    public var now: ContinuousClock.Instant { start.advanced(by: elapsed.withLock { $0 }) }

    public var wallTime: Date {
        let seconds = elapsed.withLock { $0 }.components
        return startDate.addingTimeInterval(Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18)
    }

    /// Moves the clock forward.
    public func advance(by duration: Duration) {
        elapsed.withLock { $0 += duration }
    }
}
