/// Renders a plan (and, after an apply, its outcomes) as text, Markdown or the JSON document of `CLI.md`.
/// Output depends only on the plan and report, so the same input renders byte for byte the same.
public enum PlanRenderer {
    /// For people: grouped by organization and plan, `+ - ~` markers, warnings, fingerprint, summary
    /// line. ANSI colour only when `colour` is true; `verbose` adds ids and the unmanaged plans.
    public static func text(
        _ plan: ReconcilePlan, report: ApplyReport? = nil, colour: Bool = false, verbose: Bool = false
    ) -> String {
        PlanTextRenderer.render(plan, report: report, colour: colour, verbose: verbose)
    }

    /// For pull-request comments: summary first, details folded, at most `limit` characters with a
    /// note of what was cut.
    public static func markdown(_ plan: ReconcilePlan, report: ApplyReport? = nil, limit: Int = 60_000) -> String {
        PlanMarkdownRenderer.render(plan, report: report, limit: limit)
    }

    /// For machines: `formatVersion` 1, keys in a fixed order, pretty-printed, ending with a newline.
    public static func json(_ plan: ReconcilePlan, report: ApplyReport? = nil) -> String {
        PlanJSONDocument.render(plan, report: report)
    }

    /// The lines a text plan ends with, uncoloured: `Plan: ...` (or `No changes. ...`) and, after an apply,
    /// `Apply: ...`. For short messages (a notification) that quote the outcome as the text output words it.
    public static func summaryLines(_ plan: ReconcilePlan, report: ApplyReport? = nil) -> [String] {
        [plan.isEmpty ? OperationText.noChanges : OperationText.summaryLine(plan.summary)]
            + (report.map { [OperationText.outcomeSummary($0)] } ?? [])
    }
}
