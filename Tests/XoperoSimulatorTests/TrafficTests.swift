import Foundation
import Testing
import XoperoContract

@testable import XoperoSimulator

/// Latency, throttling and injected faults; with a fixed seed the same calls fail on every run.
@Suite struct TrafficTests {
    @Test func throttleAnswers429WithRetryAfter() async throws {
        try await SimulatorHarness.with(options: SimulatorOptions(throttle: 3)) { sim in
            let clock = ContinuousClock()
            let started = clock.now
            let responses = try await withThrowingTaskGroup(of: WireResponse.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await sim.post("/account/login", json: #"{"email": "x", "password": "y"}"#) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // The burst spans at most this many one-second windows, each letting 3 calls through.
            let windows = Int((clock.now - started).components.seconds) + 2
            let throttled = responses.filter { $0.status == 429 }
            #expect(throttled.count >= 20 - 3 * windows)
            #expect(responses.filter { $0.status == 401 }.count == 20 - throttled.count)
            #expect(throttled.allSatisfy { $0.headers["retry-after"] == "1" })
            // The simulator's own routes are never throttled.
            for _ in 0..<5 {
                let stats = try await sim.get("/__sim/stats")
                #expect(stats.status == 200)
            }
            #expect(await sim.store.stats().calls(path: "/account/login", status: 429) == throttled.count)
        }
    }

    @Test func throttleLetsTheLimitThroughEachSecond() async {
        let throttle = Throttle(callsPerSecond: 2)
        var answers: [Int?] = []
        for milliseconds in [0, 100, 900, 1000, 1500, 1999, 2001] {
            answers.append(await throttle.admit(elapsed: .milliseconds(milliseconds)))
        }
        #expect(answers == [nil, nil, 1, nil, nil, 1, nil])
    }

    @Test func latencyDelaysVendorCalls() async throws {
        try await SimulatorHarness.with(options: SimulatorOptions(latency: .milliseconds(300))) { sim in
            let clock = ContinuousClock()
            let elapsed = try await clock.measure {
                _ = try await sim.post("/account/login", json: #"{"email": "x", "password": "y"}"#)
            }
            #expect(elapsed >= .milliseconds(300))
        }
    }

    /// 40 distinct attach calls plus 10 repeats of one listing, sent concurrently.
    static func workload(_ sim: SimulatorHarness, token: String) async throws -> [String: String] {
        let nightly = Fixtures.planId("alpha", "nightly")
        let beta = Fixtures.planId("beta", "bulk")
        return try await withThrowingTaskGroup(of: (String, String).self) { group in
            for number in 1...25 {
                let name = String(format: "repo-%02d", number)
                group.addTask {
                    let response = try? await sim.post(
                        "/plans/attachgitrepository",
                        json: #"{"planId": "\#(beta)", "repositoryId": "\#(Fixtures.repositoryId("beta", name))"}"#,
                        token: token)
                    return ("attach \(name)", response.map { String($0.status) } ?? "dropped")
                }
            }
            for name in ["api", "web", "mobile", "docs"] {
                group.addTask {
                    let response = try? await sim.post(
                        "/plans/detachgitrepository",
                        json: #"{"planId": "\#(nightly)", "repositoryId": "\#(Fixtures.repositoryId("alpha", name))"}"#,
                        token: token)
                    return ("detach \(name)", response.map { String($0.status) } ?? "dropped")
                }
            }
            var outcomes: [String: String] = [:]
            for try await (call, status) in group { outcomes[call] = status }
            // Identical calls, one after another: the nth repeat fails or not the same way on every run.
            for repeatNumber in 1...10 {
                let response = try? await sim.post("/git/organizations/getmany", json: #"{"limit": 10}"#, token: token)
                outcomes["list #\(repeatNumber)"] = response.map { String($0.status) } ?? "dropped"
            }
            return outcomes
        }
    }

    /// Runs the workload against a fresh simulator. Login is subject to faults too, so it is retried
    /// until it gets through (the retries are identical calls, so they are deterministic as well).
    static func run(mode: FaultMode, seed: UInt64) async throws -> (
        outcomes: [String: String], state: SimulatorStateFile
    ) {
        try await SimulatorHarness.with(options: SimulatorOptions(faultRate: 0.3, faultMode: mode, seed: seed)) { sim in
            var token: String?
            for _ in 0..<20 where token == nil {
                let response = try? await sim.post(
                    "/account/login", json: #"{"email": "admin@example.com", "password": "change-me"}"#)
                if response?.status == 200 {
                    token = try response?.decode(Components.Schemas.LoginResponse.self).accessToken ?? ""
                }
            }
            let outcomes = try await workload(sim, token: try #require(token))
            return (outcomes, normalized(await sim.store.snapshot()))
        }
    }

    /// Concurrent attaches land in arrival order; compare plan memberships as sets.
    static func normalized(_ state: SimulatorStateFile) -> SimulatorStateFile {
        var state = state
        for organization in state.organizations.indices {
            for plan in (state.organizations[organization].plans ?? []).indices {
                state.organizations[organization].plans?[plan].repositoryIds?.sort()
            }
        }
        return state
    }

    @Test(arguments: [FaultMode.before, .after, .mixed])
    func sameSeedSameFailuresOnEveryRun(mode: FaultMode) async throws {
        let first = try await Self.run(mode: mode, seed: 42)
        let second = try await Self.run(mode: mode, seed: 42)
        #expect(first.outcomes == second.outcomes)
        #expect(first.state == second.state)
        let failures = first.outcomes.values.filter { $0 != "200" }
        #expect(failures.count >= 3, "\(first.outcomes)")
        #expect(failures.count < first.outcomes.count)
        switch mode {
        case .before: #expect(Set(failures) == ["503"])
        case .after: #expect(Set(failures).isSubset(of: ["500", "dropped"]))
        case .mixed: #expect(Set(failures).isSubset(of: ["503", "500", "dropped"]))
        }
        let other = try await Self.run(mode: mode, seed: 7)
        #expect(other.outcomes != first.outcomes)
    }

    @Test func faultsBeforeChangeNothingFaultsAfterChangeEverything() async throws {
        let before = try await Self.run(mode: .before, seed: 42)
        let beta = try #require(before.state.organizations.first { $0.name == "beta" }?.plans?.first)
        let attachedBefore = Set(beta.repositoryIds ?? [])
        for (call, status) in before.outcomes where call.hasPrefix("attach ") {
            let id = Fixtures.repositoryId("beta", String(call.dropFirst("attach ".count)))
            #expect(attachedBefore.contains(id) == (status == "200"), "\(call): \(status)")
        }
        let after = try await Self.run(mode: .after, seed: 42)
        let attachedAfter = try #require(
            after.state.organizations.first { $0.name == "beta" }?.plans?.first?.repositoryIds)
        #expect(attachedAfter.count == 25)
    }

    @Test func faultsAfterAnswer500OrDropTheConnectionButMakeTheChange() async throws {
        let options = SimulatorOptions(faultRate: 0.6, faultMode: .after, seed: 3)
        try await SimulatorHarness.with(Fixtures.state(licences: nil), options: options) { sim in
            var token: String?
            for _ in 0..<30 where token == nil {
                let response = try? await sim.post(
                    "/account/login", json: #"{"email": "admin@example.com", "password": "change-me"}"#)
                if response?.status == 200 {
                    token = try response?.decode(Components.Schemas.LoginResponse.self).accessToken ?? ""
                }
            }
            let ids = (17...25).map { Fixtures.repositoryId("beta", "repo-\($0)") }
            var outcomes: [String] = []
            for id in ids {
                let response = try? await sim.post(
                    "/git/repositories/activate", json: #"{"ids": ["\#(id)"]}"#, token: token ?? "")
                outcomes.append(response.map { String($0.status) } ?? "dropped")
            }
            #expect(outcomes.contains("500"), "\(outcomes)")
            #expect(outcomes.contains("dropped"), "\(outcomes)")
            #expect(outcomes.contains("200"), "\(outcomes)")
            // Whatever the answer, every activation was carried out.
            let beta = try #require(await sim.store.snapshot().organizations.first { $0.name == "beta" })
            let active = Set((beta.repositories ?? []).filter { $0.isActive == true }.compactMap(\.id))
            #expect(Set(ids).isSubset(of: active))
        }
    }

    @Test func simulatorRoutesNeverFail() async throws {
        try await SimulatorHarness.with(options: SimulatorOptions(faultRate: 1, faultMode: .before)) { sim in
            let login = try await sim.post("/account/login", json: "{}")
            #expect(login.status == 503)
            for _ in 0..<5 {
                let state = try await sim.get("/__sim/state")
                #expect(state.status == 200)
            }
            #expect(await sim.store.stats().byStatus == ["503": 1])
        }
    }

    @Test func decisionsDependOnSeedPathBodyAndRepeatOnly() {
        let planner = FaultPlanner(seed: 9, rate: 0.5, mode: .mixed)
        let body = Data(#"{"a":1}"#.utf8)
        let decisions = (0..<200).map { planner.decide(path: "/p", canonicalBody: body, occurrence: $0) }
        #expect(decisions == (0..<200).map { planner.decide(path: "/p", canonicalBody: body, occurrence: $0) })
        let failed = decisions.filter { $0 != .none }.count
        #expect((60...140).contains(failed))
        #expect(decisions.contains(.unavailable))
        #expect(decisions.contains(.lostAnswer(dropConnection: true)))
        #expect(decisions.contains(.lostAnswer(dropConnection: false)))
        // Key order and spacing do not matter: bodies are compared in canonical form.
        #expect(
            FaultMiddleware.canonical(Data(#"{"B": 2, "a": 1}"#.utf8))
                == FaultMiddleware.canonical(Data(#"{"a":1,"B":2}"#.utf8)))
    }
}
