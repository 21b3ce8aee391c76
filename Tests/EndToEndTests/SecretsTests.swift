import Foundation
import TestSupport
import Testing
import XoperoSimulator

/// Every output of every command, with each secret set, holds none of them: checked in process (where only
/// the plan pipeline's own mask stands between a leak and the output) and through the real executable.
@Suite("Secrets: no command prints a password, a token, a password file's content or a webhook URL")
struct SecretsTests {
    static let passwordFileContent = "Fi1e-s3cret-test-4e7d"
    /// The webhook's path: a secret on its own (chat webhooks carry their key in it).
    static let webhookPath = "/services/T0000/B0000/hook-s3cret-test-55aa"

    /// The credentials in each form, with the webhook set too.
    static func environments(server: String, token: String, webhook: String) throws
        -> [(String, [String: String], [String])]
    {
        let passwordFile = try RepositoryFiles.temporaryFile(TestAccounts.adminPassword + "\n", name: "pw")
        return [
            (
                "XOPERO_PASSWORD",
                TestAccounts.environment(server: server).merging(["XOPERO_NOTIFY_WEBHOOK": webhook]) { $1 },
                [TestAccounts.adminPassword, webhook, webhookPath]
            ),
            (
                "XOPERO_PASSWORD_FILE",
                [
                    "XOPERO_URL": server, "XOPERO_EMAIL": TestAccounts.adminEmail, "XOPERO_PASSWORD_FILE": passwordFile,
                    "XOPERO_NOTIFY_WEBHOOK": webhook,
                ], [TestAccounts.adminPassword, webhook, webhookPath]
            ),
            (
                "XOPERO_TOKEN", ["XOPERO_URL": server, "XOPERO_TOKEN": token, "XOPERO_NOTIFY_WEBHOOK": webhook],
                [token, webhook, webhookPath]
            ),
        ]
    }

    /// Desired-state files that try to make a secret appear.
    static func hostileFiles() throws -> [String] {
        [
            try RepositoryFiles.temporaryFile(
                """
                version: 1
                organizations:
                  - name: acme
                    plans:
                      - name: nightly
                        backupType: ${XOPERO_PASSWORD}
                      - name: "${XOPERO_TOKEN}"
                      - name: "${XOPERO_NOTIFY_WEBHOOK:-x}"
                      - name: "${XOPERO_PASSWORD_FILE}"

                """),
            RepositoryFiles.exampleFile,
        ]
    }

    /// One case per form of the credentials and per file, each with its own simulator, so they run at once.
    @Test(
        "every command, each secret, hostile files: no secret in any byte printed or written",
        arguments: 0..<3, 0..<2)
    func noSecretAnywhere(environmentIndex: Int, fileIndex: Int) async throws {
        // The webhook refuses every notification at once (404 is not retried, so a run does not wait out the
        // notifier's backoff), with an answer that quotes the secret path back.
        let receiver = RecordingReceiver(statuses: [404])
        try await MisbehavingServer.run(receiver.respond) { webhook in
            try await withRunningSimulator(try RepositoryFiles.exampleState()) { simulator in
                let token = try await TestAccounts.token(server: simulator.baseURL)
                let (name, environment, secrets) = try Self.environments(
                    server: simulator.baseURL, token: token, webhook: webhook.url + Self.webhookPath)[environmentIndex]
                let file = try Self.hostileFiles()[fileIndex]
                let out = ScratchFolder.path().path + "-plan.json"
                var runs: [[String]] = [
                    ["-f", file, "--out", out], ["-f", file, "--format", "json", "-v"],
                    ["-f", file, "--format", "markdown"], ["--apply", "-f", file, "--log-format", "json", "-v"],
                    ["validate", file],
                ]
                if fileIndex == 0 {
                    // The commands that read no desired file, once for each form of the credentials.
                    runs += [["export"], ["doctor"], ["doctor", "--format", "json"], ["schema"], ["--help"]]
                }
                for arguments in runs {
                    let result = await InProcess.reconcile(arguments, environment: environment)
                    let written = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
                    for secret in secrets {
                        #expect(!result.all.contains(secret), "\(name): reconcile \(arguments) printed a secret")
                        #expect(!written.contains(secret), "\(name): --out holds a secret")
                    }
                }
            }
        }
        // Every plan and apply (not validate, nor the commands without a desired file) tried to notify, and
        // heard the refusal that quotes the path.
        #expect(receiver.requests.count == 4)
    }

    @Test("a desired file that is the password file, directly or through a symbolic link, is refused unread")
    func passwordFileAsDesiredFile() async throws {
        let passwordFile = try RepositoryFiles.temporaryFile(Self.passwordFileContent + "\n", name: "pw")
        let link = ScratchFolder.path().path + "-reconcile.yaml"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: passwordFile)
        let environment = [
            "XOPERO_URL": "http://127.0.0.1:9", "XOPERO_EMAIL": "a@b.c", "XOPERO_PASSWORD_FILE": passwordFile,
        ]
        for file in [passwordFile, link] {
            for arguments in [["-f", file], ["validate", file]] {
                let result = await InProcess.reconcile(arguments, environment: environment)
                #expect(result.status == 1)
                #expect(result.stderr.contains("XOPERO_PASSWORD_FILE"), "\(result.stderr)")
                #expect(!result.all.contains(Self.passwordFileContent))
            }
            // The real executable, with its mask, too.
            let process = try await ReconcileProcess.run(["validate", file], environment: environment)
            #expect(process.status == 1)
            #expect(!process.all.contains(Self.passwordFileContent))
        }
    }

    @Test("the executable masks a secret that reaches its output anyway (a file quoting the password)")
    func theMaskIsTheLastLineOfDefence() async throws {
        // A file that happens to contain the password: its own diagnostics quote the line.
        let file = try RepositoryFiles.temporaryFile(
            "version: 1\norganizations: \(TestAccounts.adminPassword)-is-not-a-list\n")
        let inProcess = await InProcess.reconcile(["validate", file])
        #expect(inProcess.stderr.contains(TestAccounts.adminPassword), "the quoted line is printed without a mask")
        let process = try await ReconcileProcess.run(
            ["validate", file], environment: ["XOPERO_PASSWORD": TestAccounts.adminPassword])
        #expect(process.status == 1)
        #expect(!process.all.contains(TestAccounts.adminPassword))
        #expect(process.stderr.contains("***-is-not-a-list"))
    }

    @Test("validate's Code Quality report is masked too: a file quoting the password does not put it in the report")
    func codeQualityReportIsMasked() async throws {
        let file = try RepositoryFiles.temporaryFile(
            "version: 1\norganizations: \(TestAccounts.adminPassword)-is-not-a-list\n")
        let report = ScratchFolder.path().path + "-codequality.json"
        let result = await InProcess.reconcile(
            ["validate", file, "--codequality-report", report],
            environment: ["XOPERO_PASSWORD": TestAccounts.adminPassword])
        #expect(result.status == 1)
        let written = try String(contentsOfFile: report, encoding: .utf8)
        #expect(written.contains("***-is-not-a-list"), "\(written)")
        #expect(!written.contains(TestAccounts.adminPassword))
    }
}
