import PrintableText
import ReconcileCore

/// What a run can notify about (`--notify-on drift,apply,failure`).
public enum NotifyEvent: String, Sendable, Hashable, CaseIterable {
    /// A dry run found changes to make.
    case drift
    /// An apply changed something (at least one call succeeded).
    case apply
    /// The run failed: any exit status but 0, and 2 (changes found).
    case failure
}

extension RunRecord {
    /// The events this run is an instance of (a failing apply that changed something is both).
    public var events: Set<NotifyEvent> {
        var events = Set<NotifyEvent>()
        if status != .success && status != .changesPlanned { events.insert(.failure) }
        if mode == .apply, (report?.succeededCount ?? 0) > 0 { events.insert(.apply) }
        if mode == .dryRun, foundDrift { events.insert(.drift) }
        return events
    }
}

/// The text of a chat notification (Slack and Microsoft Teams incoming webhooks: `{"text": ...}`): a
/// title, the plan's summary line (and the apply's), up to `maximumOperations` operations, the error,
/// and a link to the CI job. Names are escaped for the terminal and for Slack's markup (`&`, `<`, `>`:
/// a repository named `<!channel>` must not notify a whole channel), cut to 120 characters each, and
/// the whole text to `maximumCharacters`.
public enum NotificationMessage {
    public static let maximumOperations = 20
    public static let maximumCharacters = 3_500

    public static func text(_ record: RunRecord, jobURL: String?) -> String {
        var lines = [title(record)]
        if let plan = record.plan {
            lines += PlanRenderer.summaryLines(plan, report: record.report)
            let described = operationLines(plan, report: record.report)
            lines += described.prefix(maximumOperations).map { "• " + $0 }
            if described.count > maximumOperations {
                lines.append("… and \(described.count - maximumOperations) more")
            }
        }
        if record.events.contains(.failure) {
            lines.append("Error: " + escape(record.error ?? "see the job's log", limit: 400))
        }
        if let jobURL { lines.append("Job: " + escape(jobURL, limit: 400)) }
        var text = lines.joined(separator: "\n")
        if text.count > maximumCharacters { text = String(text.prefix(maximumCharacters - 1)) + "…" }
        return text
    }

    static func title(_ record: RunRecord) -> String {
        let events = record.events
        let what =
            if events.contains(.failure) {
                "the \(record.mode == .apply ? "apply" : "dry run") failed (exit \(record.status.rawValue))"
            } else if events.contains(.apply) {
                "changes applied"
            } else if events.contains(.drift) {
                "drift found: the live state differs from the desired state"
            } else {
                "nothing to change"
            }
        return "xopero-reconcile: \(what)"
    }

    /// One line per operation; after an apply, the failed and skipped ones first, with their result.
    static func operationLines(_ plan: ReconcilePlan, report: ApplyReport?) -> [String] {
        let described = plan.operations.indices.map { index -> (line: String, ok: Bool) in
            let line = describe(plan.operations[index])
            guard let report else { return (line, true) }
            switch report.result(at: index) {
            case .ok: return (line, true)
            case .failed: return ("failed: " + line, false)
            case .skipped: return ("skipped: " + line, false)
            }
        }
        return described.filter { !$0.ok }.map(\.line) + described.filter(\.ok).map(\.line)
    }

    static func describe(_ operation: PlannedOperation) -> String {
        switch operation {
        case .activate(let op):
            "activate licences in \(quoted(op.organization.name)): \(names(op.repositories))"
        case .modify(let op):
            "modify plan \(quoted(op.plan.name)) in \(quoted(op.organization.name))"
                + (op.changes.isEmpty
                    ? "" : ": " + op.changes.map { "\($0.field) \($0.from) -> \($0.to)" }.joined(separator: ", "))
        case .attach(let op):
            "attach \(quoted(op.repository.name)) to plan \(quoted(op.plan.name)) in \(quoted(op.organization.name))"
        case .detach(let op):
            "detach \(quoted(op.repository.name)) from plan \(quoted(op.plan.name)) in \(quoted(op.organization.name))"
        case .deactivate(let op):
            "deactivate licences in \(quoted(op.organization.name)): \(names(op.repositories))"
        }
    }

    private static func quoted(_ name: String) -> String { "\"" + escape(name, limit: 120) + "\"" }

    private static func names(_ repositories: [ObjectRef]) -> String {
        let shown = repositories.prefix(5).map { escape($0.name, limit: 120) }.joined(separator: ", ")
        return repositories.count > 5 ? shown + " and \(repositories.count - 5) more" : shown
    }

    /// Terminal escapes, then Slack's three: `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`.
    static func escape(_ text: String, limit: Int) -> String {
        TerminalText.truncated(TerminalText.escaped(text), to: limit)
            .replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
    }
}
