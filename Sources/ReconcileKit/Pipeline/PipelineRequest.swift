import Foundation

/// What a CI job asked of one run, as its flags and environment say it, before anything is checked:
/// the files to write, the diagnostics' form, the job summary and the notification. `start` checks it
/// all before the run makes any call, and gives the session that reports the run when it ends.
public struct PipelineRequest: Sendable {
    /// The variable that may hold the webhook URL (a secret: preferred to the flag).
    public static let webhookVariable = "XOPERO_NOTIFY_WEBHOOK"

    public var mode: RunRecord.Mode
    /// Every file the run reads (desired-state files first, then the simulator's state file and the
    /// password file): none of them may be written.
    public var inputs: [String]
    public var out: String?
    public var metricsFile: String?
    public var codeQualityReport: String?
    /// `--diagnostics-format`; nil: GitHub's when `GITHUB_ACTIONS=true`, text otherwise.
    public var diagnosticsFormat: DiagnosticsFormat?
    public var stepSummary: Bool
    /// `--notify-webhook`: wins over `XOPERO_NOTIFY_WEBHOOK`.
    public var notifyWebhook: String?
    public var notifyOn: Set<NotifyEvent>
    public var jsonLogs: Bool

    public init(
        mode: RunRecord.Mode, inputs: [String], out: String? = nil, metricsFile: String? = nil,
        codeQualityReport: String? = nil, diagnosticsFormat: DiagnosticsFormat? = nil, stepSummary: Bool = false,
        notifyWebhook: String? = nil, notifyOn: Set<NotifyEvent> = Set(NotifyEvent.allCases), jsonLogs: Bool = false
    ) {
        self.mode = mode
        self.inputs = inputs
        self.out = out
        self.metricsFile = metricsFile
        self.codeQualityReport = codeQualityReport
        self.diagnosticsFormat = diagnosticsFormat
        self.stepSummary = stepSummary
        self.notifyWebhook = notifyWebhook
        self.notifyOn = notifyOn
        self.jsonLogs = jsonLogs
    }

    /// Why a run cannot start: printed as `reconcile: error: ...`, exit 1, before any call.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Checks every file the run will write and the webhook, then wraps `base` for CI. Warnings (a
    /// metrics file that node_exporter will not read, a job summary with nowhere to go) go to the
    /// wrapped output.
    public func start(base: any OutputSink, environment: [String: String]) throws(Refusal) -> PipelineSession {
        let webhookURL = try self.webhookURL(environment: environment)
        let mask = SecretMask.fromEnvironment(environment).adding(webhookURL.map(Self.secrets(of:)) ?? [])
        let written = [
            (PlanRun.outOption, out), (MetricsFile.option, metricsFile), (CodeQualityReport.option, codeQualityReport),
        ]
        .compactMap { option, path in path.map { (option: option, path: $0) } }
        if let (first, second) = OutputFile.firstClash(written) {
            throw Refusal(
                description: "\(first) and \(second) name the same file; --out, --metrics-file and "
                    + "--codequality-report must name different files")
        }
        let output: PipelineOutput
        var metrics: OutputFile?
        do throws(ReconcileError) {
            // The metrics file is checked first: a refused run writes no file, not even the empty report.
            metrics = try metricsFile.map { path throws(ReconcileError) in
                try OutputFile(path: path, option: MetricsFile.option, inputs: inputs)
            }
            output = try PipelineOutput.forCI(
                base: base, environment: environment, inputs: inputs, codeQualityReport: codeQualityReport,
                diagnosticsFormat: diagnosticsFormat, jsonLogs: jsonLogs, mask: mask)
        } catch {
            throw Refusal(description: error.description)
        }
        if let metricsFile, !metricsFile.hasSuffix(".prom") {
            output.printError(
                "reconcile: warning: --metrics-file \(metricsFile): node_exporter's textfile collector reads only "
                    + "files ending in .prom")
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
        let webhook = webhookURL.map { url in
            WebhookObserver(
                notifier: WebhookNotifier(url: url), events: notifyOn,
                jobURL: WebhookObserver.jobURL(environment: environment), mask: mask)
        }
        return PipelineSession(
            output: output, mode: mode, stepSummary: summary, metricsFile: metrics, webhook: webhook)
    }

    /// The webhook to notify: the flag's, else the variable's (empty is unset). One that is not an http(s)
    /// URL with a host is refused, naming where it came from, without showing it.
    func webhookURL(environment: [String: String]) throws(Refusal) -> URL? {
        let fromVariable = environment[Self.webhookVariable].flatMap { $0.isEmpty ? nil : $0 }
        guard let given = notifyWebhook ?? fromVariable else { return nil }
        let source = notifyWebhook == nil ? Self.webhookVariable : "--notify-webhook"
        guard let url = WebhookNotifier.url(given) else {
            throw Refusal(
                description: "\(source) must be an http:// or https:// URL with a host (not shown: it is a secret)")
        }
        return url
    }

    /// What of a webhook URL is secret: the whole of it, and its path with the query on its own (a
    /// Slack or Teams URL's path is its token).
    static func secrets(of url: URL) -> [String] {
        [url.absoluteString, url.path + (url.query.map { "?" + $0 } ?? "")]
    }
}
