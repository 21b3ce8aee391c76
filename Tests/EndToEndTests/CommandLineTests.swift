import Foundation
import TestSupport
import Testing

@Suite("reconcile end to end: the demo command, help, validate and schema")
struct CommandLineTests {
    @Test("the README's demo command works and says it runs against a simulator")
    func simulatorDemo() async throws {
        let output = try await ReconcileProcess.run(
            ["--dry-run", "-f", "examples/reconcile.yaml", "--simulator", "examples/live-state.json"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("SIMULATOR"))
        #expect(output.stdout.contains("Plan: 4 to activate, 3 to modify, 3 to attach, 2 to detach, 1 to deactivate."))
        // The banner names the account, never its password (the example file's is "change-me").
        #expect(!output.all.contains("change-me"))
    }

    @Test("--help explains every flag of the contract")
    func helpNamesEveryFlag() async throws {
        let output = await InProcess.reconcile(["plan", "--help"])
        #expect(output.status == 0)
        for flag in [
            "--dry-run", "--apply", "--file", "--server", "--simulator", "--format", "--out", "--expect-fingerprint",
            "--detailed-exitcode", "--org", "--concurrency", "--max-detach-ratio", "--force", "--push-write-only",
            "--ca-cert", "--insecure",
        ] {
            #expect(output.stdout.contains(flag), "--help does not mention \(flag)")
        }
        let top = await InProcess.reconcile(["--help"])
        for subcommand in ["validate", "export", "schema"] { #expect(top.stdout.contains(subcommand)) }
    }

    @Test("validate accepts the example file offline; schema prints JSON")
    func validateAndSchema() async throws {
        let validate = await InProcess.reconcile(["validate", RepositoryFiles.exampleFile])
        #expect(validate.status == 0, "\(validate.stderr)")
        let schema = await InProcess.reconcile(["schema"])
        #expect(schema.status == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(schema.stdout.utf8)) as? [String: Any]
        #expect(parsed?["$schema"] != nil)
    }

    @Test("--insecure warns on stderr; --dry-run and --apply exclude each other")
    func flagChecks() async throws {
        let insecure = await InProcess.reconcile(
            ["-f", RepositoryFiles.exampleFile, "--server", "https://127.0.0.1:1", "--insecure", "--retry-time", "0"],
            environment: ["XOPERO_TOKEN": "tok-e2e-secret-123"])
        #expect(insecure.status == 1)
        #expect(insecure.stderr.contains("--insecure"))
        #expect(!insecure.all.contains("tok-e2e-secret-123"))
        let both = await InProcess.reconcile(["--dry-run", "--apply"])
        #expect(both.status != 0)
    }

    /// The README's exit code 64: a wrong command line is refused before any file or server is touched.
    @Test(
        "a wrong command line exits 64 and says which flag is wrong",
        arguments: [
            (["--expect-fingerprint", "sha256:abc"], "--expect-fingerprint only goes with --apply"),
            (["--concurrency", "0"], "--concurrency must be auto or a number between 1 and 256"),
            (["--max-detach-ratio", "1.5"], "--max-detach-ratio must be between 0 and 1"),
            (["--licence-chunk-size", "0"], "--licence-chunk-size must be at least 1"),
            (["--server", "https://127.0.0.1:1", "--simulator", "examples/live-state.json"], "exclude each other"),
            (["--no-such-flag"], "--no-such-flag"),
        ])
    func usageErrors(arguments: [String], message: String) async throws {
        let output = await InProcess.reconcile(arguments)
        #expect(output.status == 64, "\(output.stderr)")
        #expect(output.stderr.contains(message), "\(output.stderr)")
        #expect(!output.all.contains("SIMULATOR"))
    }

    @Test("the real executable exits 64 on a wrong command line too")
    func usageErrorFromTheExecutable() async throws {
        let output = try await ReconcileProcess.run(["--concurrency", "0"])
        #expect(output.status == 64, "\(output.stderr)")
        #expect(output.stderr.contains("--concurrency must be auto or a number between 1 and 256"))
    }
}
