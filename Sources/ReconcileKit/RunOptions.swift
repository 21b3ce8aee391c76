import ReconcileCore

/// How the process ends; the numbers are part of the command-line contract (CLI.md).
public enum ExitStatus: Int32, Sendable {
    /// Success (with `--detailed-exitcode`: nothing to change).
    case success = 0
    /// An error: bad file, unreachable server, authentication failed, refused by a safety check, ...
    case failure = 1
    /// Only with `--detailed-exitcode`: the dry run found changes.
    case changesPlanned = 2
    /// The apply finished but some operations failed or were skipped because of a failure.
    case applyFailed = 3
    /// The apply was interrupted (Ctrl-C, SIGINT); the report says what was and was not done.
    case interrupted = 130
    /// The apply was stopped by SIGTERM (how CI runners cancel a job); the report says what was done.
    case terminated = 143
}

/// The output format of the plan on standard output.
public enum PlanFormat: String, Sendable, CaseIterable {
    case text, json, markdown
}

/// Everything the plan/apply command was asked to do, flags already checked.
public struct PlanRunOptions: Sendable {
    public var apply: Bool
    public var files: [String]
    public var format: PlanFormat
    public var outPath: String?
    public var expectedFingerprint: String?
    public var detailedExitCode: Bool
    /// Limit the run to these organizations (empty: every organization the files name).
    public var organizations: [String]
    public var safety: SafetyPolicy
    public var planning: PlanningOptions
    public var colour: Bool
    public var diagnosticsColour: Bool
    public var verbose: Bool
    /// Wait at most this long for organizations synchronizing with their Git host (`--wait-for-sync`).
    public var waitForSync: Duration?
    /// How long calls in flight may finish after Ctrl-C or SIGTERM before they are cancelled.
    public var stopGracePeriod: Duration
    /// Files the run reads besides `files` (the simulator's state file, the password file): `--out` may
    /// not overwrite them.
    public var otherInputs: [String]

    public init(
        apply: Bool = false, files: [String], format: PlanFormat = .text, outPath: String? = nil,
        expectedFingerprint: String? = nil, detailedExitCode: Bool = false, organizations: [String] = [],
        safety: SafetyPolicy = SafetyPolicy(), planning: PlanningOptions = PlanningOptions(),
        colour: Bool = false, diagnosticsColour: Bool = false, verbose: Bool = false, waitForSync: Duration? = nil,
        stopGracePeriod: Duration = .seconds(10), otherInputs: [String] = []
    ) {
        self.apply = apply
        self.files = files
        self.format = format
        self.outPath = outPath
        self.expectedFingerprint = expectedFingerprint
        self.detailedExitCode = detailedExitCode
        self.organizations = organizations
        self.safety = safety
        self.planning = planning
        self.colour = colour
        self.diagnosticsColour = diagnosticsColour
        self.verbose = verbose
        self.waitForSync = waitForSync
        self.stopGracePeriod = stopGracePeriod
        self.otherInputs = otherInputs
    }
}
