import Foundation
import ReconcileKit
import TestSupport
import Testing
import XoperoAPI
import XoperoContract
import XoperoSimulator

/// The client against a real HTTPS simulator (TLS/server.pem, signed by TLS/test-ca.pem): verified by
/// default, a private root with `--ca-cert`, verification off with `--insecure`.
@Suite("TLS: the client against an HTTPS simulator")
struct TLSTests {
    static let state = SimulatorFixture.state(organizations: 1, repositories: 5)

    /// Logs in and lists organizations over HTTPS with the given trust settings.
    static func listOrganizations(
        _ simulator: RunningSimulator, caCertificate: String? = nil, insecure: Bool = false
    ) async throws -> [String] {
        let url = try #require(URL(string: simulator.baseURL))
        let client = try XoperoClient(
            configuration: XoperoClientConfiguration(
                serverURL: url, caCertificatePath: caCertificate.map(SimulatorFixture.tlsFile), insecure: insecure,
                callTimeout: .seconds(10), retry: .none),
            credentials: .password(email: SimulatorFixture.adminEmail, password: SimulatorFixture.adminPassword),
            logger: SimulatorFixture.quiet)
        do {
            let names = try await client.organizations(page: 1).items.map(\.name)
            await client.shutdown()
            return names
        } catch {
            await client.shutdown()
            throw error
        }
    }

    @Test("the simulator serves https:// when given a certificate and key")
    func simulatorServesHTTPS() async throws {
        try await withRunningSimulator(Self.state, options: SimulatorFixture.httpsOptions) { simulator in
            #expect(simulator.baseURL.hasPrefix("https://127.0.0.1:"))
        }
    }

    @Test("by default the private CA is not trusted: a TLS error that points at --ca-cert, without the password")
    func verifiedByDefault() async throws {
        try await withRunningSimulator(Self.state, options: SimulatorFixture.httpsOptions) { simulator in
            let error = await #expect(throws: XoperoClientError.self) { try await Self.listOrganizations(simulator) }
            guard case .tls(let call, _, _) = error else {
                Issue.record("expected a TLS error, got \(String(describing: error))")
                return
            }
            #expect(call == .login)
            #expect(error?.description.contains("--ca-cert") == true)
            #expect(error?.description.contains(SimulatorFixture.adminPassword) == false)
            #expect(await simulator.store.stats().totalCalls == 0)
        }
    }

    @Test("with --ca-cert test-ca.pem the calls go through over HTTPS")
    func trustedPrivateRoot() async throws {
        try await withRunningSimulator(Self.state, options: SimulatorFixture.httpsOptions) { simulator in
            let names = try await Self.listOrganizations(simulator, caCertificate: "test-ca.pem")
            #expect(names == ["org-1"])
        }
    }

    @Test("with --ca-cert naming an unrelated CA verification still fails")
    func unrelatedRoot() async throws {
        try await withRunningSimulator(Self.state, options: SimulatorFixture.httpsOptions) { simulator in
            let error = await #expect(throws: XoperoClientError.self) {
                try await Self.listOrganizations(simulator, caCertificate: "other-ca.pem")
            }
            guard case .tls = error else {
                Issue.record("expected a TLS error, got \(String(describing: error))")
                return
            }
            #expect(await simulator.store.stats().totalCalls == 0)
        }
    }

    @Test("with --insecure the calls go through without verification")
    func insecure() async throws {
        try await withRunningSimulator(Self.state, options: SimulatorFixture.httpsOptions) { simulator in
            let names = try await Self.listOrganizations(simulator, insecure: true)
            #expect(names == ["org-1"])
        }
    }

    @Test(
        "a missing, empty or mismatched TLS file stops the simulator with one line naming the file",
        arguments: [
            ("server.pem", "no-such.key", "--tls-key", "does not exist"),
            ("no-such.pem", "server.key", "--tls-cert", "does not exist"),
            ("README.txt", "server.key", "--tls-cert", "holds no PEM certificate"),
            ("server.pem", "test-ca.pem", "--tls-key", "holds no unencrypted PEM private key"),
            ("server.pem", "unrelated.key", "--tls-key", "does not fit the certificate"),
        ])
    func badTLSFiles(certificate: String, key: String, option: String, problem: String) async throws {
        let options = SimulatorOptions(
            tls: SimulatorTLS(
                certificateChainPath: SimulatorFixture.tlsFile(certificate),
                privateKeyPath: SimulatorFixture.tlsFile(key)))
        let error = await #expect(throws: SimulatorError.self) {
            try await SimulatorServer.start(state: Self.state, options: options, logger: SimulatorFixture.quiet)
        }
        guard case .tlsFileInvalid(let reportedOption, let path, _) = error else {
            Issue.record("expected tlsFileInvalid, got \(String(describing: error))")
            return
        }
        let named = option == "--tls-key" ? key : certificate
        #expect(reportedOption == option)
        #expect(path == SimulatorFixture.tlsFile(named))
        let message = error?.description ?? ""
        #expect(message.contains(SimulatorFixture.tlsFile(named)))
        #expect(message.contains(problem), "\(message)")
        #expect(!message.contains("\n"))
    }
}
