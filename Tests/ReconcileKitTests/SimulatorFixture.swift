import Foundation
import Logging
import ReconcileCore
import ReconcileKit
import XoperoAPI
import XoperoContract
import XoperoSimulator

/// Starts an in-process simulator on a port chosen by the system and builds clients for it.
enum SimulatorFixture {
    static let adminEmail = "admin@example.com"
    static let adminPassword = "s3cret-admin-pw"
    static let viewerEmail = "viewer@example.com"
    static let viewerPassword = "s3cret-viewer-pw"

    static let users = [
        SimulatorUser(email: adminEmail, password: adminPassword, roles: [.systemAdministrator]),
        SimulatorUser(email: viewerEmail, password: viewerPassword, roles: [.viewer]),
    ]

    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// Runs `body` with a listening simulator and stops it afterwards, whether `body` throws or not.
    static func with<T: Sendable>(
        _ state: SimulatorStateFile, options: SimulatorOptions = SimulatorOptions(),
        clock: any TokenClock = SystemTokenClock(),
        _ body: (RunningSimulator) async throws -> T
    ) async throws -> T {
        let simulator = try await SimulatorServer.start(state: state, options: options, clock: clock, logger: quiet)
        do {
            let value = try await body(simulator)
            await simulator.stop()
            return value
        } catch {
            await simulator.stop()
            throw error
        }
    }

    /// A client for the simulator; shut it down with `withClient` or by hand.
    static func client(
        _ simulator: RunningSimulator,
        credentials: XoperoCredentials = .password(email: adminEmail, password: adminPassword),
        retry: RetryPolicy = RetryPolicy(
            initialDelay: .milliseconds(20), maxDelay: .milliseconds(200), totalTime: .seconds(20))
    ) throws -> XoperoClient {
        guard let url = URL(string: simulator.baseURL) else { throw FixtureError.badURL(simulator.baseURL) }
        return try XoperoClient(
            configuration: XoperoClientConfiguration(serverURL: url, callTimeout: .seconds(10), retry: retry),
            credentials: credentials, logger: quiet)
    }

    /// Runs `body` with a client and shuts the client down afterwards.
    static func withClient<T: Sendable>(
        _ simulator: RunningSimulator,
        credentials: XoperoCredentials = .password(email: adminEmail, password: adminPassword),
        retry: RetryPolicy = RetryPolicy(
            initialDelay: .milliseconds(20), maxDelay: .milliseconds(200), totalTime: .seconds(20)),
        _ body: (XoperoClient) async throws -> T
    ) async throws -> T {
        let client = try client(simulator, credentials: credentials, retry: retry)
        do {
            let value = try await body(client)
            await client.shutdown()
            return value
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// `organizations` organizations named `org-1`..., each with `repositories` repositories `repo-0001`...
    /// (every third one unlicensed, every tenth removed) and two plans holding the first tenth and fifth.
    static func state(organizations: Int, repositories: Int, licences: Int? = nil) -> SimulatorStateFile {
        let orgs = (1...max(organizations, 1)).map { number in
            let repos = (1...max(repositories, 1)).map { index in
                SimulatorStateFile.Repository(
                    name: String(format: "repo-%04d", index), isActive: index % 3 != 0, isRemoved: index % 10 == 0)
            }
            let attachable = repos.filter { $0.isActive == true && $0.isRemoved != true }.map(\.name)
            return SimulatorStateFile.Organization(
                name: "org-\(number)", repositories: repos,
                plans: [
                    .init(
                        name: "nightly", backupType: 5, includeMetadata: true, includeAllRepositories: false,
                        repositories: Array(attachable.prefix(max(attachable.count / 10, 1)))),
                    .init(
                        name: "weekly", backupType: 5, includeMetadata: false, includeAllRepositories: false,
                        repositories: Array(attachable.suffix(max(attachable.count / 5, 1)))),
                ])
        }
        return SimulatorStateFile(licences: .init(total: licences), users: users, organizations: orgs)
    }

    /// A test-only certificate or key from Tests/ReconcileKitTests/TLS (see README.txt there).
    static func tlsFile(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("TLS")
            .appendingPathComponent(name).path
    }

    /// Serves HTTPS with TLS/server.pem (for 127.0.0.1 and localhost, signed by TLS/test-ca.pem).
    static var httpsOptions: SimulatorOptions {
        SimulatorOptions(
            tls: SimulatorTLS(certificateChainPath: tlsFile("server.pem"), privateKeyPath: tlsFile("server.key")))
    }

    enum FixtureError: Error { case badURL(String) }
}
