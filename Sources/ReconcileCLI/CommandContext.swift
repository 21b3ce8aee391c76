import ArgumentParser
import Foundation
import ReconcileKit

/// What a command run needs from its surroundings: the environment it reads, where its output goes, and
/// whether it owns the process's signals. The executable binds the process's own; tests bind their own
/// and run commands in process.
public struct CommandContext: Sendable {
    public var environment: [String: String]
    public var output: any OutputSink
    /// Whether SIGINT and SIGTERM stop an apply gracefully (only the executable owns the signals).
    public var watchesSignals: Bool

    public init(environment: [String: String], output: any OutputSink, watchesSignals: Bool = false) {
        self.environment = environment
        self.output = output
        self.watchesSignals = watchesSignals
    }

    /// The process's environment and streams, every byte of output through the secret mask.
    public static func process() -> CommandContext {
        let environment = ProcessInfo.processInfo.environment
        return CommandContext(
            environment: environment, output: ProcessOutput(mask: SecretMask.fromEnvironment(environment)),
            watchesSignals: true)
    }

    @TaskLocal static var bound: CommandContext?

    /// The context of the command running now.
    static var current: CommandContext { bound ?? process() }
}

/// Runs `reconcile` in process or as the executable.
public enum ReconcileCLI {
    /// Parses `arguments` (without the program name), runs the command in `context`, and returns the exit
    /// status. Usage errors print their message and exit 64, `--help` and `--version` exit 0.
    public static func run(_ arguments: [String], context: CommandContext) async -> Int32 {
        await CommandContext.$bound.withValue(context) {
            do {
                var command = try Reconcile.parseAsRoot(arguments)
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
                return 0
            } catch let status as ExitCode {
                // A command's own exit status, its message already printed. ArgumentParser's message for it
                // is empty, but working that out renders the root's usage (twice, for the code and the
                // message): a third of the cost of a failing run in a debug build.
                return status.rawValue
            } catch {
                let code = Reconcile.exitCode(for: error).rawValue
                let message = Reconcile.fullMessage(for: error)
                if !message.isEmpty {
                    if code == 0 { context.output.printOut(message) } else { context.output.printError(message) }
                }
                return code
            }
        }
    }

    /// The executable's entry point: runs with the process's context and exits with the status.
    public static func main() async -> Never {
        let arguments = Array(CommandLine.arguments.dropFirst())
        exit(await run(arguments, context: .process()))
    }
}
