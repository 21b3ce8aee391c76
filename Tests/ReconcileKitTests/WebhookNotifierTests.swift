import Foundation
import ReconcileCore
import ReconcileKit
import TestSupport
import Testing

@Suite("--notify-webhook: the message, the retries, the bounds, and never the URL")
struct WebhookNotifierTests {
    static func quick(_ url: URL) -> WebhookNotifier {
        // Generous bounds: on a loaded machine the loopback receiver itself may answer slowly, and an attempt
        // that timed out would be retried (correctly), which the tests that count requests would misread.
        // They cost nothing when the receiver answers; `stalled` tests the timeouts with its own.
        WebhookNotifier(
            url: url, totalTime: .seconds(40), attemptTimeout: .seconds(15), firstBackoff: .milliseconds(20))
    }

    @Test("a drift notification: one POST of {\"text\": ...} with the title, summary line and operations")
    func payload() async throws {
        let receiver = RecordingReceiver(statuses: [200])
        try await MisbehavingServer.run(receiver.respond) { server in
            let observer = WebhookObserver(
                notifier: Self.quick(try RecordingReceiver.webhookURL(server)), events: Set(NotifyEvent.allCases),
                jobURL: "https://ci.example.com/job/7", mask: SecretMask([]))
            let output = CapturedOutput()
            await observer.runFinished(PipelineFixtures.record(status: .changesPlanned), output: output)
            #expect(output.all.isEmpty)
        }
        let request = try #require(receiver.requests.first)
        #expect(receiver.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.path == "/services/T000/B000/s3cr3t-hook-token")
        #expect(request.headers["content-type"] == "application/json")
        let object = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: String])
        #expect(Array(object.keys) == ["text"])
        let lines = try #require(object["text"]).split(separator: "\n").map(String.init)
        #expect(lines.first == "xopero-reconcile: drift found: the live state differs from the desired state")
        #expect(lines[1] == "Plan: 2 to activate, 1 to modify, 2 to attach, 1 to detach, 0 to deactivate.")
        #expect(lines.contains("• modify plan \"nightly\" in \"acme\": includeMetadata false -> true"))
        // Slack's markup is escaped: a repository named <!channel> must not notify a whole channel.
        #expect(lines.contains("• attach \"&lt;!channel&gt;\" to plan \"nightly\" in \"acme\""))
        #expect(lines.last == "Job: https://ci.example.com/job/7")
    }

    @Test("an apply with failures lists the failed and skipped operations first, then the error")
    func applyMessage() {
        let record = PipelineFixtures.record(
            mode: .apply, status: .applyFailed, report: PipelineFixtures.partialReport(), error: "3 of 5 done")
        #expect(record.events == [.failure, .apply])
        let lines = NotificationMessage.text(record, jobURL: nil).split(separator: "\n").map(String.init)
        #expect(lines[0] == "xopero-reconcile: the apply failed (exit 3)")
        #expect(lines[2] == "Apply: 3 succeeded, 1 failed, 1 skipped.")
        #expect(lines[3].hasPrefix("• failed: attach "))
        #expect(lines[4].hasPrefix("• skipped: detach "))
        #expect(lines.last == "Error: 3 of 5 done")
    }

    @Test("at most 20 operations and a bounded size, however large the plan")
    func bounded() throws {
        let acme = PipelineFixtures.ref("acme")
        let long = String(repeating: "x", count: 500)
        let plan = ReconcilePlan(
            operations: (0..<300).map {
                .attach(
                    MembershipOperation(
                        organization: acme, plan: PipelineFixtures.ref(long), repository: PipelineFixtures.ref("r\($0)")
                    ))
            }, fingerprint: "sha256:00")
        let text = NotificationMessage.text(PipelineFixtures.record(plan: plan), jobURL: nil)
        #expect(
            text.split(separator: "\n").filter { $0.hasPrefix("• ") }.count <= NotificationMessage.maximumOperations)
        #expect(text.count <= NotificationMessage.maximumCharacters)
        #expect(text.contains("… and 280 more") || text.hasSuffix("…"))
        #expect(
            WebhookNotifier.payload(String(repeating: "é", count: 50_000)).count < WebhookNotifier.maximumTextBytes + 64
        )
    }

    @Test("retried after 503 and 429, delivered on the third attempt")
    func retries() async throws {
        let receiver = RecordingReceiver(statuses: [503, 429, 200])
        let outcome = try await MisbehavingServer.run(receiver.respond) { server in
            await Self.quick(try RecordingReceiver.webhookURL(server)).send("hello")
        }
        #expect(outcome == .delivered(attempts: 3))
        #expect(receiver.requests.count == 3)
        #expect(Set(receiver.requests.map(\.text)).count == 1)
    }

    @Test("a 404 is not retried: the URL is wrong")
    func notRetried() async throws {
        let receiver = RecordingReceiver(statuses: [404])
        let outcome = try await MisbehavingServer.run(receiver.respond) { server in
            await Self.quick(try RecordingReceiver.webhookURL(server)).send("hello")
        }
        guard case .failed(let attempts, let reason) = outcome else {
            Issue.record("delivered: \(outcome)")
            return
        }
        #expect(attempts == 1)
        #expect(reason.contains("HTTP 404"))
    }

    @Test("a webhook that never answers costs its time budget and no more, and the warning names no URL")
    func stalled() async throws {
        let output = CapturedOutput()
        let stall: MisbehavingServer.Respond = { _, _ in
            try await Task.sleep(for: .seconds(30))
            return false
        }
        let (url, elapsed) = try await MisbehavingServer.run(stall) { server in
            let url = try RecordingReceiver.webhookURL(server)
            let notifier = WebhookNotifier(url: url, totalTime: .seconds(3), attemptTimeout: .seconds(1))
            let observer = WebhookObserver(notifier: notifier, events: [.failure], jobURL: nil, mask: SecretMask([]))
            let elapsed = await ContinuousClock().measure {
                await observer.runFinished(PipelineFixtures.record(status: .failure, error: "boom"), output: output)
            }
            return (url, elapsed)
        }
        // Attempts of 1 s within 3 s in all (the server stalls for 30 s), with room for a loaded machine,
        // where fewer attempts may fit in the budget.
        #expect(elapsed < .seconds(3 + 7), "took \(elapsed)")
        #expect(output.standardError.contains("reconcile: warning: the notification was not delivered ("))
        #expect(output.standardError.contains(" last: no answer within "))
        #expect(!output.all.contains("s3cr3t-hook-token"))
        #expect(!output.all.contains(url.host ?? "127.0.0.1"))
    }

    @Test("a refused connection is retried, then a warning without the URL")
    func refused() async throws {
        // A loopback port the system just handed out and nobody listens on any more.
        let url = try #require(
            URL(string: "http://127.0.0.1:\(try Self.closedPort())/services/T0/B0/s3cr3t-hook-token"))
        let outcome = await Self.quick(url).send("hello")
        guard case .failed(let attempts, let reason) = outcome else {
            Issue.record("delivered: \(outcome)")
            return
        }
        #expect(attempts == 3)
        #expect(!reason.contains("s3cr3t") && !reason.contains("127.0.0.1"))
    }

    @Test("only the chosen events notify")
    func events() async throws {
        let receiver = RecordingReceiver(statuses: [200])
        try await MisbehavingServer.run(receiver.respond) { server in
            let observer = WebhookObserver(
                notifier: Self.quick(try RecordingReceiver.webhookURL(server)), events: [.failure], jobURL: nil,
                mask: SecretMask([]))
            await observer.runFinished(PipelineFixtures.record(status: .changesPlanned), output: CapturedOutput())
            await observer.runFinished(
                PipelineFixtures.record(mode: .apply, plan: ReconcilePlan(operations: [], fingerprint: "sha256:00")),
                output: CapturedOutput())
            #expect(receiver.requests.isEmpty)
            await observer.runFinished(PipelineFixtures.record(status: .failure, plan: nil), output: CapturedOutput())
            #expect(receiver.requests.count == 1)
        }
    }

    /// A port chosen by the system (port 0) for a socket that is then closed: connecting to it is refused.
    static func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        #expect(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
