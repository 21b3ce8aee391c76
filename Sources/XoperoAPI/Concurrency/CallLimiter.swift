import Logging
import XoperoContract

/// What one attempt's answer says about the server's load.
enum LoadSignal: Sendable, Equatable {
    /// An answer that says nothing about load (2xx, or an error such as 404): its latency counts.
    case answered(latency: Duration)
    /// 429: the server refuses the rate; `retryAfter` as it said, already bounded.
    case throttled(retryAfter: Duration?)
    /// 503: the server cannot take the call now.
    case overloaded
    /// No answer within the deadline.
    case timedOut
    /// Failed without saying anything about load (refused connection, TLS, cancelled).
    case neutral
}

/// The calls in flight at once, shared by every call of a client (reads and writes alike), and the pace
/// at which they start.
///
/// With `ConcurrencyPolicy.fixed` the level never changes. With `.adaptive` it follows an AIMD rule, as
/// TCP congestion control does: it starts low and grows by half a call an answer while calls answer in
/// about the lowest latency seen ("slow start", 1.5 times a round), then by one a round; slow start ends
/// early, without shrinking, once latency begins to rise (a queue starts to form; this keeps the overshoot
/// of a growing round small, as TCP's HyStart does); it shrinks to half on a 429, a 503 or a timeout, and
/// by a tenth when latency rises well above the lowest seen (1.5 times, plus 5 ms: the server queues).
///
/// Independently of the level, after a 429 the starts are paced to the rate the server accepted in the
/// second before (a little under it), after one pause of the server's `Retry-After`, instead of every
/// throttled call sleeping a whole `Retry-After` of its own; the pace then creeps up by 1% a second, so
/// a server that allows more gets more.
public actor CallLimiter {
    public nonisolated let policy: ConcurrencyPolicy
    private let logger: Logger
    private let clock = ContinuousClock()
    private let tuning: LimiterTuning

    private var level: Double
    private var slowStartThreshold: Double
    private var inFlight = 0
    private var waiters = FIFOQueue<CheckedContinuation<Void, Never>>()
    private var lowestLatency: Duration?
    private var lastDecrease: ContinuousClock.Instant?
    private var pace: Pace?
    private var pausedUntil: ContinuousClock.Instant?
    private var nextStart: ContinuousClock.Instant
    private var recentSuccesses = FIFOQueue<ContinuousClock.Instant>()
    private var stopped = false
    /// The most calls that were ever in flight at once.
    public private(set) var peakInFlight = 0
    /// How many answers were 429.
    public private(set) var throttledAnswers = 0

    public init(policy: ConcurrencyPolicy, logger: Logger) {
        self.init(policy: policy, tuning: LimiterTuning(), logger: logger)
    }

    init(policy: ConcurrencyPolicy, tuning: LimiterTuning, logger: Logger) {
        self.policy = policy
        self.tuning = tuning
        self.logger = logger
        level = Double(policy.initialLimit)
        slowStartThreshold = Double(policy.maximum)
        nextStart = clock.now
    }

    /// The number of calls that may be in flight now.
    public var currentLimit: Int { Self.whole(level) }

    /// The calls in flight now.
    public var currentlyInFlight: Int { inFlight }

    /// From now on no call starts: calls waiting for a slot, or retries, fail with `notStarted`.
    public func stopStartingCalls() {
        stopped = true
        while let waiter = waiters.popFirst() { waiter.resume() }
    }

    /// Waits for a slot; returns when the call may start (the caller sleeps until then, holding the slot).
    func acquire(_ call: XoperoCall) async throws(XoperoClientError) -> ContinuousClock.Instant {
        if stopped { throw .notStarted(call) }
        if inFlight < Self.whole(level) && waiters.isEmpty {
            inFlight += 1
        } else {
            // `release` hands the slot over: `inFlight` already counts this call when it resumes.
            await withCheckedContinuation { waiters.append($0) }
            if stopped {
                inFlight -= 1
                throw .notStarted(call)
            }
        }
        peakInFlight = max(peakInFlight, inFlight)
        return scheduledStart()
    }

    /// Gives the slot back with what the attempt's answer said about the server's load.
    func release(_ signal: LoadSignal) {
        inFlight -= 1
        if case .throttled = signal { throttledAnswers += 1 }
        adjust(to: signal)
        while !stopped, inFlight < Self.whole(level), let waiter = waiters.popFirst() {
            inFlight += 1
            waiter.resume()
        }
    }

    /// How long the limiter asks every start to wait now (a pause after a 429); zero when none.
    func pauseRemaining() -> Duration {
        guard let pausedUntil else { return .zero }
        return max(.zero, pausedUntil - clock.now)
    }

    // MARK: - Pace

    private struct Pace {
        var callsPerSecond: Double
        var since: ContinuousClock.Instant
    }

    private func scheduledStart() -> ContinuousClock.Instant {
        var start = max(clock.now, nextStart)
        if let pausedUntil { start = max(start, pausedUntil) }
        if let rate = currentPace(at: clock.now) {
            nextStart = start + .seconds(1 / max(rate, tuning.slowestPace))
        }
        return start
    }

    /// The pace now: the rate set after the last 429, grown since.
    private func currentPace(at now: ContinuousClock.Instant) -> Double? {
        guard let pace else { return nil }
        return pace.callsPerSecond * (1 + tuning.paceGrowthPerSecond * (now - pace.since).inSeconds)
    }

    private func noteThrottle(retryAfter: Duration?) {
        let now = clock.now
        pruneSuccesses(now: now)
        // Too few answers in the last second say nothing about the rate the server allows: then only the
        // pause (and, when adaptive, the smaller level) hold calls back.
        // The 429s of calls already on their way report the same excess: the pace is set once a second
        // at most, from the accepted rate, never compounding.
        let settled = pace.map { now - $0.since >= .seconds(1) } ?? true
        if settled && recentSuccesses.count >= tuning.smallestSample {
            let accepted = Double(recentSuccesses.count) * tuning.paceShare
            let rate = max(min(accepted, currentPace(at: now) ?? .infinity), tuning.slowestPace)
            logger.info("throttled (HTTP 429): pacing calls at \(Int(rate.rounded())) a second")
            pace = Pace(callsPerSecond: rate, since: now)
        }
        // One pause for everyone, not a sleep per throttled call.
        if pausedUntil.map({ $0 < now }) ?? true {
            pausedUntil = now + min(retryAfter ?? tuning.defaultPause, tuning.longestPause)
        }
    }

    private func pruneSuccesses(now: ContinuousClock.Instant) {
        while let first = recentSuccesses.first, now - first > .seconds(1) { _ = recentSuccesses.popFirst() }
    }

    // MARK: - Level

    private func adjust(to signal: LoadSignal) {
        switch signal {
        case .answered(let latency):
            let now = clock.now
            recentSuccesses.append(now)
            pruneSuccesses(now: now)
            let lowest = min(lowestLatency ?? latency, latency)
            lowestLatency = lowest
            guard case .adaptive = policy else { return }
            if latency > lowest * tuning.queueingFactor + tuning.queueingSlack {
                decrease(by: tuning.latencyDecrease, reason: "latency rose to \(latency.inMilliseconds) ms")
            } else if level < slowStartThreshold, latency > lowest * tuning.slowStartExitFactor + tuning.queueingSlack {
                // The queue starts to form: grow by one a round from here, before slow start overshoots.
                slowStartThreshold = level
            } else if Double(inFlight + 1) >= level.rounded(.down) {
                // Grow only when the level is in use: an idle level says nothing about the server.
                increase()
            }
        case .throttled(let retryAfter):
            noteThrottle(retryAfter: retryAfter)
            decrease(by: tuning.congestionDecrease, reason: "HTTP 429")
        case .overloaded:
            decrease(by: tuning.congestionDecrease, reason: "HTTP 503")
        case .timedOut:
            decrease(by: tuning.congestionDecrease, reason: "a call timed out")
        case .neutral:
            break
        }
    }

    private func increase() {
        let before = Self.whole(level)
        level = min(Double(policy.maximum), level + (level < slowStartThreshold ? tuning.slowStartGrowth : 1 / level))
        if Self.whole(level) != before { logger.info("concurrency: \(before) -> \(Self.whole(level))") }
    }

    private func decrease(by factor: Double, reason: String) {
        guard case .adaptive = policy else { return }
        let now = clock.now
        // Answers already on their way report the same congestion: one decrease per round trip.
        let round = max(lowestLatency ?? .zero, tuning.shortestRound)
        if let lastDecrease, now - lastDecrease < round { return }
        lastDecrease = now
        let before = Self.whole(level)
        level = max(1, level * factor)
        slowStartThreshold = level
        if Self.whole(level) != before { logger.info("concurrency: \(before) -> \(Self.whole(level)) (\(reason))") }
    }

    private static func whole(_ level: Double) -> Int { max(1, Int(level.rounded(.down))) }
}

