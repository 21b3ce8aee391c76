import ArgumentParser
import Foundation
import ReconcileKit

/// Runs `reconcile` in process or as the executable.
public enum ReconcileCLI {
    /// Parses `arguments` (without the program name), runs the command in `context`, and returns the exit
    /// status. Usage errors print their message and exit 64, `--help` and `--version` exit 0.
    public static func run(_ arguments: [String], context: CommandContext) async -> Int32 {
        await CommandContext.$bound.withValue(context) {
            do {
                var command = try parse(arguments)
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

    /// The command `arguments` name, exactly as `Reconcile.parseAsRoot` parses it, and usually faster.
    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        if let command = directParse(arguments) { return command }
        return try Reconcile.parseAsRoot(arguments)
    }

    /// `arguments` parsed by the subcommand they are for, as if it were the root; nil when that fails or
    /// asks for help, so that the root parses them again and words help, `--version` and usage errors as
    /// usual.
    ///
    /// The root picks a subcommand only by the first argument (ArgumentParser's `consumeNextCommand`) and
    /// hands all of them to `plan` otherwise, so a subcommand that parses the rest by itself parses it as
    /// the root would. The root's way costs more: to learn whether the default subcommand takes
    /// pass-through arguments it builds and, in a debug build, validates `plan`'s flags on every parse,
    /// whichever command runs: a debug `reconcile validate FILE` took 58 ms of CPU that way, 38 ms this way.
    /// Subcommands are matched by their configured `commandName` (a subcommand without one would always be
    /// left to the root).
    static func directParse(_ arguments: [String]) -> (any ParsableCommand)? {
        let configuration = Reconcile.configuration
        let named = arguments.first.flatMap { first in
            configuration.subcommands.first { $0.configuration.commandName == first }
        }
        guard let command = named ?? configuration.defaultSubcommand else { return nil }
        let rest = named == nil ? arguments : Array(arguments.dropFirst())
        // As the root, a subcommand answers --help with ArgumentParser's help command, which would describe
        // it without its parent: that result is the root's to make.
        guard let parsed = try? command.parseAsRoot(rest), type(of: parsed) == command else { return nil }
        return parsed
    }

    /// The executable's entry point: runs with the process's context and exits with the status.
    public static func main() async -> Never {
        let arguments = Array(CommandLine.arguments.dropFirst())
        exit(await run(arguments, context: .process()))
    }
}
