import Foundation
import ReconcileCore
import TestSupport
import Testing

/// The CI recipes' shell steps (examples/ci/scripts), run as the recipes run them, against a simulator
/// and a loopback stand-in for GitHub's or GitLab's API: the plan comment found by its marker and updated
/// in place, the fingerprint handed from the reviewed plan to the apply, the drift issue.
@Suite("the CI recipes' scripts against the simulator and a fake forge", .serialized)
struct CIRecipePipelineTests {
    static let scripts = RepositoryFiles.path("examples/ci/scripts")

    struct Run: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `script` with `sh` in `directory`, with only the variables a CI job would have.
    static func script(_ name: String, _ arguments: [String] = [], in directory: URL, environment: [String: String])
        async throws -> Run
    {
        var childEnvironment = environment
        childEnvironment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        childEnvironment["NO_COLOR"] = "1"
        childEnvironment["RECONCILE"] = try ReconcileProcess.executable().path
        childEnvironment["XOPERO_FILE"] = "reconcile.yaml"
        let output = try await ChildProcess.run(
            "/bin/sh", ["\(scripts)/\(name)"] + arguments, environment: childEnvironment, directory: directory)
        #expect(!output.stdout.contains(PipelineFakeForge.token) && !output.stderr.contains(PipelineFakeForge.token))
        return Run(status: output.status, stdout: output.stdout, stderr: output.stderr)
    }

    /// A job's working folder holding a copy of the example desired state.
    static func workspace() throws -> URL {
        let folder = try ScratchFolder.folder()
        try FileManager.default.copyItem(
            atPath: RepositoryFiles.exampleFile, toPath: folder.appendingPathComponent("reconcile.yaml").path)
        return folder
    }

    static func toolsAvailable() async -> Bool {
        await TestTools.available(["sh", "curl", "jq"], install: "apt-get install curl jq")
    }

