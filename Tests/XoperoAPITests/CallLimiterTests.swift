import Foundation
import Logging
import Synchronization
import Testing

@testable import XoperoAPI

@Suite("CallLimiter: fixed and adaptive levels, pacing after a 429, stopping")
struct CallLimiterTests {
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// Runs `calls` calls through the limiter, each answering with `signal(i)` after `work`. The latency
    /// reported is a constant 2 ms by default, so that a loaded test machine does not look like a
    /// queueing server.
    static func run(
        _ limiter: CallLimiter, calls: Int, work: Duration = .milliseconds(2),
        signal: @escaping @Sendable (Int, Duration) -> LoadSignal = { _, _ in .answered(latency: .milliseconds(2)) }
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<calls {
                group.addTask {
                    let start = try await limiter.acquire(.getOrganizations)
                    try await Task.sleep(until: start, clock: .continuous)
                    let began = ContinuousClock.now
                    try await Task.sleep(for: work)
                    await limiter.release(signal(index, ContinuousClock.now - began))
                }
            }
            try await group.waitForAll()
        }
    }

    @Test("a fixed level is never exceeded and never changes", arguments: [1, 4])
    func fixed(level: Int) async throws {
        // No pacing here (it would need more answers than this test has): the level alone.
        let tuning = LimiterTuning(smallestSample: 1000)
        let limiter = CallLimiter(policy: .fixed(level), tuning: tuning, logger: Self.quiet)
        try await Self.run(limiter, calls: 40) { index, _ in
            index % 5 == 0 ? .throttled(retryAfter: .zero) : .answered(latency: .milliseconds(2))
        }
        #expect(await limiter.peakInFlight == level)
        #expect(await limiter.currentLimit == level)
    }

    @Test("adaptive: grows while latency stays low, up to the maximum")
    func grows() async throws {
        let limiter = CallLimiter(policy: .adaptive(maximum: 16), logger: Self.quiet)
        try await Self.run(limiter, calls: 400)
        #expect(await limiter.currentLimit == 16)
        #expect(await limiter.peakInFlight <= 16)
    }

    @Test(
        "adaptive: halves on a 429, a 503 or a timeout",
        arguments: [LoadSignal.throttled(retryAfter: .zero), .overloaded, .timedOut])
    func congestion(signal: LoadSignal) async throws {
        let limiter = CallLimiter(policy: .adaptive(maximum: 32), logger: Self.quiet)
        try await Self.run(limiter, calls: 300)
        let before = await limiter.currentLimit
        _ = try await limiter.acquire(.getOrganizations)
        await limiter.release(signal)
        #expect(await limiter.currentLimit == max(1, before / 2))
    }

    @Test("adaptive: shrinks when latency rises well above the lowest seen")
    func latencyRise() async throws {
        let limiter = CallLimiter(policy: .adaptive(maximum: 32), logger: Self.quiet)
        try await Self.run(limiter, calls: 300)
        let before = await limiter.currentLimit
        _ = try await limiter.acquire(.getOrganizations)
        await limiter.release(.answered(latency: .milliseconds(500)))
        #expect(await limiter.currentLimit < before)
    }

    @Test("adaptive: in slow start each answer of a level in use adds half a call (1.5 times a round)")
    func slowStartGrowth() async throws {
        let limiter = CallLimiter(policy: .adaptive(maximum: 64), logger: Self.quiet)
        #expect(await limiter.currentLimit == 4)
        for _ in 0..<8 {
            // Fill the level, then one answer at the lowest latency.
            while await limiter.currentlyInFlight < limiter.currentLimit {
                _ = try await limiter.acquire(.getOrganizations)
            }
            await limiter.release(.answered(latency: .milliseconds(100)))
        }
        #expect(await limiter.currentLimit == 4 + 8 / 2)
    }

    @Test("adaptive: a first rise of latency ends slow start without shrinking; growth is one a round from there")
    func slowStartEnds() async throws {
        // Latencies are reported, not measured: 100 ms is the lowest; 140 ms is above 1.25 times it plus
        // 5 ms (slow start ends) and below 1.5 times it plus 5 ms (no decrease).
        let limiter = CallLimiter(policy: .adaptive(maximum: 64), logger: Self.quiet)
        try await Self.run(limiter, calls: 20) { _, _ in .answered(latency: .milliseconds(100)) }
        let before = await limiter.currentLimit
        #expect(before > 8)
        _ = try await limiter.acquire(.getOrganizations)
        await limiter.release(.answered(latency: .milliseconds(140)))
        #expect(await limiter.currentLimit == before)
        try await Self.run(limiter, calls: 40) { _, _ in .answered(latency: .milliseconds(100)) }
        // In slow start 40 answers would add up to 20; one a round adds about 40 / level.
        #expect(await limiter.currentLimit <= before + 3)
    }

    @Test("after a 429 calls are paced to the rate the server accepted, after one shared pause")
    func pacing() async throws {
        let tuning = LimiterTuning(defaultPause: .milliseconds(100))
        let limiter = CallLimiter(policy: .fixed(8), tuning: tuning, logger: Self.quiet)
        // 20 calls accepted within the last second, then a 429 without Retry-After.
        try await Self.run(limiter, calls: 20)
        _ = try await limiter.acquire(.getOrganizations)
        await limiter.release(.throttled(retryAfter: nil))
        #expect(await limiter.pauseRemaining() > .milliseconds(50))
        let clock = ContinuousClock()
        let started = clock.now
        try await Self.run(limiter, calls: 10, work: .zero)
        // After the 0.1 s pause, 10 calls at 95% of 20 a second take about half a second.
        #expect(clock.now - started >= .milliseconds(400))
    }

    @Test("once stopped, no call starts: waiting and new calls fail with notStarted")
    func stopping() async throws {
        let limiter = CallLimiter(policy: .fixed(1), logger: Self.quiet)
        _ = try await limiter.acquire(.attachGitRepository)
        let waiting = Task { try await limiter.acquire(.detachGitRepository) }
        try await Task.sleep(for: .milliseconds(50))
        await limiter.stopStartingCalls()
        await #expect(throws: XoperoClientError.notStarted(.detachGitRepository)) { _ = try await waiting.value }
        await #expect(throws: XoperoClientError.notStarted(.modifyGitPlan)) {
            _ = try await limiter.acquire(.modifyGitPlan)
        }
    }
}
