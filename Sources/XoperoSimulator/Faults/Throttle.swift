import XoperoContract

/// Allows at most `limit` calls in each one-second window; beyond that, callers are told to retry
/// when the window ends.
actor Throttle {
    private let limit: Int
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant
    private var window: Int64 = -1
    private var count = 0

    init(callsPerSecond limit: Int) {
        self.limit = limit
        origin = clock.now
    }

    /// nil when the call may go ahead, else the whole seconds to wait (at least 1).
    func admit() -> Int? {
        admit(elapsed: clock.now - origin)
    }

    /// `admit()` for a call `elapsed` after the throttle was made.
    func admit(elapsed: Duration) -> Int? {
        let current = elapsed.components.seconds
        if current != window {
            window = current
            count = 0
        }
        count += 1
        return count > limit ? XoperoAssumptions.retryAfterSeconds : nil
    }
}
