import Foundation
import ReconcileCore
import TestSupport
import Testing

/// The CI flags end to end, `reconcile` run in process against `--simulator` (the example installation).
@Suite(
    "reconcile in a pipeline: --version, annotations, Code Quality, job summary, metrics, webhook, JSON logs",
    .serialized)
struct PipelineFlagsTests {
    static let state = RepositoryFiles.path("examples/live-state.json")
    static let example = RepositoryFiles.exampleFile

    /// A desired-state file with one unknown key (an error at 6:9).
    static func invalidFile() throws -> String {
        try RepositoryFiles.temporaryFile(
            "version: 1\norganizations:\n  - name: acme\n    plans:\n      - name: nightly\n        includeMetadta: true\n"
        )
    }

    static func dryRun(_ extra: [String], environment: [String: String] = [:]) async -> InProcess.Output {
        await InProcess.reconcile(["--dry-run", "-f", example, "--simulator", state] + extra, environment: environment)
    }

    @Test("--version prints ReconcileVersion.current, in process and from both executables")
    func version() async throws {
        let inProcess = await InProcess.reconcile(["--version"])
        #expect(inProcess.status == 0)
        #expect(inProcess.stdout == ReconcileVersion.current + "\n")
        let reconcile = try ReconcileProcess.executable()
        for executable in [reconcile, reconcile.deletingLastPathComponent().appendingPathComponent("xopero-sim")] {
            let output = try await ChildProcess.run(executable.path, ["--version"])
            #expect(output.status == 0, "\(executable.lastPathComponent): \(output.stderr)")
            #expect(output.stdout == ReconcileVersion.current + "\n", "\(executable.lastPathComponent)")
        }
    }

    @Test(
        "GITHUB_ACTIONS=true turns the workflow commands on; --diagnostics-format decides when given",
        arguments: [
            ([String](), ["GITHUB_ACTIONS": "true"], true),
            (["--diagnostics-format", "text"], ["GITHUB_ACTIONS": "true"], false),
            (["--diagnostics-format", "github"], [:], true), ([], [:], false),
        ])
    func annotations(flags: [String], environment: [String: String], expected: Bool) async throws {
        let file = try Self.invalidFile()
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        var environment = environment
        environment["GITHUB_WORKSPACE"] = folder
        let command =
            "::error file=reconcile.yaml,line=6,col=9::unknown key 'includeMetadta' in a plan; did you mean 'includeMetadata'?"
        for arguments in [["validate", file] + flags, ["--dry-run", "-f", file, "--simulator", Self.state] + flags] {
            let output = await InProcess.reconcile(arguments, environment: environment)
            #expect(output.status == 1)
            #expect(output.stderr.contains("\(file):6:9: error: unknown key"), "\(output.stderr)")
            #expect(output.stderr.split(separator: "\n").contains { $0 == command } == expected, "\(output.stderr)")
        }
    }

    @Test("--out, --metrics-file and --codequality-report must name three different files, however spelled")
    func distinctOutputFiles() async throws {
        let folder = try ScratchFolder.folder().path
        let output = await Self.dryRun(["--out", folder + "/x.prom", "--metrics-file", folder + "/./x.prom"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("--out and --metrics-file name the same file"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/x.prom"))
    }

    @Test("a metrics file whose name does not end in .prom is written, with a warning that node_exporter skips it")
    func metricsFileSuffix() async throws {
        let folder = try ScratchFolder.folder().path
        let output = await Self.dryRun(["--metrics-file", folder + "/run.txt"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("reads only files ending in .prom"))
        #expect(FileManager.default.fileExists(atPath: folder + "/run.txt"))
        let named = await Self.dryRun(["--metrics-file", folder + "/run.prom"])
        #expect(!named.stderr.contains("ending in .prom"))
    }

    @Test("the webhook's path alone is a secret too (a file that quotes it is masked)")
    func webhookPathIsMasked() async throws {
        let path = "/services/T0/B0/hook-path-s3cret-77"
        let file = try RepositoryFiles.temporaryFile("version: 1\norganizations: \(path)-is-not-a-list\n")
        let output = await InProcess.reconcile(
            ["--dry-run", "-f", file, "--simulator", Self.state],
            environment: ["XOPERO_NOTIFY_WEBHOOK": "http://127.0.0.1:9" + path])
        #expect(output.status == 1)
        #expect(!output.all.contains("hook-path-s3cret-77"), "\(output.all)")
        #expect(output.stderr.contains("***-is-not-a-list"), "\(output.stderr)")
    }

    @Test("--codequality-report on validate and on a dry run: [] when valid, the errors when not; never an input")
    func codeQuality() async throws {
        let report = ScratchFolder.path().path + "-cq.json"
        let valid = await InProcess.reconcile(["validate", Self.example, "--codequality-report", report])
        #expect(valid.status == 0)
        #expect(try String(contentsOfFile: report, encoding: .utf8).filter { !$0.isWhitespace } == "[]")

        let file = try Self.invalidFile()
        for arguments in [["validate", file], ["-f", file, "--simulator", Self.state]] {
            let output = await InProcess.reconcile(arguments + ["--codequality-report", report])
            #expect(output.status == 1)
            let issues = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report)))
                    as? [[String: Any]])
            #expect(issues.count == 1)
            #expect(issues.first?["check_name"] as? String == "xopero-reconcile/error")
        }
        let refused = await InProcess.reconcile(["validate", file, "--codequality-report", file])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--codequality-report \(file): it is the input file"), "\(refused.stderr)")
    }

