import ArgumentParser
import Foundation
import ReconcileCore
import ReconcileKit

/// Dry run or apply: the default command.
struct PlanCommand: AsyncParsableCommand, ConnectionFlags {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the calls that would make the server match the files (dry run), or make them (--apply).",
        discussion: """
            The plan goes to standard output; logs, progress and diagnostics go to standard error. A dry run \
            makes read calls only.
            """
    )

    enum Mode: String, EnumerableFlag {
        case dryRun, apply

        static func help(for value: Mode) -> ArgumentHelp? {
            switch value {
            case .dryRun: "Only print the plan; make no change (the default)."
            case .apply: "Make the planned calls, then print each operation's outcome."
            }
        }
    }

    @Flag(exclusivity: .exclusive) var mode: Mode = .dryRun

    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "A desired-state file; repeat to merge several (default: reconcile.yaml in the current folder).",
            valueName: "FILE"))
    var file: [String] = []

    // The connection flags (ConnectionFlags), declared flat rather than as an option group.
    @Option(help: ConnectionFlag.server) var server: String?
    @Option(help: ConnectionFlag.simulator) var simulator: String?
    @Option(name: ConnectionFlag.caCertName, help: ConnectionFlag.caCert) var caCert: String?
    @Flag(help: ConnectionFlag.insecure) var insecure = false
    @Option(help: ConnectionFlag.concurrency) var concurrency: ConcurrencyArgument = .auto
    @Option(name: ConnectionFlag.maxConcurrencyName, help: ConnectionFlag.maxConcurrency)
    var maxConcurrency = ConnectionFlag.defaultMaxConcurrency
    @Option(help: ConnectionFlag.timeout) var timeout = ConnectionFlag.defaultTimeout
    @Option(name: ConnectionFlag.retryTimeName, help: ConnectionFlag.retryTime)
    var retryTime = ConnectionFlag.defaultRetryTime
    @Option(name: ConnectionFlag.waitForSyncName, help: ConnectionFlag.waitForSync) var waitForSync: Double?
    @Flag(name: ConnectionFlag.verboseName, help: ConnectionFlag.verbose) var verbose = false
    @Option(name: ConnectionFlag.logFormatName, help: ConnectionFlag.logFormat)
    var logFormat: LogFormatArgument = .text

    // Side by side, not nested: ArgumentParser's debug build validates a nested group once for every
    // check of its parent, which made each parse of a debug build cost tens of milliseconds.
    @OptionGroup(title: "CI") var diagnostics: DiagnosticsOptions

    @OptionGroup(title: "CI") var pipeline: PipelineOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "How to print the plan: text for people, json for machines, markdown for pull-request comments.",
            valueName: "text|json|markdown"))
    var format: PlanFormat = .text

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also save the plan as the JSON document (after --apply, with each operation's outcome). No secret is in it.",
            valueName: "PLAN.json"))
    var out: String?

    @Option(
        name: .customLong("expect-fingerprint"),
        help: ArgumentHelp(
            "With --apply: refuse to apply unless the freshly computed plan has this fingerprint (from a reviewed dry run).",
            valueName: "SHA"))
    var expectFingerprint: String?

    @Flag(
        name: .customLong("detailed-exitcode"),
        help: "Exit with 2 when the dry run found changes, 0 when it found none.")
    var detailedExitCode = false

    @Option(
        name: .customLong("org"),
        help: ArgumentHelp(
            "Limit the run to this organization (repeatable), to shard a large installation across jobs.",
            valueName: "NAME"))
    var organizations: [String] = []

    @Option(
        name: .customLong("max-detach-ratio"),
        help: ArgumentHelp(
            "Refuse a plan that detaches more than this share of a plan's repositories, stops backing up more than "
                + "this share of an organization's repositories (includeAllRepositories turned off) or deactivates more "
                + "than this share of an organization's licences (shares of totals under 10 are never refused).",
            valueName: "R"))
    var maxDetachRatio = 0.25

    @Flag(name: .long, help: "Proceed even when the safety check (--max-detach-ratio) would refuse the plan.")
    var force = false

    @Flag(
        name: .customLong("push-write-only"),
        help:
            "Send the write-only fields (worker, settings) to every plan that declares them, even when nothing readable differs."
    )
    var pushWriteOnly = false

    @Option(
        name: .customLong("licence-chunk-size"),
        help: ArgumentHelp(
            "The most repositories in one activate or deactivate call.", valueName: "N"))
    var licenceChunkSize = 100

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Colour the output: auto (on a terminal), always or never.",
            valueName: "auto|always|never"))
    var colour: ColourChoice = .auto

    func validate() throws {
        try validateConnection()
        if !(0...1).contains(maxDetachRatio) {
            throw ValidationError("--max-detach-ratio must be between 0 and 1 (0.25 means 25%)")
        }
        if licenceChunkSize < 1 { throw ValidationError("--licence-chunk-size must be at least 1") }
        if expectFingerprint != nil && mode != .apply {
            throw ValidationError("--expect-fingerprint only goes with --apply (a dry run prints the fingerprint)")
        }
    }

    func run() async throws {
        let files = file.isEmpty ? ["reconcile.yaml"] : file
        let (session, context) = try pipeline.start(
            CommandContext.current, files: files, connection: self, diagnostics: diagnostics, out: out,
            apply: mode == .apply)
        let options = PlanRunOptions(
            apply: mode == .apply, files: files, format: format, outPath: out,
            expectedFingerprint: expectFingerprint, detailedExitCode: detailedExitCode, organizations: organizations,
            safety: SafetyPolicy(maxDetachRatio: maxDetachRatio, force: force),
            planning: PlanningOptions(licenseChunkSize: licenceChunkSize, pushWriteOnly: pushWriteOnly),
            colour: colour.enabled(for: .standardOutput, in: context),
            diagnosticsColour: colour.enabled(for: .standardError, in: context), verbose: verbose,
            waitForSync: waitForSyncDuration,
            otherInputs: otherInputs(environment: context.environment))
        guard let input = PlanRun.prepare(options, environment: context.environment, output: context.output) else {
            await session.end(.failure)
            throw ExitCode.failure
        }
        let logger = makeLogger(context.output)
        let status = await withConnection(context) { settings in
            await PlanRun(
                options: options, input: input, connection: settings, output: context.output, logger: logger,
                watchesSignals: context.watchesSignals
            ).observed(by: session.observers(organizations: input.desired.organizations.map(\.name))).run()
        }
        await session.end(status)
        if status != .success { throw ExitCode(status.rawValue) }
    }
}

extension PlanFormat: ExpressibleByArgument {}
