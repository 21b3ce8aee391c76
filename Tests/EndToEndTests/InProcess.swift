import Foundation
import ReconcileCLI
import ReconcileKit

/// Runs `reconcile` in this process (no child process, no build of the executable needed), with exactly
/// the environment given, and collects what it printed.
enum InProcess {
    /// The same as the executable's: status and both streams.
    typealias Output = ReconcileProcess.Output

    static func reconcile(_ arguments: [String], environment: [String: String] = [:]) async -> Output {
        let captured = CapturedOutput()
        var environment = environment
        environment["NO_COLOR"] = "1"
        let status = await ReconcileCLI.run(
            arguments, context: CommandContext(environment: environment, output: captured))
        return Output(status: status, stdout: captured.standardOutput, stderr: captured.standardError)
    }
}

/// A captured output, for tests that call the kit directly.
struct CapturedOutputForTests {
    let sink = CapturedOutput()
}

/// Connection settings with a password, for tests that only build a client.
enum ConnectionSettingsForTests {
    static func make(_ url: String) -> ConnectionSettings {
        ConnectionSettings(
            serverURL: URL(string: url) ?? URL(fileURLWithPath: "/"),
            credentials: .password(email: "a@b.c", password: "pw-12345"))
    }
}
