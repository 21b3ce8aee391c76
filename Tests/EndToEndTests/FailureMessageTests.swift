import Foundation
import TestSupport
import Testing
import XoperoSimulator

@Suite("reconcile end to end: failures exit 1 with what to do, and never show a secret")
struct FailureMessageTests {
    @Test("a wrong password")
    func wrongPassword() async throws {
        try await EndToEndFixture.with(try EndToEndFixture.exampleState()) { fixture in
            let secret = "Wr0ng-pa55word-e2e-31d"
            let output = await fixture.reconcile(
                ["-f", EndToEndFixture.exampleFile], environment: fixture.environment(password: secret))
            #expect(output.status == 1)
            #expect(output.stderr.contains("401"))
            #expect(output.stderr.contains("XOPERO_PASSWORD"))
            #expect(!output.all.contains(secret))
            #expect(output.stdout.isEmpty)
        }
    }

    @Test("a password file with a trailing newline works; an unreadable one is named")
    func passwordFile() async throws {
        try await EndToEndFixture.with(try EndToEndFixture.exampleState()) { fixture in
            let path = try EndToEndFixture.file(EndToEndFixture.adminPassword + "\n", name: "password")
            var environment = fixture.environment()
            environment["XOPERO_PASSWORD"] = nil
            environment["XOPERO_PASSWORD_FILE"] = path
            let output = await fixture.reconcile(["-f", EndToEndFixture.exampleFile], environment: environment)
            #expect(output.status == 0, "\(output.stderr)")

            environment["XOPERO_PASSWORD_FILE"] = path + ".missing"
            let missing = await fixture.reconcile(["-f", EndToEndFixture.exampleFile], environment: environment)
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("XOPERO_PASSWORD_FILE"))
        }
    }

    @Test("no credentials at all")
    func noCredentials() async throws {
        try await EndToEndFixture.with(try EndToEndFixture.exampleState()) { fixture in
            let output = await fixture.reconcile(
                ["-f", EndToEndFixture.exampleFile], environment: ["XOPERO_URL": fixture.simulator.baseURL])
            #expect(output.status == 1)
            #expect(output.stderr.contains("XOPERO_EMAIL"))
            #expect(output.stderr.contains("XOPERO_TOKEN"))
            #expect(await fixture.simulator.store.stats().totalCalls == 0)
        }
    }

    @Test("a Viewer account may plan but not apply: 403, the role it needs, exit 1")
    func viewerCannotApply() async throws {
        try await EndToEndFixture.with(try EndToEndFixture.exampleState()) { fixture in
            let environment = fixture.environment(
                email: EndToEndFixture.viewerEmail, password: EndToEndFixture.viewerPassword)
            let dryRun = await fixture.reconcile(["-f", EndToEndFixture.exampleFile], environment: environment)
            #expect(dryRun.status == 0, "\(dryRun.stderr)")

            let output = await fixture.reconcile(
                ["--apply", "-f", EndToEndFixture.exampleFile], environment: environment)
            #expect(output.status == 1, "\(output.stderr)")
            #expect(output.stderr.contains("403"))
            #expect(output.stderr.contains("System Administrator"))
            #expect(!output.all.contains(EndToEndFixture.viewerPassword))
            // It stops at the first refusal instead of hammering the server with calls bound to fail.
            #expect(await fixture.simulator.store.stats().writeCalls <= 8)
            #expect(await fixture.simulator.store.stats().byStatus["200"] != nil)
        }
    }

    @Test("an unreachable server")
    func unreachableServer() async throws {
        let closed = try await EndToEndFixture.with(try EndToEndFixture.exampleState()) { $0.simulator.baseURL }
        let output = await InProcess.reconcile(
            ["-f", EndToEndFixture.exampleFile, "--server", closed, "--retry-time", "1"],
            environment: ["XOPERO_EMAIL": EndToEndFixture.adminEmail, "XOPERO_PASSWORD": EndToEndFixture.adminPassword])
        #expect(output.status == 1)
        #expect(output.stderr.contains("no answer"))
        #expect(output.stderr.contains("--server or XOPERO_URL"))
        #expect(!output.all.contains(EndToEndFixture.adminPassword))
    }

    @Test("an invalid file: diagnostics with file:line:column, no call made")
    func invalidFile() async throws {
        try await EndToEndFixture.with(try EndToEndFixture.exampleState()) { fixture in
            let path = try EndToEndFixture.file(
                """
                version: 1
                organizations:
                  - name: acme
                    plans:
                      - name: nightly
                        includeMetadta: true
                """)
            let output = await fixture.reconcile(["-f", path])
            #expect(output.status == 1)
            #expect(output.stderr.contains("\(path):6:"), "\(output.stderr)")
            #expect(output.stderr.contains("includeMetadata"))
            #expect(await fixture.simulator.store.stats().totalCalls == 0)

            let validate = await InProcess.reconcile(["validate", path])
            #expect(validate.status == 1)
            #expect(validate.stderr.contains("\(path):6:"))
        }
    }

    @Test("a missing desired-state file says how to name one")
    func missingFile() async throws {
        let directory = try ScratchFolder.folder("missing-file")
        let output = try await ReconcileProcess.run(["--server", "https://xopero.invalid"], directory: directory)
        #expect(output.status == 1)
        #expect(output.stderr.contains("reconcile.yaml"))
        #expect(output.stderr.contains("-f"))
    }
}
