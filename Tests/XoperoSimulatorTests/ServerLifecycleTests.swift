import Foundation
import Testing

@testable import XoperoSimulator

@Suite struct ServerLifecycleTests {
    @Test func aTakenPortIsReportedAsSuch() async throws {
        try await SimulatorHarness.with { first in
            let error = await #expect(throws: SimulatorError.self) {
                _ = try await SimulatorServer.start(
                    state: Fixtures.state(), options: SimulatorOptions(port: first.simulator.port))
            }
            #expect(error == .portInUse(host: "127.0.0.1", port: first.simulator.port))
        }
    }

    @Test func invalidStateOrOptionsDoNotStart() async throws {
        var state = Fixtures.state()
        state.organizations[0].plans?[0].repositories = ["ghost"]
        await #expect(
            throws: SimulatorError.stateFileInvalid(
                path: "state", field: "organizations[0].plans[0].repositories[0]",
                message: "no repository named \"ghost\" in organization \"alpha\"")
        ) {
            _ = try await SimulatorServer.start(state: state, options: SimulatorOptions())
        }
        await #expect(throws: SimulatorError.self) {
            _ = try await SimulatorServer.start(state: Fixtures.state(), options: SimulatorOptions(faultRate: 2))
        }
    }

    @Test func stopReleasesThePort() async throws {
        let first = try await SimulatorServer.start(state: Fixtures.state(), options: SimulatorOptions())
        #expect(first.baseURL == "http://127.0.0.1:\(first.port)")
        await first.stop()
        let second = try await SimulatorServer.start(
            state: Fixtures.state(), options: SimulatorOptions(port: first.port))
        await second.stop()
    }
}
