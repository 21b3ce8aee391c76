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

    /// The format asked for, or the one the environment implies.
    func format(environment: [String: String]) -> DiagnosticsFormat {
        diagnosticsFormat ?? (environment["GITHUB_ACTIONS"] == "true" ? .github : .text)
    }

    /// `base` with its output wrapped for CI, for `validate`; prints why and exits 1 when the report's
    /// path is refused.
    func context(for base: CommandContext, inputs: [String]) throws -> CommandContext {
        let output = try self.output(
            base, inputs: inputs, jsonLogs: false, mask: SecretMask.fromEnvironment(base.environment))
        return CommandContext(environment: base.environment, output: output, watchesSignals: base.watchesSignals)
    }

    func output(_ base: CommandContext, inputs: [String], jsonLogs: Bool, mask: SecretMask) throws -> PipelineOutput {
        let environment = base.environment
        var report: CodeQualityReport?
        if let path = codeQualityReport {
            do throws(ReconcileError) {
                report = try CodeQualityReport(
                    path: path, inputs: inputs, paths: CheckoutPaths(root: environment["CI_PROJECT_DIR"]),
                    firstFile: inputs.first ?? "reconcile.yaml")
                try report?.write([], mask: mask)
            } catch {
                base.output.printError(
                    "reconcile: error: \(error.description)")
                throw ExitCode.failure
            }
        }
        let annotations =
            format(environment: environment) == .github ? CheckoutPaths(root: environment["GITHUB_WORKSPACE"]) : nil
        return PipelineOutput(
            base: base.output, jsonLogs: jsonLogs, annotations: annotations, codeQuality: report, mask: mask)
    }
}

extension DiagnosticsFormat: ExpressibleByArgument {}

/// The flags a CI job adds to `plan`: job summary, metrics file, notifications, and the diagnostics flags.
struct PipelineOptions: ParsableArguments {
    /// The variable that may hold the webhook URL (a secret: prefer it to the flag).
    static let webhookVariable = "XOPERO_NOTIFY_WEBHOOK"

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
        if let notifyWebhook, Self.webhookURL(notifyWebhook) == nil {
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

    static func webhookURL(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { return nil }
        return url
    }

    /// Starts a plan run's session: checks every file it will write before anything else happens, and
    /// wraps the output. Prints why and exits 1 when a file or the webhook variable is refused.
    func start(
        _ base: CommandContext, files: [String], connection: ConnectionOptions, diagnostics: DiagnosticsOptions,
        out: String?, apply: Bool
    ) throws -> (PipelineSession, CommandContext) {
        let environment = base.environment
        let inputs = files + connection.otherInputs(environment: environment)
        func fail(_ message: String) -> ExitCode {
            base.output.printError("reconcile: error: \(message)")
            return ExitCode.failure
        }
        var webhookURL: URL?
        if let text = notifyWebhook ?? environment[Self.webhookVariable].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let url = Self.webhookURL(text) else {
                throw fail(
                    "\(Self.webhookVariable) must be an http:// or https:// URL with a host (not shown: it is a secret)"
                )
            }
            webhookURL = url
        }
        let secrets = webhookURL.map { [$0.absoluteString, $0.path + ($0.query.map { "?" + $0 } ?? "")] } ?? []
        let mask = SecretMask.fromEnvironment(environment).adding(secrets.filter { $0.count > 1 })
        let written = [
            ("--out", out), (MetricsFile.option, metricsFile),
            (CodeQualityReport.option, diagnostics.codeQualityReport),
        ].compactMap { option, path in path.map { (option: option, path: $0) } }
        if let (first, second) = OutputFile.firstClash(written) {
            throw fail(
                "\(first) and \(second) name the same file; --out, --metrics-file and --codequality-report must name different files"
            )
        }
        let output = try diagnostics.output(
            base, inputs: inputs, jsonLogs: connection.logFormat == .json, mask: mask)
        var metrics: OutputFile?
        if let metricsFile {
            do throws(ReconcileError) {
                metrics = try OutputFile(path: metricsFile, option: MetricsFile.option, inputs: inputs)
            } catch {
                throw fail(error.description)
            }
            if !metricsFile.hasSuffix(".prom") {
                output.printError(
                    "reconcile: warning: --metrics-file \(metricsFile): node_exporter's textfile collector reads only "
                        + "files ending in .prom")
            }
        }
        var summary: StepSummaryWriter?
        if stepSummary {
            if let path = environment[StepSummaryWriter.variable], !path.isEmpty {
                summary = StepSummaryWriter(path: path, mask: mask)
            } else {
                output.printError(
                    "reconcile: warning: --step-summary: \(StepSummaryWriter.variable) is not set (GitHub Actions sets "
                        + "it in every job step), so no job summary is written")
            }
        }
        let webhook = try webhookURL.map { url in
            WebhookObserver(
                notifier: WebhookNotifier(url: url), events: try events(),
                jobURL: WebhookObserver.jobURL(environment: environment), mask: mask)
        }
        let session = PipelineSession(
            output: output, mode: apply ? .apply : .dryRun, stepSummary: summary, metricsFile: metrics,
            webhook: webhook)
        return (session, CommandContext(environment: environment, output: output, watchesSignals: base.watchesSignals))
    }

    /// `base` with standard error as JSON lines when `jsonLogs` (for `export`, which has no other CI flag).
    static func context(_ base: CommandContext, jsonLogs: Bool) -> CommandContext {
        guard jsonLogs else { return base }
        return CommandContext(
            environment: base.environment, output: PipelineOutput(base: base.output, jsonLogs: true),
            watchesSignals: base.watchesSignals)
    }
}
