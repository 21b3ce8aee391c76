/// `--notify-webhook`: when a run is one of the chosen events (`--notify-on`), posts its
/// `NotificationMessage` through a `WebhookNotifier`. A failed delivery is a warning that never names
/// the URL; the run's exit status does not change.
public struct WebhookObserver: RunObserver {
    public let notifier: WebhookNotifier
    public let events: Set<NotifyEvent>
    /// A link to the CI job, for the message.
    public let jobURL: String?
    public let mask: SecretMask

    public init(notifier: WebhookNotifier, events: Set<NotifyEvent>, jobURL: String?, mask: SecretMask) {
        self.notifier = notifier
        self.events = events
        self.jobURL = jobURL
        self.mask = mask
    }

    public func runFinished(_ record: RunRecord, output: any OutputSink) async {
        guard !record.events.isDisjoint(with: events) else { return }
        let text = mask.apply(NotificationMessage.text(record, jobURL: jobURL))
        if case .failed(let attempts, let reason) = await notifier.send(text) {
            output.printError(
                "reconcile: warning: the notification was not delivered (\(attempts) attempt\(attempts == 1 ? "" : "s"); "
                    + "last: \(reason)); the run's result is unchanged")
        }
    }

    /// A link to the CI job running now: GitHub Actions' run page or GitLab's job page; nil elsewhere.
    public static func jobURL(environment: [String: String]) -> String? {
        if let server = environment["GITHUB_SERVER_URL"], let repository = environment["GITHUB_REPOSITORY"],
            let run = environment["GITHUB_RUN_ID"], !server.isEmpty, !repository.isEmpty, !run.isEmpty
        {
            return "\(server)/\(repository)/actions/runs/\(run)"
        }
        if let job = environment["CI_JOB_URL"], !job.isEmpty { return job }
        return nil
    }
}
