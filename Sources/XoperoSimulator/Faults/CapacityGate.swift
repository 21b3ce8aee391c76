import Synchronization

/// How many vendor calls are in the server, and at most how many are served at once (`--capacity`).
///
/// A call is *in flight* from the moment it arrives until its answer is written; it is *served* while it
/// holds one of the `capacity` slots. Calls beyond the capacity wait in a first-in, first-out queue, so
/// latency grows with load as on a real server. Everything is under one lock and release is synchronous,
/// so a slot can be given back from anywhere, a `deinit` included.
final class CapacityGate: Sendable {
    /// The numbers `/__sim/stats` reports.
    struct Snapshot: Sendable, Hashable {
        var capacity: Int?
        var inFlight = 0
        var peakConcurrency = 0
        var serving = 0
        var peakServing = 0
        var queued = 0
        var peakQueued = 0
    }

    private struct State: Sendable {
        var numbers: Snapshot
        var waiters: [CheckedContinuation<Void, Never>] = []
        var firstWaiter = 0
    }

    private let state: Mutex<State>

    /// `capacity` nil serves every call at once.
    init(capacity: Int?) {
        state = Mutex(State(numbers: Snapshot(capacity: capacity)))
    }

    var snapshot: Snapshot { state.withLock { $0.numbers } }

    /// A call arrived: it is in flight until `depart()`.
    func arrive() {
        state.withLock { state in
            state.numbers.inFlight += 1
            state.numbers.peakConcurrency = max(state.numbers.peakConcurrency, state.numbers.inFlight)
        }
    }

    /// The call's answer was written (or abandoned).
    func depart() {
        state.withLock { $0.numbers.inFlight -= 1 }
    }

    /// Waits for a free slot, after every call that came to wait before this one.
    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = state.withLock { state -> Bool in
                if let capacity = state.numbers.capacity, state.numbers.serving >= capacity {
                    state.waiters.append(continuation)
                    state.numbers.queued += 1
                    state.numbers.peakQueued = max(state.numbers.peakQueued, state.numbers.queued)
                    return false
                }
                state.numbers.serving += 1
                state.numbers.peakServing = max(state.numbers.peakServing, state.numbers.serving)
                return true
            }
            if admitted { continuation.resume() }
        }
    }

    /// Gives a slot back: to the longest-waiting call if there is one (the slot passes straight to it).
    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.firstWaiter < state.waiters.count else {
                state.numbers.serving -= 1
                return nil
            }
            let continuation = state.waiters[state.firstWaiter]
            state.firstWaiter += 1
            state.numbers.queued -= 1
            // Drop the served front of the queue now and then, so that it never grows without bound.
            if state.firstWaiter >= 1024 || state.firstWaiter == state.waiters.count {
                state.waiters.removeFirst(state.firstWaiter)
                state.firstWaiter = 0
            }
            return continuation
        }
        next?.resume()
    }
}