    /// The scheduled check, twice, on a server with drift: one issue holding the plan, opened by the first
    /// run and updated (not duplicated) by the second.
    static func reportDriftTwice(
        _ forge: PipelineFakeForge, in folder: URL, environment: [String: String]
    ) async throws {
        for _ in 0..<2 {
            let drift = try await script("drift.sh", in: folder, environment: environment)
            #expect(drift.status == 0, "\(drift.stderr)")
        }
        #expect(forge.snapshot.issues.count == 1)
        #expect(
            forge.snapshot.issues.first?.body.hasPrefix(
                "<!-- xopero-reconcile:drift -->\n" + ReconcileVersion.markdownMarker) == true)
    }

    static func read(_ folder: URL, _ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    @Test(
        "GitHub: plan comment updated in place (page 2, a forged one ignored), reviewed fingerprint applied, drift issue opened then closed"
    )
    func github() async throws {
        guard await Self.toolsAvailable() else { return }
        let forge = PipelineFakeForge(.github)
        // 150 comments by people first, one of them a forgery that starts with the marker; the job's own
        // earlier plan comment is on the second page.
        for index in 0..<150 {
            _ = forge.add(
                comment: index == 3
                    ? ReconcileVersion.markdownMarker + "\nFingerprint: `sha256:00`" : "looks good \(index)",
                on: 7, author: "reviewer")
        }
        let own = forge.add(comment: ReconcileVersion.markdownMarker + "\nan older plan", on: 7)
        let folder = try Self.workspace()
        let summary = folder.appendingPathComponent("summary.md")
        try Data().write(to: summary)
        try await withRunningSimulator(try RepositoryFiles.exampleState()) { simulator in
            try await MisbehavingServer.run(forge.respond) { server in
                var environment = TestAccounts.environment(server: simulator.baseURL)
                environment.merge([
                    "GITHUB_ACTIONS": "true", "GITHUB_API_URL": server.url, "GITHUB_REPOSITORY": "acme/backup-config",
                    "GITHUB_TOKEN": PipelineFakeForge.token, "PR_NUMBER": "7", "GITHUB_STEP_SUMMARY": summary.path,
                    "GITHUB_WORKSPACE": folder.path,
                ]) { $1 }

                let plan = try await Self.script("plan.sh", in: folder, environment: environment)
                #expect(plan.status == 0, "\(plan.stderr)")
                #expect(try Self.read(folder, "xopero-plan/changes") == "true\n")
                let markdown = try Self.read(folder, "xopero-plan/plan.md")
                let fingerprint = try #require(
                    (try JSONSerialization.jsonObject(with: Data(Self.read(folder, "xopero-plan/plan.json").utf8))
                        as? [String: Any])?["fingerprint"] as? String)
                #expect(markdown.hasPrefix(ReconcileVersion.markdownMarker))
                #expect(try String(contentsOf: summary, encoding: .utf8).contains("Fingerprint: `\(fingerprint)`"))

                let comment = try await Self.script(
                    "comment.sh", ["xopero-plan/plan.md"], in: folder, environment: environment)
                #expect(comment.status == 0, "\(comment.stderr)")
                #expect(comment.stderr.contains("updated the plan comment \(own) on pull request 7"))
                let comments = forge.snapshot.comments[7] ?? []
                #expect(comments.count == 151)
                #expect(comments.last?.body == markdown)
                #expect(comments[3].body.hasSuffix("`sha256:00`"))
                #expect(forge.requests.contains { $0.path.contains("page=2") })

                // Merged: the apply takes the fingerprint from the reviewed plan comment.
                forge.merge("c0ffee", number: 7)
                let reviewed = try await Self.script(
                    "reviewed-fingerprint.sh", ["c0ffee"], in: folder, environment: environment)
                #expect(reviewed.status == 0, "\(reviewed.stderr)")
                #expect(reviewed.stdout == fingerprint + "\n")
                let none = try await Self.script(
                    "reviewed-fingerprint.sh", ["beef"], in: folder, environment: environment)
                #expect(none.status == 0 && none.stdout == "\n")

                // The scheduled check before the apply.
                try await Self.reportDriftTwice(forge, in: folder, environment: environment)

                let apply = try await Self.script("apply.sh", [fingerprint], in: folder, environment: environment)
                #expect(apply.status == 0, "\(apply.stderr)")
                #expect(apply.stdout.contains("Apply: 11 succeeded, 0 failed, 0 skipped."))
                #expect(try Self.read(folder, "xopero-plan/applied.json").contains(#""result": "ok""#))

                // The same reviewed plan again: the server changed, so it is refused and nothing runs.
                let stale = try await Self.script("apply.sh", [fingerprint], in: folder, environment: environment)
                #expect(stale.status == 1)
                #expect(stale.stderr.contains("refusing to apply: the plan's fingerprint is"))

                let clean = try await Self.script("drift.sh", in: folder, environment: environment)
                #expect(clean.status == 0, "\(clean.stderr)")
                #expect(clean.stderr.contains("closed the drift issue"))
                #expect(forge.snapshot.issues.first?.open == false)
            }
        }
    }

    @Test("GitHub: an invalid file gives annotations, a plan comment that says the plan failed, and exit 1")
    func failedPlan() async throws {
        guard await Self.toolsAvailable() else { return }
        let folder = try Self.workspace()
        try Data(
            "version: 1\norganizations:\n  - name: acme\n    plans:\n      - name: x\n        includeMetadta: true\n"
                .utf8
        )
        .write(to: folder.appendingPathComponent("reconcile.yaml"))
        let plan = try await Self.script(
            "plan.sh", in: folder,
            environment: [
                "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": folder.path, "GITHUB_RUN_ID": "99",
                "GITHUB_REPOSITORY": "acme/backup-config",
            ])
        #expect(plan.status == 1)
        #expect(plan.stderr.contains("::error file=reconcile.yaml,line=6,col=9::unknown key 'includeMetadta'"))
        let markdown = try Self.read(folder, "xopero-plan/plan.md")
        #expect(markdown.hasPrefix(ReconcileVersion.markdownMarker + "\n"))
        #expect(markdown.contains("**The plan failed (exit 1)**"))
        #expect(markdown.contains("https://github.com/acme/backup-config/actions/runs/99"))
        #expect(!markdown.contains("Fingerprint:"))
        let skipped = try await Self.script(
            "comment.sh", ["xopero-plan/plan.md"], in: folder, environment: ["XOPERO_SKIP_FORGE_API": "1"])
        #expect(skipped.status == 0)
        #expect(skipped.stderr.contains("The plan failed"))
    }

    @Test(
        "GitLab with --simulator: one merge-request note, Code Quality report, fingerprint hand-over, drift issue opened then closed, drift applied"
    )
    func gitlab() async throws {
        guard await Self.toolsAvailable() else { return }
        let forge = PipelineFakeForge(.gitlab)
        _ = forge.add(comment: ReconcileVersion.markdownMarker + "\nsomeone else's copy", on: 12, author: "7")
        let folder = try Self.workspace()
        try await MisbehavingServer.run(forge.respond) { server in
            let environment = [
                "GITLAB_CI": "true", "CI_API_V4_URL": server.url + "/api/v4", "CI_PROJECT_ID": "5",
                "CI_MERGE_REQUEST_IID": "12", "XOPERO_GITLAB_TOKEN": PipelineFakeForge.token,
                "CI_PROJECT_DIR": folder.path,
                "XOPERO_RECONCILE_ARGS": "--simulator \(RepositoryFiles.path("examples/live-state.json"))",
            ]
            for round in 0..<2 {
                let plan = try await Self.script("plan.sh", in: folder, environment: environment)
                #expect(plan.status == 0, "\(plan.stderr)")
                let comment = try await Self.script(
                    "comment.sh", ["xopero-plan/plan.md"], in: folder, environment: environment)
                #expect(comment.status == 0, "\(comment.stderr)")
                #expect(
                    comment.stderr.contains(
                        round == 0 ? "added the plan note on merge request 12" : "updated the plan note"))
            }
            let notes = forge.snapshot.comments[12] ?? []
            #expect(notes.count == 2)
            #expect(notes[0].body.hasSuffix("someone else's copy"))
            #expect(try Self.read(folder, "gl-code-quality-report.json").filter { !$0.isWhitespace } == "[]")

            forge.merge("abc123", number: 12)
            let reviewed = try await Self.script(
                "reviewed-fingerprint.sh", ["abc123"], in: folder, environment: environment)
            let fingerprint = reviewed.stdout.trimmingCharacters(in: .newlines)
            #expect(fingerprint.hasPrefix("sha256:") && notes[1].body.contains("Fingerprint: `\(fingerprint)`"))
            // Each --simulator run starts from the same state file, so the reviewed plan still matches.
            let apply = try await Self.script("apply.sh", [fingerprint], in: folder, environment: environment)
            #expect(apply.status == 0, "\(apply.stderr)")
            // The scheduled check reporting drift as an issue, then closing it.
            try await Self.reportDriftTwice(forge, in: folder, environment: environment)
            let close = try await Self.script("issue.sh", ["close"], in: folder, environment: environment)
            #expect(close.status == 0, "\(close.stderr)")
            #expect(close.stderr.contains("closed the drift issue"))
            #expect(forge.snapshot.issues.first?.open == false)
            var driftEnvironment = environment
            driftEnvironment["XOPERO_DRIFT_ACTION"] = "apply"
            let drift = try await Self.script("drift.sh", in: folder, environment: driftEnvironment)
            #expect(drift.status == 0, "\(drift.stderr)")
            #expect(drift.stdout.contains("Apply: 11 succeeded"))
            #expect(forge.snapshot.issues.count == 1, "an apply opens no issue")
            // No reviewed plan: a fresh dry run, and the apply must match it.
            let fresh = try await Self.script("apply.sh", in: folder, environment: environment)
            #expect(fresh.status == 0, "\(fresh.stderr)")
            #expect(fresh.stderr.contains("no reviewed plan: making a fresh dry run"))
        }
    }
}
