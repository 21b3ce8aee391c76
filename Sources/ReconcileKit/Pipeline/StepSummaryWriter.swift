import Foundation
import PrintableText
import ReconcileCore

/// `--step-summary`: appends the Markdown plan (after an apply, with its outcome) to the file that
/// `GITHUB_STEP_SUMMARY` names, which GitHub shows on the run's summary page. A run that ends without a
/// plan appends what stopped it. Appending never follows a symbolic link, never waits on a FIFO and writes only to a regular
/// file; a failure is a warning, never the run's result.
public struct StepSummaryWriter: RunObserver {
    public static let variable = "GITHUB_STEP_SUMMARY"

    public let path: String
    public let mask: SecretMask

    public init(path: String, mask: SecretMask) {
        self.path = path
        self.mask = mask
    }

    public func runFinished(_ record: RunRecord, output: any OutputSink) async {
        do {
            try append(mask.apply(Self.markdown(record)))
        } catch {
            output.printError(
                "reconcile: warning: --step-summary: cannot append to \(path) (from \(Self.variable)): \(error.reason); "
                    + "the run's result is unchanged")
        }
    }

    /// The Markdown for `record`: the plan as in a pull-request comment, then what made the run fail.
    public static func markdown(_ record: RunRecord) -> String {
        var text = ""
        if let plan = record.plan {
            text = PlanRenderer.markdown(plan, report: record.report)
        } else {
            text = "### xopero-reconcile \(record.mode.rawValue)\n"
        }
        if record.events.contains(.failure) {
            text += "\n**The run failed (exit \(record.status.rawValue)).**\n\n"
            // An indented code block: the message shows as written, with nothing in it read as Markdown or HTML.
            let message = TerminalText.truncated(record.error ?? "See the job's log.", to: 2_000)
            text += message.split(whereSeparator: \.isNewline).map { "    " + TerminalText.escaped(String($0)) + "\n" }
                .joined()
        }
        return text + "\n"
    }

    struct Failure: Error {
        let reason: String
    }

    private func append(_ text: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(reason: errno == ELOOP ? "it is a symbolic link" : String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw Failure(reason: "it is not a regular file")
        }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw Failure(reason: String(cString: strerror(errno))) }
            bytes = bytes.dropFirst(written)
        }
    }
}
