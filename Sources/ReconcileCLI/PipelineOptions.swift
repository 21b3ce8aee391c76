import ArgumentParser
import Foundation
import ReconcileKit

/// Diagnostics for CI (`plan` and `validate`): workflow commands for GitHub, a Code Quality report for GitLab.
struct DiagnosticsOptions: ParsableArguments {
    @Option(
        name: .customLong("diagnostics-format"),
        help: ArgumentHelp(
            "Also print each diagnostic as a GitHub Actions workflow command (::error file=...,line=...::...), "
                + "which the runner shows on the file and line: github; or not: text (default: github when "
                + "GITHUB_ACTIONS=true, text otherwise).",
            valueName: "text|github"))
    var diagnosticsFormat: DiagnosticsFormat?

    @Option(
        name: .customLong("codequality-report"),
        help: ArgumentHelp(
            "Write the diagnostics as a GitLab Code Quality report (JSON; [] when there are none), for "
                + "artifacts:reports:codequality. Written atomically; never one of the input files.",
            valueName: "PATH"))
    var codeQualityReport: String?

    /// `base` with its output wrapped for CI, for `validate`; prints why and exits 1 when the report's
    /// path is refused.
    func context(for base: CommandContext, inputs: [String]) throws -> CommandContext {
        do throws(ReconcileError) {
            let output = try PipelineOutput.forCI(
                base: base.output, environment: base.environment, inputs: inputs,
                codeQualityReport: codeQualityReport, diagnosticsFormat: diagnosticsFormat, jsonLogs: false,
                mask: SecretMask.fromEnvironment(base.environment))
            return CommandContext(environment: base.environment, output: output, watchesSignals: base.watchesSignals)
        } catch {
            base.output.printError("reconcile: error: \(error.description)")
            throw ExitCode.failure
        }
    }
}

extension DiagnosticsFormat: ExpressibleByArgument {}

/// The flags a CI job adds to `plan`: job summary, metrics file, notifications (the diagnostics flags are a
/// group of their own beside this one). `start` hands them to `PipelineRequest`, which decides.
struct PipelineOptions: ParsableArguments {
    @Flag(
        name: .customLong("step-summary"),
        help: "Append the Markdown plan (after --apply, with the outcome) to the file $GITHUB_STEP_SUMMARY names.")
    var stepSummary = false

    @Option(
        name: .customLong("metrics-file"),
        help: ArgumentHelp(
            "Write a Prometheus text file for node_exporter's textfile collector when the run ends (start, duration, "
                + "success, operations planned and applied by organization, drift). Written atomically.",
            valueName: "PATH.prom"))
    var metricsFile: String?

    @Option(
        name: .customLong("notify-webhook"),
        help: ArgumentHelp(
            "Post a short message ({\"text\": ...}: Slack, Microsoft Teams) to this incoming webhook on the events of "
                + "--notify-on. The URL is a secret: prefer $XOPERO_NOTIFY_WEBHOOK (argv is visible to every user). "
                + "Never printed; a failed delivery is a warning.",
            valueName: "URL"))
    var notifyWebhook: String?

    @Option(
        name: .customLong("notify-on"),
        help: ArgumentHelp(
            "Which runs to notify about, comma-separated: drift (a dry run found changes), apply (an apply changed "
                + "something), failure (the run failed).",
            valueName: "drift,apply,failure"))
    var notifyOn = "drift,apply,failure"

    func validate() throws {
        _ = try events()
        if let notifyWebhook, WebhookNotifier.url(notifyWebhook) == nil {
            throw ValidationError(
                "--notify-webhook must be an http:// or https:// URL with a host (the value is not shown: it is a secret)"
            )
        }
    }

    func events() throws -> Set<NotifyEvent> {
        var events = Set<NotifyEvent>()
        for name in notifyOn.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let event = NotifyEvent(rawValue: trimmed) else {
                throw ValidationError(
                    "--notify-on takes drift, apply and failure, comma-separated; '\(trimmed.prefix(40))' is none of them"
                )
            }
            events.insert(event)
        }
        return events
    }

    /// Starts a plan run's session (`PipelineRequest.start`): checks every file it will write before
    /// anything else happens, and wraps the output. Prints why and exits 1 when something is refused.
    func start(
        _ base: CommandContext, files: [String], connection: some ConnectionFlags, diagnostics: DiagnosticsOptions,
        out: String?, apply: Bool
    ) throws -> (PipelineSession, CommandContext) {
        let environment = base.environment
        let request = PipelineRequest(
            mode: apply ? .apply : .dryRun, inputs: files + connection.otherInputs(environment: environment), out: out,
            metricsFile: metricsFile, codeQualityReport: diagnostics.codeQualityReport,
            diagnosticsFormat: diagnostics.diagnosticsFormat, stepSummary: stepSummary, notifyWebhook: notifyWebhook,
            notifyOn: try events(), jsonLogs: connection.logFormat == .json)
        do throws(PipelineRequest.Refusal) {
            let session = try request.start(base: base.output, environment: environment)
            return (
                session,
                CommandContext(environment: environment, output: session.output, watchesSignals: base.watchesSignals)
            )
        } catch {
            base.output.printError("reconcile: error: \(error.description)")
            throw ExitCode.failure
        }
    }

    /// `base` with standard error as JSON lines when `jsonLogs` (for `export`, which has no other CI flag).
    static func context(_ base: CommandContext, jsonLogs: Bool) -> CommandContext {
        guard jsonLogs else { return base }
        return CommandContext(
            environment: base.environment, output: PipelineOutput(base: base.output, jsonLogs: true),
            watchesSignals: base.watchesSignals)
    }
}
