import Foundation
import TestSupport
import Testing

/// `--log-format json`: every line of standard error is one JSON object with `time`, `level`, `message`
/// and `fields`, whatever wrote it: log events, the simulator banner, progress, errors, diagnostics.
@Suite("--log-format json: every standard-error line parses", .serialized)
struct JSONLogPipelineTests {
    static func checkEveryLine(_ stderr: String, _ comment: String) throws -> [[String: Any]] {
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(!lines.isEmpty, "\(comment): no standard error at all")
        return try lines.map { line in
            let object = try #require(
                try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(comment): \(line)")
            #expect(Set(object.keys) == ["time", "level", "message", "fields"], "\(comment): \(line)")
            #expect(object["time"] is String && object["level"] is String && object["message"] is String)
            #expect(object["fields"] is [String: String], "\(comment): \(line)")
            return object
        }
    }

    @Test("an apply with -v (log events, banner, progress), a failing dry run and an invalid file")
    func everyLineParses() async throws {
        let state = RepositoryFiles.path("examples/live-state.json")
        let invalid = try RepositoryFiles.temporaryFile(
            "version: 1\norganizations:\n  - name: acme\n    plans:\n      - name: x\n        includeMetadta: true\n")
        let runs: [(String, [String])] = [
            ("apply", ["--apply", "-v", "-f", RepositoryFiles.exampleFile, "--simulator", state]),
            ("safety refusal", ["--max-detach-ratio", "0", "-f", RepositoryFiles.exampleFile, "--simulator", state]),
            ("invalid file", ["-f", invalid, "--simulator", state]),
            ("no credentials", ["-f", RepositoryFiles.exampleFile, "--server", "http://127.0.0.1:9"]),
            ("export", ["export", "--simulator", state]),
        ]
        for (name, arguments) in runs {
            let output = await InProcess.reconcile(arguments + ["--log-format", "json"])
            let objects = try Self.checkEveryLine(output.stderr, name)
            let levels = Set(objects.compactMap { $0["level"] as? String })
            switch name {
            case "apply":
                #expect(output.status == 0)
                #expect(objects.contains { ($0["message"] as? String)?.hasPrefix("SIMULATOR: ") == true })
                #expect(objects.contains { ($0["message"] as? String)?.hasPrefix("apply: ") == true })
                #expect(levels.contains("info"), "-v log events: \(levels)")
            case "invalid file":
                #expect(output.status == 1)
                let diagnostic = try #require(
                    objects.first { ($0["fields"] as? [String: String])?["kind"] == "diagnostic" })
                #expect((diagnostic["fields"] as? [String: String])?["line"] == "6")
                #expect(diagnostic["level"] as? String == "error")
            default:
                #expect(output.status == (name == "export" ? 0 : 1), "\(name): \(output.stderr)")
                if name != "export" { #expect(levels.contains("error"), "\(name): \(levels)") }
            }
        }
    }

    @Test("the executable's standard error parses line by line too")
    func executable() async throws {
        let output = try await ReconcileProcess.run(
            ["-f", "examples/reconcile.yaml", "--simulator", "examples/live-state.json", "--log-format", "json", "-v"])
        #expect(output.status == 0, "\(output.stderr)")
        _ = try Self.checkEveryLine(output.stderr, "executable")
    }
}
