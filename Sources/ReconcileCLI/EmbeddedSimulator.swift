import Foundation
import Logging
import ReconcileKit
import XoperoAPI
import XoperoContract
import XoperoSimulator

/// `--simulator STATE.json`: the simulator inside this process on a loopback port chosen by the system,
/// reached over real HTTP, logged into as the state file's first administrator.
enum EmbeddedSimulator {
    static func run(
        stateFile: String, output: any OutputSink, timeout: Duration, retryTime: Duration,
        concurrency: ConcurrencyPolicy, _ body: (ConnectionSettings) async -> ExitStatus
    ) async -> ExitStatus {
        let state: SimulatorStateFile
        do {
            state = try SimulatorStateFile.load(path: stateFile)
        } catch {
            output.printError("reconcile: error: --simulator \(stateFile): \(error)")
            return .failure
        }
        guard let administrator = state.firstAdministrator else {
            output.printError(
                "reconcile: error: --simulator \(stateFile): the state file has no user with the SystemAdministrator "
                    + "role to log in as; add one to \"users\"")
            return .failure
        }
        let running: RunningSimulator
        do {
            running = try await SimulatorServer.start(
                state: state, options: SimulatorOptions(),
                logger: SinkLogHandler.logger(label: "xopero-sim", prefix: "simulator", level: .warning, sink: output))
        } catch {
            output.printError("reconcile: error: cannot start the simulator: \(error)")
            return .failure
        }
        output.printError(
            "reconcile: SIMULATOR: running against a simulated Xopero server at \(running.baseURL), seeded from "
                + "\(stateFile) (in memory only: the file is not changed), as \(administrator.email).")
        let status: ExitStatus
        if let url = URL(string: running.baseURL) {
            status = await body(
                ConnectionSettings(
                    serverURL: url,
                    credentials: .password(email: administrator.email, password: administrator.password),
                    callTimeout: timeout, retryTime: retryTime, concurrency: concurrency))
        } else {
            output.printError("reconcile: error: the simulator reported an unusable URL \(running.baseURL)")
            status = .failure
        }
        await running.stop()
        return status
    }
}
