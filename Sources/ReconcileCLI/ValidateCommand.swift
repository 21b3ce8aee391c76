import ArgumentParser
import Foundation
import ReconcileKit

/// Offline checks of desired-state files.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check desired-state files offline: syntax, schema, and every rule that needs no server.",
        discussion: "Exits 0 when the files are valid (warnings are printed but allowed), 1 otherwise."
    )

    @Argument(help: ArgumentHelp("The desired-state files, checked together as one merged state.", valueName: "FILE"))
    var files: [String]

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Colour the diagnostics: auto, always or never.",
            valueName: "auto|always|never"))
    var colour: ColourChoice = .auto

    @OptionGroup(title: "CI") var diagnostics: DiagnosticsOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one desired-state file to validate") }
    }

    func run() throws {
        let context = try diagnostics.context(for: CommandContext.current, inputs: files)
        let output = context.output
        let loaded = DesiredStateInput.load(
            files, environment: context.environment, output: output,
            colour: colour.enabled(for: .standardError, in: context))
        guard let state = loaded.state else {
            output.printError("reconcile: \(files.joined(separator: ", ")): invalid")
            throw ExitCode.failure
        }
        let plans = state.organizations.reduce(0) { $0 + $1.plans.count }
        output.printError(
            "reconcile: \(files.joined(separator: ", ")): valid (\(state.organizations.count) organization(s), "
                + "\(plans) plan(s))")
    }
}
