import Foundation
import ReconcileCore

/// The run's output as a CI job wants it, wrapped around the process's (or a test's) sink:
///
/// - every byte first through `mask` (the secrets the base sink does not know of: a webhook URL from a
///   flag);
/// - with `jsonLogs`, every line of standard error as a JSON object (`JSONLogLines`), and standard error
///   never treated as a terminal (no live progress line, no colour);
/// - every diagnostic also kept (`collector`), also written as GitHub workflow commands when
///   `annotations` is set, and the Code Quality report rewritten (atomically) with all of them so far.
///
/// Workflow commands are written as they are, even with `jsonLogs`: the runner reads them off the log
/// and turns them into annotations, which a JSON-wrapped line would not be.
public struct PipelineOutput: OutputSink {
    public let base: any OutputSink
    public let jsonLogs: Bool
    /// GitHub workflow commands, with paths relative to this checkout; nil: none.
    public let annotations: CheckoutPaths?
    public let codeQuality: CodeQualityReport?
    public let mask: SecretMask
    public let collector: DiagnosticCollector

    public init(
        base: any OutputSink, jsonLogs: Bool = false, annotations: CheckoutPaths? = nil,
        codeQuality: CodeQualityReport? = nil, mask: SecretMask = SecretMask([]),
        collector: DiagnosticCollector = DiagnosticCollector()
    ) {
        self.base = base
        self.jsonLogs = jsonLogs
        self.annotations = annotations
        self.codeQuality = codeQuality
        self.mask = mask
        self.collector = collector
    }

    public func write(_ text: String, to stream: OutputStream) {
        guard stream == .standardError else {
            base.write(mask.apply(text), to: stream)
            return
        }
        let masked = mask.apply(text)
        for line in masked.split(whereSeparator: \.isNewline) where line.hasPrefix("reconcile: error: ") {
            collector.noteError(String(line.dropFirst("reconcile: error: ".count)))
        }
        base.write(jsonLogs ? JSONLogLines.wrap(masked) : masked, to: .standardError)
    }

    public func isTerminal(_ stream: OutputStream) -> Bool {
        jsonLogs && stream == .standardError ? false : base.isTerminal(stream)
    }

    public func printDiagnostics(_ diagnostics: [Diagnostic], sources: [SourceFile], colour: Bool) {
        guard !diagnostics.isEmpty else { return }
        collector.append(diagnostics)
        if jsonLogs {
            base.write(mask.apply(diagnostics.map { JSONLogLines.diagnostic($0) + "\n" }.joined()), to: .standardError)
        } else {
            write(DiagnosticRenderer.render(diagnostics, sources: sources, colour: colour), to: .standardError)
        }
        if let annotations {
            base.write(
                mask.apply(CIDiagnosticRenderer.githubActions(annotations.relative(diagnostics))), to: .standardError)
        }
        if let codeQuality {
            do throws(ReconcileError) {
                try codeQuality.write(collector.diagnostics, mask: mask)
            } catch {
                printError("reconcile: warning: \(error.description)")
            }
        }
    }
}

extension PipelineOutput {
    /// `base` wrapped for CI: through `mask`, as JSON lines with `jsonLogs`, with GitHub workflow commands
    /// when the format (asked for, or implied by `GITHUB_ACTIONS=true`) is `github`, and with the Code Quality
    /// report checked and written empty (`[]`) at once when one is asked for.
    public static func forCI(
        base: any OutputSink, environment: [String: String], inputs: [String], codeQualityReport: String?,
        diagnosticsFormat: DiagnosticsFormat?, jsonLogs: Bool, mask: SecretMask
    ) throws(ReconcileError) -> PipelineOutput {
        var report: CodeQualityReport?
        if let path = codeQualityReport {
            report = try CodeQualityReport(
                path: path, inputs: inputs, paths: CheckoutPaths(root: environment["CI_PROJECT_DIR"]),
                firstFile: inputs.first ?? "reconcile.yaml")
            try report?.write([], mask: mask)
        }
        let format = diagnosticsFormat ?? (environment["GITHUB_ACTIONS"] == "true" ? .github : .text)
        let annotations = format == .github ? CheckoutPaths(root: environment["GITHUB_WORKSPACE"]) : nil
        return PipelineOutput(
            base: base, jsonLogs: jsonLogs, annotations: annotations, codeQuality: report, mask: mask)
    }
}
