import Foundation
import Testing

@testable import ReconcileCore

@Suite("PlanRenderer")
struct PlanRendererTests {
    typealias F = Fixture

    /// A plan with every kind of operation, a write-only modify and a warning.
    static func samplePlan() throws -> ReconcilePlan {
        let live = LiveState(organizations: [
            F.organization(
                "acme",
                [
                    F.repository("api", active: false), F.repository("web-app", active: false), F.repository("old"),
                    F.repository("docs"),
                ], [F.plan("nightly", ["old", "docs"], includeMetadata: false)])
        ])
        let desired = DesiredState(organizations: [
            F.desiredOrganization(
                "acme",
                [
                    F.desiredPlan(
                        "nightly", ["api", "web-*", "docs", "mobile-*"], includeMetadata: true, worker: "w-1",
                        settings: ["compression": "zstd", "password": "s3cret"])
                ], licenses: .exact)
        ])
        return try #require(Planner.plan(desired: desired, live: live).plan)
    }

    @Test func textHasMarkersWarningsAndTheSummaryLineLast() throws {
        let text = PlanRenderer.text(try Self.samplePlan())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("    ~ includeMetadata: false -> true"))
        #expect(
            lines.contains(
                "    ~ worker, settings.compression, settings.password: sent unverified (write-only, cannot be read back)"
            ))
        #expect(lines.contains("    + api"))
        #expect(lines.contains("    - old"))
        #expect(
            lines.contains(
                "  reconcile.yaml:14:11: warning: pattern \"mobile-*\" matches no repository in organization \"acme\""))
        #expect(lines.dropLast().last == "Plan: 2 to activate, 1 to modify, 2 to attach, 1 to detach, 1 to deactivate.")
        #expect(!text.contains("\u{1B}["))
        #expect(!text.contains("s3cret") && !text.contains("zstd"))
    }

    @Test func colourOnlyWhenAsked() throws {
        let plan = try Self.samplePlan()
        let coloured = PlanRenderer.text(plan, colour: true)
        #expect(coloured.contains("\u{1B}[32m+ api\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[31m- old\u{1B}[0m"))
    }

    @Test func emptyPlanSaysNoChanges() {
        let plan = ReconcilePlan(operations: [], fingerprint: "sha256:00")
        #expect(
            PlanRenderer.text(plan) == "Fingerprint: sha256:00\nNo changes. The live state matches the desired state.\n"
        )
        #expect(PlanRenderer.markdown(plan).contains("**No changes.**"))
        #expect(!PlanRenderer.markdown(plan).contains("<details>"))
    }

    @Test func verboseAddsIdsAndUnmanagedPlans() throws {
        var plan = try Self.samplePlan()
        plan.unmanagedPlans = ["acme": ["weekly"]]
        let text = PlanRenderer.text(plan, verbose: true)
        #expect(text.contains("Organization \"acme\" (id o-acme):"))
        #expect(text.contains("+ api (id r-api)"))
        #expect(text.contains("Unmanaged plans (left alone): \"weekly\""))
        #expect(!PlanRenderer.text(plan).contains("weekly"))
    }

    @Test func jsonFollowsTheDocumentedShapeAndKeyOrder() throws {
        let json = PlanRenderer.json(try Self.samplePlan())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["formatVersion"] as? Int == 1)
        #expect(
            (object["summary"] as? [String: Int]) == [
                "activate": 2, "modify": 1, "attach": 2, "detach": 1, "deactivate": 1,
            ])
        let operations = try #require(object["operations"] as? [[String: Any]])
        #expect(
            operations.map { $0["action"] as? String } == [
                "activate", "modify", "attach", "attach", "detach", "deactivate",
            ])
        let modify = operations[1]
        #expect(modify["unverified"] as? [String] == ["worker", "settings.compression", "settings.password"])
        let changes = try #require(modify["changes"] as? [String: [String: Bool]])
        #expect(changes == ["includeMetadata": ["from": false, "to": true]])
        #expect((object["warnings"] as? [String])?.count == 1)
        #expect(!json.contains("s3cret"))
        #expect(object["generator"] as? String == "xopero-reconcile \(ReconcileVersion.current)")
        let keys = [
            "\"formatVersion\"", "\"generator\"", "\"fingerprint\"", "\"summary\"", "\"operations\"", "\"warnings\"",
        ]
        let positions = keys.compactMap { json.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted())
    }

    @Test func jsonEscapesStrings() {
        var output = ""
        JSONWriter.writeString("a\"b\\c\n\u{01}é", into: &output)
        #expect(output == "\"a\\\"b\\\\c\\n\\u0001é\"")
        output = ""
        JSONWriter.writeString("x\u{7F}\u{9B}\u{202E}\u{2069}ü", into: &output)
        #expect(output == "\"x\\u007f\\u009b\\u202e\\u2069ü\"")
    }

    @Test(
        "the markdown fence is longer than any backtick run",
        arguments: [([], 3), (["a`b", "``"], 3), (["x ``` y"], 4), (["``````"], 7)] as [([String], Int)])
    func markdownFence(lines: [String], length: Int) {
        #expect(PlanMarkdownRenderer.fence(for: lines) == String(repeating: "`", count: length))
    }

    @Test func reportAddsResultsToEveryFormat() throws {
        let plan = try Self.samplePlan()
        var results = [OperationResult](repeating: .ok, count: plan.operations.count)
        results[0] = .failed(
            code: "LI5020", message: "no free licence left", failedRepositories: [ObjectRef(id: "r-api", name: "api")])
        results[2] = .skipped(reason: "its licence could not be activated")
        let report = ApplyReport(plan: plan, results: results)

        let text = PlanRenderer.text(plan, report: report)
        #expect(
            text.contains(
                "failed: activate licences in organization \"acme\" for api, web-app: LI5020 no free licence left (repositories: api)"
            ))
        #expect(
            text.contains(
                "skipped: attach \"api\" to plan \"nightly\" in organization \"acme\": its licence could not be activated"
            ))
        #expect(text.hasSuffix("Apply: 4 succeeded, 1 failed, 1 skipped.\n"))

        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(PlanRenderer.json(plan, report: report).utf8)) as? [String: Any]
        )
        let operations = try #require(object["operations"] as? [[String: Any]])
        #expect(operations.map { $0["result"] as? String } == ["failed", "ok", "skipped", "ok", "ok", "ok"])
        #expect((operations[0]["error"] as? [String: String]) == ["code": "LI5020", "message": "no free licence left"])
        #expect(operations[0]["failedRepositories"] as? [String] == ["api"])
        #expect(operations[2]["reason"] as? String == "its licence could not be activated")
        #expect((object["outcome"] as? [String: Any])?["failed"] as? Int == 1)

        let markdown = PlanRenderer.markdown(plan, report: report)
        #expect(markdown.contains("**Apply: 4 succeeded, 1 failed, 1 skipped.**"))
        #expect(markdown.contains("- failed: activate licences"))
    }

    @Test("summaryLines are the lines the text plan ends with: no changes, a plan, a plan and its apply")
    func summaryLinesEndTheText() throws {
        let plan = try Self.samplePlan()
        let report = ApplyReport(
            plan: plan, results: [OperationResult](repeating: .skipped(reason: "x"), count: plan.operations.count))
        let empty = ReconcilePlan(operations: [], fingerprint: "sha256:00")
        for (plan, report, count) in [(empty, nil, 1), (plan, nil, 1), (plan, report, 2)] {
            let lines = PlanRenderer.summaryLines(plan, report: report)
            #expect(lines.count == count)
            #expect(PlanRenderer.text(plan, report: report).hasSuffix(lines.joined(separator: "\n") + "\n"))
        }
        #expect(PlanRenderer.summaryLines(plan, report: report).last?.hasPrefix("Apply: ") == true)
    }

    @Test func markdownPutsTheSummaryFirstAndFoldsDetails() throws {
        let markdown = PlanRenderer.markdown(try Self.samplePlan())
        let summary = try #require(markdown.range(of: "**Plan: 2 to activate"))
        let details = try #require(markdown.range(of: "<details>"))
        #expect(summary.lowerBound < details.lowerBound)
        #expect(markdown.contains("```diff\n  Organization \"acme\":\n"))
        #expect(markdown.contains("\n+     api\n"))
        #expect(markdown.contains("pattern \"mobile-\\*\" matches"))
    }

    @Test("markdown is capped and says what it cut", arguments: [2_000, 5_000, 60_000])
    func markdownCap(limit: Int) throws {
        let names = (0..<3_000).map { "repository-\($0)" }
        let live = LiveState(organizations: [
            F.organization("acme", names.map { F.repository($0, active: false) }, [F.plan("nightly")])
        ])
        let desired = DesiredState(organizations: [
            F.desiredOrganization("acme", [F.desiredPlan("nightly", ["repository-*"])])
        ])
        let plan = try #require(Planner.plan(desired: desired, live: live).plan)
        let markdown = PlanRenderer.markdown(plan, limit: limit)
        #expect(markdown.utf8.count <= limit)
        #expect(markdown.contains("**Cut to fit \(limit) characters:**"))
        #expect(markdown.contains("lines of plan details"))
        #expect(
            markdown.hasPrefix("<!-- xopero-reconcile:plan -->\n### xopero-reconcile plan\n\n**Plan: 3000 to activate"))
        #expect(markdown.contains("</details>"))
        #expect(markdown.hasSuffix("<sub>Generated by xopero-reconcile \(ReconcileVersion.current)</sub>\n"))
    }
}
