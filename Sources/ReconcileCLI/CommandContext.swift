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
