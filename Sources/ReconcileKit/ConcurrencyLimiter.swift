/// At most `limit` pieces of work at a time, shared by every task that holds it (the `--concurrency`
/// flag). Waiters are served first come, first served.
public actor ConcurrencyLimiter {
    public nonisolated let limit: Int
    private var running = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// The most pieces of work that ever ran at once (tests check the limit with it).
    public private(set) var peak = 0

    public init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `work` once a slot is free, and frees the slot afterwards, whether `work` throws or not.
    public nonisolated func withPermit<Value: Sendable, Failure: Error>(
        _ work: () async throws(Failure) -> Value
    ) async throws(Failure) -> Value {
        await acquire()
        do {
            let value = try await work()
            await release()
            return value
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if running < limit {
            running += 1
            peak = max(peak, running)
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            running -= 1
        } else {
            // The slot passes straight to the next waiter: `running` stays the same.
            waiters.removeFirst().resume()
        }
    }
}
