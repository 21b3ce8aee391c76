import PrintableText

/// The plan for people: grouped by organization and plan, `+` attach / activate, `-` detach /
/// deactivate, `~` modify, then warnings, the fingerprint, and the summary line last. After an
/// apply, failures and skipped operations are listed and an outcome line follows the summary.
/// Names (from the server and the files) and messages are escaped for the terminal (`TerminalText`).
enum PlanTextRenderer {
    private enum Style: String {
        case bold = "\u{1B}[1m"
        case green = "\u{1B}[32m"
        case red = "\u{1B}[31m"
        case yellow = "\u{1B}[33m"
        static let reset = "\u{1B}[0m"
    }

    static func render(_ plan: ReconcilePlan, report: ApplyReport?, colour: Bool, verbose: Bool) -> String {
        func paint(_ text: String, _ style: Style) -> String { colour ? style.rawValue + text + Style.reset : text }
        var output = ""
        for line in PlanOutline.lines(plan, verbose: verbose) {
            if line.depth == 0 && !output.isEmpty { output += "\n" }
            let indent = String(repeating: "  ", count: line.depth)
            let text = TerminalText.escaped(line.text)
            switch line.marker {
            case .add?: output += indent + paint("+ " + text, .green) + "\n"
            case .remove?: output += indent + paint("- " + text, .red) + "\n"
            case .change?: output += indent + paint("~ " + text, .yellow) + "\n"
            case nil: output += indent + paint(text, .bold) + "\n"
            }
        }
        if !plan.warnings.isEmpty {
            if !output.isEmpty { output += "\n" }
            output += paint("Warnings:", .bold) + "\n"
            for warning in plan.warnings {
                let place = warning.location.map { TerminalText.escaped("\($0): ") } ?? ""
                output += "  " + place + paint("warning: ", .yellow) + TerminalText.escaped(warning.message) + "\n"
            }
        }
        if let report {
            let outcomes = OperationText.outcomeLines(plan, report)
            if !outcomes.isEmpty {
                if !output.isEmpty { output += "\n" }
                output += paint("Failed or skipped:", .bold) + "\n"
                for line in outcomes {
                    output += "  " + paint(TerminalText.escaped(line), line.hasPrefix("failed") ? .red : .yellow) + "\n"
                }
            }
        }
        if !output.isEmpty { output += "\n" }
        output += "Fingerprint: \(plan.fingerprint)\n"
        output += paint(plan.isEmpty ? OperationText.noChanges : OperationText.summaryLine(plan.summary), .bold) + "\n"
        if let report {
            output +=
                paint(
                    OperationText.outcomeSummary(report),
                    report.isComplete ? .green : .red) + "\n"
        }
        return output
    }
}
