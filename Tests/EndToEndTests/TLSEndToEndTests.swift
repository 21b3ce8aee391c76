import Foundation
import Testing
import XoperoSimulator

/// The built `reconcile` against an HTTPS simulator whose certificate a private test CA signed
/// (Tests/ReconcileKitTests/TLS), and `xopero-sim serve --tls-cert/--tls-key` as a script runs it.
@Suite("reconcile end to end over TLS: verified by default, --ca-cert, --insecure")
struct TLSEndToEndTests {
    /// A test-only certificate or key (see Tests/ReconcileKitTests/TLS/README.txt).
    static func tlsFile(_ name: String) -> String {
        ReconcileProcess.repositoryRoot.appendingPathComponent("Tests/ReconcileKitTests/TLS/\(name)").path
    }

    static var httpsOptions: SimulatorOptions {
        SimulatorOptions(
            tls: SimulatorTLS(certificateChainPath: tlsFile("server.pem"), privateKeyPath: tlsFile("server.key")))
    }

    static let dryRun = ["--dry-run", "-f", EndToEndFixture.exampleFile, "--retry-time", "2"]
    static let summary = "Plan: 4 to activate, 3 to modify, 3 to attach, 2 to detach, 1 to deactivate."

    /// Runs a dry run of the example file against an HTTPS simulator with `extra` flags.
    static func dryRunOverHTTPS(_ extra: [String]) async throws -> (output: InProcess.Output, calls: Int) {
        try await EndToEndFixture.with(try EndToEndFixture.exampleState(), options: httpsOptions) { fixture in
            #expect(fixture.simulator.baseURL.hasPrefix("https://"))
            let output = await fixture.reconcile(dryRun + extra)
            return (output, await fixture.simulator.store.stats().totalCalls)
        }
    }

    @Test("without --ca-cert the private CA is not trusted: exit 1, a TLS message pointing at --ca-cert, no secret")
    func verifiedByDefault() async throws {
        let (output, calls) = try await Self.dryRunOverHTTPS([])
        #expect(output.status == 1, "\(output.all)")
        #expect(output.stderr.contains("TLS connection"), "\(output.stderr)")
        #expect(output.stderr.contains("--ca-cert"), "\(output.stderr)")
        #expect(!output.all.contains(EndToEndFixture.adminPassword))
        #expect(!output.stdout.contains("Plan:"))
        #expect(calls == 0)
    }

    @Test("with --ca-cert test-ca.pem the dry run succeeds over HTTPS")
    func trustedPrivateRoot() async throws {
        let (output, calls) = try await Self.dryRunOverHTTPS(["--ca-cert", Self.tlsFile("test-ca.pem")])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains(Self.summary), "\(output.stdout)")
        #expect(!output.stderr.contains("warning"))
        #expect(calls > 0)
    }

    @Test("with --ca-cert naming an unrelated CA verification fails: exit 1, TLS message")
    func unrelatedRoot() async throws {
        let (output, calls) = try await Self.dryRunOverHTTPS(["--ca-cert", Self.tlsFile("other-ca.pem")])
        #expect(output.status == 1, "\(output.all)")
        #expect(output.stderr.contains("TLS connection"), "\(output.stderr)")
        #expect(!output.all.contains(EndToEndFixture.adminPassword))
        #expect(calls == 0)
    }

    @Test("with --insecure the dry run succeeds and stderr warns that certificates are not verified")
    func insecure() async throws {
        let (output, calls) = try await Self.dryRunOverHTTPS(["--insecure"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains(Self.summary), "\(output.stdout)")
        #expect(output.stderr.contains("warning: --insecure"), "\(output.stderr)")
        #expect(!output.stdout.contains("warning"))
        #expect(calls > 0)
    }

    @Test("xopero-sim serve --tls-cert --tls-key prints an https:// URL first")
    func simulatorServesHTTPS() throws {
        let (process, url) = try SimulatorCLITests.serve(
            ["--tls-cert", Self.tlsFile("server.pem"), "--tls-key", Self.tlsFile("server.key")])
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        #expect(url.hasPrefix("https://127.0.0.1:"), "\(url)")
    }

    @Test("xopero-sim serve with a missing key file exits 1 with one line naming it")
    func simulatorMissingKey() throws {
        let missing = Self.tlsFile("no-such.key")
        let result = try SimulatorCLITests.run([
            "serve", "--state", SimulatorCLITests.exampleState, "--port", "0",
            "--tls-cert", Self.tlsFile("server.pem"), "--tls-key", missing,
        ])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--tls-key \(missing) does not exist"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("xopero-sim serve with only one of --tls-cert and --tls-key is a usage error; --help explains both")
    func simulatorTLSFlagsGoTogether() throws {
        let result = try SimulatorCLITests.run([
            "serve", "--state", SimulatorCLITests.exampleState, "--port", "0", "--tls-cert", Self.tlsFile("server.pem"),
        ])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--tls-cert and --tls-key go together"), "\(result.stderr)")
        let help = try SimulatorCLITests.run(["serve", "--help"]).stdout
        #expect(help.contains("--tls-cert <file>"))
        #expect(help.contains("--tls-key <file>"))
        #expect(help.contains("Serve HTTPS"))
    }
}
