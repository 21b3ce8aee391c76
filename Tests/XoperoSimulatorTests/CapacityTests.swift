import Foundation
import Testing
import XoperoContract

@testable import XoperoSimulator

/// `--capacity`: at most N calls served at once, the rest wait in arrival order; the stats report the
/// calls in flight and their peak.
@Suite struct CapacityTests {
    @Test func theGateServesAtMostItsCapacityAndEveryone() async {
        let gate = CapacityGate(capacity: 3)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    gate.arrive()
                    await gate.acquire()
                    try? await Task.sleep(for: .milliseconds(2))
                    gate.release()
                    gate.depart()
                }
            }
        }
        let numbers = gate.snapshot
        #expect(numbers.peakServing == 3)
        #expect(numbers.serving == 0)
        #expect(numbers.queued == 0)
        #expect(numbers.inFlight == 0)
        #expect(numbers.peakConcurrency > 3)
        #expect(numbers.peakQueued > 0)
    }

    @Test func waitingCallsAreServedInArrivalOrder() async {
        let gate = CapacityGate(capacity: 1)
        await gate.acquire()
        let order = Recorder()
        await withTaskGroup(of: Void.self) { group in
            for number in 0..<8 {
                group.addTask {
                    await gate.acquire()
                    await order.append(number)
                    gate.release()
                }
                // The next call arrives only once this one waits, so the arrival order is known.
                while gate.snapshot.queued < number + 1 { await Task.yield() }
            }
            gate.release()
        }
        #expect(await order.numbers == Array(0..<8))
        #expect(gate.snapshot.serving == 0)
    }

    @Test func aTicketGivesItsSlotBackOnceEvenIfTheAnswerIsDropped() async {
        let gate = CapacityGate(capacity: 1)
        do {
            gate.arrive()
            let ticket = CapacityTicket(gate: gate)
            await gate.acquire()
            ticket.holdSlot()
            ticket.finish()
            ticket.finish()
        }
        do {
            gate.arrive()
            let ticket = CapacityTicket(gate: gate)
            await gate.acquire()
            ticket.holdSlot()
            _ = ticket  // dropped without finish: deinit gives the slot back
        }
        let numbers = gate.snapshot
        #expect(numbers.serving == 0)
        #expect(numbers.inFlight == 0)
    }

    /// Sends `count` listing calls at once and waits for every answer.
    static func burst(_ sim: SimulatorHarness, _ count: Int, token: String) async throws -> [Int] {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<count {
                group.addTask { try await sim.post("/git/organizations/getmany", json: "{}", token: token).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// The stats once every answer was written (the server counts a call out just after the client has it).
    static func settledStats(_ sim: SimulatorHarness) async throws -> SimulatorStats {
        for _ in 0..<200 {
            let stats = try await sim.get("/__sim/stats").decode(SimulatorStats.self)
            if stats.inFlight == 0 { return stats }
            try await Task.sleep(for: .milliseconds(10))
        }
        return try await sim.get("/__sim/stats").decode(SimulatorStats.self)
    }

    @Test func aFullServerQueuesAndLatencyIsServedInsideTheSlot() async throws {
        let options = SimulatorOptions(latency: .milliseconds(100), capacity: 2)
        try await SimulatorHarness.with(options: options) { sim in
            let token = try await sim.login()
            let clock = ContinuousClock()
            let started = clock.now
            let statuses = try await Self.burst(sim, 8, token: token)
            let elapsed = clock.now - started
            #expect(statuses == Array(repeating: 200, count: 8))
            // 8 calls, 2 at a time, 100 ms each: at least 4 rounds.
            #expect(elapsed >= .milliseconds(400))
            let stats = try await Self.settledStats(sim)
            #expect(stats.capacity == 2)
            #expect(stats.peakServing == 2)
            #expect(stats.peakConcurrency > 2, "calls beyond the capacity are in flight while they wait")
            #expect(stats.peakQueued >= 1)
            #expect(stats.serving == 0)
            #expect(stats.queued == 0)
        }
    }

    @Test func peakConcurrencyReachesTheClientsConcurrency() async throws {
        // A second of latency: on a loaded machine six calls still overlap at the server.
        try await SimulatorHarness.with(options: SimulatorOptions(latency: .seconds(1))) { sim in
            let token = try await sim.login()
            #expect(try await Self.burst(sim, 6, token: token) == Array(repeating: 200, count: 6))
            let stats = try await Self.settledStats(sim)
            #expect(stats.peakConcurrency == 6)
            #expect(stats.capacity == nil)
            #expect(stats.inFlight == 0)
            let text = try await sim.get("/__sim/stats").text
            #expect(text.contains(#""peakConcurrency""#))
            #expect(text.contains(#""inFlight""#))
        }
    }
}

/// Numbers in the order they were appended, from any task.
private actor Recorder {
    var numbers: [Int] = []

    func append(_ number: Int) { numbers.append(number) }
}
