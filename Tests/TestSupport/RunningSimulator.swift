import Foundation
import Logging
import XoperoSimulator

/// The one way tests run a simulator: in process, on a loopback port chosen by the system, stopped when
/// `body` ends, whether it throws or not.
public func withRunningSimulator<T: Sendable>(
    _ state: SimulatorStateFile, options: SimulatorOptions = SimulatorOptions(),
    clock: any TokenClock = SystemTokenClock(), _ body: (RunningSimulator) async throws -> T
) async throws -> T {
    let simulator = try await SimulatorServer.start(state: state, options: options, clock: clock, logger: quietLogger)
    do {
        let value = try await body(simulator)
        await simulator.stop()
        return value
    } catch {
        await simulator.stop()
        throw error
    }
}

/// A logger that drops everything.
public let quietLogger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
