/// The plan as a pull-request comment: title, summary line (and apply outcome), fingerprint, then
/// warnings and failures as lists, then the grouped plan folded in `<details>` as a `diff` block.
///
/// The comment never exceeds `limit` UTF-8 bytes (so never `limit` characters either), provided
/// `limit` leaves room for the head and the cut note (about 1,000 bytes): lines that do not fit
/// are left out, and a final note says how many lines of which section were cut.
enum PlanMarkdownRenderer {
    /// Room kept for the closing lines of a section and the cut note.
    private static let reserve = 600

    private struct Section {
        let name: String
        let open: [String]
        let body: [String]
        let close: [String]
    }

    static func render(_ plan: ReconcilePlan, report: ApplyReport?, limit: Int) -> String {
        var head = ["### xopero-reconcile plan", ""]
        head.append(
            plan.isEmpty
                ? "**No changes.** The live state matches the desired state."
                : "**\(OperationText.summaryLine(plan.summary))**")
        if let report { head += ["", "**\(OperationText.outcomeSummary(report))**"] }
        head += ["", "Fingerprint: `\(plan.fingerprint)`", ""]

        var sections: [Section] = []
        if !plan.warnings.isEmpty {
            sections.append(
                Section(
                    name: "warnings", open: ["**Warnings (\(plan.warnings.count))**", ""],
                    body: plan.warnings.map { "- " + escape(OperationText.warning($0)) }, close: [""]))
        }
        if let report {
            let outcomes = OperationText.outcomeLines(plan, report)
            if !outcomes.isEmpty {
                sections.append(
                    Section(
                        name: "failed or skipped operations", open: ["**Failed or skipped (\(outcomes.count))**", ""],
                        body: outcomes.map { "- " + escape($0) }, close: [""]))
            }
        }
        if !plan.isEmpty {
            let organizations = Set(plan.operations.map(\.organizationName)).count
            sections.append(
                Section(
                    name: "plan details",
                    open: [
                        "<details>",
                        "<summary>Details: \(plural(plan.operations.count, "operation")) in \(plural(organizations, "organization"))</summary>",
                        "", "```diff",
                    ],
                    body: PlanOutline.lines(plan, verbose: false).enumerated().flatMap { offset, line in
                        // A blank line between organizations, as in the text output.
                        offset > 0 && line.depth == 0 ? ["", diffLine(line)] : [diffLine(line)]
                    },
                    close: ["```", "", "</details>", ""]))
        }
        return assemble(head: head, sections: sections, limit: limit)
    }

    private static func assemble(head: [String], sections: [Section], limit: Int) -> String {
        var output = head.map { $0 + "\n" }.joined()
        var used = output.utf8.count
        var cuts: [String] = []
        for section in sections {
            let opening = section.open.map { $0 + "\n" }.joined()
            let closing = section.close.map { $0 + "\n" }.joined()
            guard used + opening.utf8.count + closing.utf8.count + reserve <= limit else {
                cuts.append("all \(section.body.count) lines of \(section.name)")
                continue
            }
            output += opening
            used += opening.utf8.count
            var shown = 0
            for line in section.body {
                let size = line.utf8.count + 1
                guard used + size + closing.utf8.count + reserve <= limit else { break }
                output += line + "\n"
                used += size
                shown += 1
            }
            if shown < section.body.count {
                cuts.append("\(section.body.count - shown) of the \(section.body.count) lines of \(section.name)")
            }
            output += closing
            used += closing.utf8.count
        }
        if !cuts.isEmpty {
            output +=
                "> **Cut to fit \(limit) characters:** left out \(cuts.joined(separator: "; ")); the summary above is complete. Run `reconcile --format text` (or `--format json`) for the whole plan.\n"
        }
        return output
    }

    /// `1 operation`, `2 operations`.
    private static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// A diff-block line: the marker in the first column (so GitHub colours it), then the indented text.
    private static func diffLine(_ line: OutlineLine) -> String {
        let marker =
            switch line.marker {
            case .add?: "+"
            case .remove?: "-"
            case .change?: "!"
            case nil: " "
            }
        return marker + " " + String(repeating: "  ", count: line.depth) + line.text
    }

    /// Escapes Markdown and HTML in free text (globs such as `web-*` must not turn into emphasis).
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~": result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }
}

extension PlannedOperation {
    /// The name of the organization the call is made in.
    var organizationName: String {
        switch self {
        case .activate(let op), .deactivate(let op): op.organization.name
        case .modify(let op): op.organization.name
        case .attach(let op), .detach(let op): op.organization.name
        }
    }
}