    @Test("--step-summary appends the Markdown plan when GITHUB_STEP_SUMMARY is set, and warns when it is not")
    func stepSummary() async throws {
        let summary = try RepositoryFiles.temporaryFile("", name: "summary.md")
        let set = await Self.dryRun(["--step-summary"], environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(set.status == 0, "\(set.stderr)")
        let text = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(text.hasPrefix(ReconcileVersion.markdownMarker))
        #expect(text.contains("Plan: 4 to activate, 3 to modify, 3 to attach, 2 to detach, 1 to deactivate."))

        let unset = await Self.dryRun(["--step-summary"])
        #expect(unset.status == 0)
        #expect(unset.stderr.contains("reconcile: warning: --step-summary: GITHUB_STEP_SUMMARY is not set"))
    }

    @Test("--metrics-file after a dry run and after an apply: parsed by Prometheus's parsers, with the plan's numbers")
    func metrics() async throws {
        let folder = try ScratchFolder.folder()
        let path = folder.appendingPathComponent("xopero.prom").path
        let dry = await Self.dryRun(["--metrics-file", path, "--detailed-exitcode"])
        #expect(dry.status == 2)
        let dryText = try String(contentsOfFile: path, encoding: .utf8)
        #expect(dryText.contains(#"xopero_reconcile_run_exit_code{mode="dry-run"} 2"#))
        #expect(
            dryText.contains(
                #"xopero_reconcile_organization_drift_detected{mode="dry-run",organization="acme-labs"} 1"#))

        let apply = await InProcess.reconcile([
            "--apply", "-f", Self.example, "--simulator", Self.state, "--metrics-file", path,
        ])
        #expect(apply.status == 0, "\(apply.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let families = try await MetricsParsers.parse(text) else { return }
        let applied = families.first { $0.name == "xopero_reconcile_operations_applied" }?.samples ?? []
        #expect(applied.filter { $0.labels["result"] == "ok" }.reduce(0) { $0 + $1.value } == 11)
        #expect(applied.filter { $0.labels["result"] != "ok" }.allSatisfy { $0.value == 0 })
        #expect(families.first { $0.name == "xopero_reconcile_run_success" }?.samples.first?.value == 1)
    }

    @Test("a run stopped by an invalid file still writes its metrics and notifies about the failure")
    func earlyFailure() async throws {
        let receiver = RecordingReceiver(statuses: [200])
        let path = ScratchFolder.path().path + ".prom"
        let file = try Self.invalidFile()
        let output = try await MisbehavingServer.run(receiver.respond) { server in
            await InProcess.reconcile(
                ["--apply", "-f", file, "--simulator", Self.state, "--metrics-file", path],
                environment: ["XOPERO_NOTIFY_WEBHOOK": try RecordingReceiver.webhookURL(server).absoluteString])
        }
        #expect(output.status == 1)
        #expect(
            try String(contentsOfFile: path, encoding: .utf8).contains(#"xopero_reconcile_run_success{mode="apply"} 0"#)
        )
        let text = try #require(receiver.requests.first).text
        #expect(text.contains("the apply failed (exit 1)"), "\(text)")
        #expect(text.contains("the desired-state files are invalid"), "\(text)")
    }

    @Test(
        "the webhook URL, from the flag or the variable, is in no output, file or message, delivered or not",
        arguments: [200, 500])
    func webhookNeverPrinted(status: Int) async throws {
        let receiver = RecordingReceiver(statuses: [status])
        let folder = try ScratchFolder.folder()
        let summary = folder.appendingPathComponent("summary.md").path
        try Data().write(to: URL(fileURLWithPath: summary))
        let outputs = try await MisbehavingServer.run(receiver.respond) { server in
            let url = try RecordingReceiver.webhookURL(server).absoluteString
            let files = [
                "--out", folder.appendingPathComponent("plan.json").path, "--step-summary",
                "--metrics-file", folder.appendingPathComponent("m.prom").path, "--log-format", "json",
            ]
            let byFlag = await Self.dryRun(
                ["--notify-webhook", url] + files, environment: ["GITHUB_STEP_SUMMARY": summary])
            let byVariable = await Self.dryRun(
                files, environment: ["XOPERO_NOTIFY_WEBHOOK": url, "GITHUB_STEP_SUMMARY": summary])
            return [byFlag, byVariable]
        }
        #expect(receiver.requests.count == (status == 200 ? 2 : 6))
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).map {
            try String(contentsOfFile: folder.appendingPathComponent($0).path, encoding: .utf8)
        }
        for text in outputs.map(\.all) + written {
            #expect(!text.contains("s3cr3t-hook-token"))
        }
        for output in outputs {
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stderr.contains("the notification was not delivered") == (status != 200))
        }
    }

    @Test(
        "a bad webhook URL or event is refused without printing the URL",
        arguments: [
            (
                ["--notify-webhook", "ftp://s3cr3t-hook-token"], [String: String](), 64,
                "--notify-webhook must be an http:// or https:// URL"
            ),
            (
                [], ["XOPERO_NOTIFY_WEBHOOK": "not a url s3cr3t-hook-token"], 1,
                "XOPERO_NOTIFY_WEBHOOK must be an http:// or https:// URL"
            ),
            (["--notify-on", "drift,deploy"], [:], 64, "'deploy' is none of them"),
        ])
    func refusals(flags: [String], environment: [String: String], status: Int32, message: String) async {
        let output = await Self.dryRun(flags, environment: environment)
        #expect(output.status == status)
        #expect(output.stderr.contains(message), "\(output.stderr)")
        #expect(!output.all.contains("s3cr3t-hook-token"))
        #expect(!output.all.contains("SIMULATOR"))
    }
}
