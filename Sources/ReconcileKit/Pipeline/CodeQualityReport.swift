import ReconcileCore

/// `--codequality-report PATH`: the run's diagnostics as a GitLab Code Quality report (a JSON array,
/// `[]` when there are none), written atomically through `OutputFile` so that GitLab never reads half a
/// file, with paths relative to the checkout (`CI_PROJECT_DIR`) so that the merge-request widget finds
/// the lines.
public struct CodeQualityReport: Sendable {
    public static let option = "--codequality-report"

    public let file: OutputFile
    public let paths: CheckoutPaths
    /// Where a diagnostic without a place is reported: the first desired-state file.
    public let fallbackPath: String

    /// Checks `path` before the run starts (see `OutputFile`: never one of `inputs`, never a link,
    /// device or folder).
    public init(path: String, inputs: [String], paths: CheckoutPaths, firstFile: String) throws(ReconcileError) {
        self.file = try OutputFile(path: path, option: Self.option, inputs: inputs)
        self.paths = paths
        self.fallbackPath = paths.relative(firstFile)
    }

    /// Writes the report for `diagnostics` (all of the run's so far), through `mask`.
    public func write(_ diagnostics: [Diagnostic], mask: SecretMask) throws(ReconcileError) {
        let report = CIDiagnosticRenderer.gitLabCodeQuality(paths.relative(diagnostics), fallbackPath: fallbackPath)
        try file.write(mask.apply(report.hasSuffix("\n") ? report : report + "\n"))
    }
}
