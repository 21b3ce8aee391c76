import ReconcileCore
import Synchronization
import Testing

@testable import ReconcileKit

@Suite("ApplyProgressReporter")
struct ApplyProgressReporterTests {
    final class Captured: Sendable {
        let text = Mutex("")
        func append(_ more: String) { text.withLock { $0 += more } }
        var value: String { text.withLock { $0 } }
    }

    static let attach = PlannedOperation.attach(
        MembershipOperation(
            organization: ObjectRef(id: "o", name: "acme"), plan: ObjectRef(id: "p", name: "nightly"),
            repository: ObjectRef(id: "r", name: "api")))

    @Test("not on a terminal: a line per step and a final summary, no carriage returns")
    func periodicLines() async {
        let captured = Captured()
        let reporter = ApplyProgressReporter(totalOperations: 3, live: false, interval: .seconds(60)) {
            captured.append($0)
        }
        await reporter.handle(.stepStarted(.attach, calls: 3))
        await reporter.handle(.operationFinished(index: 0, Self.attach, .ok))
        await reporter.handle(
            .operationFinished(index: 1, Self.attach, .failed(code: nil, message: "x", failedRepositories: [])))
        await reporter.handle(.operationFinished(index: 2, Self.attach, .skipped(reason: "y")))
        await reporter.finish()
        #expect(captured.value == "apply: attach: 3 calls\napply: 3 of 3 operations done, 1 failed, 1 skipped\n")
    }

    @Test("on a terminal: one line redrawn in place, then cleared for the summary")
    func liveLine() async {
        let captured = Captured()
        let reporter = ApplyProgressReporter(totalOperations: 2, live: true) { captured.append($0) }
        await reporter.handle(.stepStarted(.attach, calls: 2))
        await reporter.handle(.operationFinished(index: 0, Self.attach, .ok))
        await reporter.finish()
        #expect(captured.value.contains("\r\u{1B}[2Kapply: 1 of 2 operations done (attach)"))
        #expect(!captured.value.dropLast().contains("\n"))
        #expect(captured.value.hasSuffix("\r\u{1B}[2Kapply: 1 of 2 operations done\n"))
    }
}
