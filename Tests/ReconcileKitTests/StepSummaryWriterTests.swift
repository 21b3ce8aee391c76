import Foundation
import ReconcileCore
import ReconcileKit
import Testing

@Suite("--step-summary: the Markdown plan appended to $GITHUB_STEP_SUMMARY")
struct StepSummaryWriterTests {
    @Test("appends the plan (after an apply, with its outcome) to what the file already holds")
    func appends() async throws {
        let folder = try PipelineFixtures.folder()
        let path = folder.appendingPathComponent("summary.md").path
        try Data("earlier step\n".utf8).write(to: URL(fileURLWithPath: path))
        let writer = StepSummaryWriter(path: path, mask: SecretMask([]))
        let output = CapturedOutput()
        await writer.runFinished(PipelineFixtures.record(mode: .dryRun, status: .changesPlanned), output: output)
        await writer.runFinished(
            PipelineFixtures.record(mode: .apply, status: .applyFailed, report: PipelineFixtures.partialReport()),
            output: output)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("earlier step\n" + ReconcileVersion.markdownMarker))
        #expect(text.components(separatedBy: ReconcileVersion.markdownMarker).count == 3)
        #expect(text.contains("Apply: 3 succeeded, 1 failed, 1 skipped."))
        #expect(text.contains("**The run failed (exit 3).**"))
        #expect(output.all.isEmpty)
    }

    @Test("a run without a plan appends what stopped it, as literal text (an indented code block)")
    func failureWithoutPlan() {
        let markdown = StepSummaryWriter.markdown(
            PipelineFixtures.record(mode: .apply, status: .failure, plan: nil, error: "cannot log in <b>\nas ops"))
        #expect(markdown.contains("### xopero-reconcile apply"))
        #expect(markdown.contains("\n    cannot log in <b>\n    as ops\n"))
    }

    @Test("never follows a symbolic link, never writes to a folder: a warning, and the target is untouched")
    func refusals() async throws {
        let folder = try PipelineFixtures.folder()
        let target = folder.appendingPathComponent("target.md").path
        try Data("keep\n".utf8).write(to: URL(fileURLWithPath: target))
        let link = folder.appendingPathComponent("link.md").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let output = CapturedOutput()
        for path in [link, folder.path] {
            await StepSummaryWriter(path: path, mask: SecretMask([])).runFinished(
                PipelineFixtures.record(), output: output)
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep\n")
        #expect(
            output.standardError.contains(
                "--step-summary: cannot append to \(link) (from GITHUB_STEP_SUMMARY): it is a symbolic link"))
        #expect(output.standardError.components(separatedBy: "reconcile: warning: --step-summary").count == 3)
    }
}