/// The constants of `CallLimiter`'s rule, in one place.
struct LimiterTuning: Sendable {
    /// Latency above `lowest * queueingFactor + queueingSlack` means the server queues.
    var queueingFactor = 1.5
    var queueingSlack = Duration.milliseconds(5)
    /// Latency above `lowest * slowStartExitFactor + queueingSlack` ends slow start (no decrease).
    var slowStartExitFactor = 1.25
    /// What each answer adds in slow start: half a call, so the level grows 1.5 times a round, not twice,
    /// and the round before the first slow answer overshoots by half the capacity rather than all of it.
    var slowStartGrowth = 0.5
    var latencyDecrease = 0.9
    var congestionDecrease = 0.5
    var shortestRound = Duration.milliseconds(50)
    /// The share of the accepted rate that calls are paced at after a 429.
    var paceShare = 0.95
    var paceGrowthPerSecond = 0.01
    /// The fewest answers in the last second from which an accepted rate is estimated.
    var smallestSample = 5
    var slowestPace = 1.0
    var defaultPause = Duration.seconds(1)
    var longestPause = Duration.seconds(5)
}

/// A first-in, first-out queue with O(1) removal at the front.
struct FIFOQueue<Element> {
    private var items: [Element] = []
    private var head = 0

    var isEmpty: Bool { head == items.count }
    var count: Int { items.count - head }
    var first: Element? { isEmpty ? nil : items[head] }

    mutating func append(_ item: Element) { items.append(item) }

    mutating func popFirst() -> Element? {
        guard !isEmpty else { return nil }
        let item = items[head]
        head += 1
        if head > 64 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
    }
}
