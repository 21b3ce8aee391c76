import Foundation
import Logging
import ReconcileCore
import ReconcileKit
import TestSupport
import XoperoAPI
import XoperoContract
import XoperoSimulator

/// Clients for a simulator started with `withRunningSimulator`, and small states for the kit's tests.
enum SimulatorFixture {
    static let adminEmail = TestAccounts.adminEmail
    static let adminPassword = TestAccounts.adminPassword
    static let viewerEmail = TestAccounts.viewerEmail
    static let viewerPassword = TestAccounts.viewerPassword
    static let users = TestAccounts.users
    static let quiet = quietLogger

    /// A client for the simulator; shut it down with `withClient` or by hand.
    static func client(
        _ simulator: RunningSimulator,
        credentials: XoperoCredentials = .password(email: adminEmail, password: adminPassword),
        retry: RetryPolicy = RetryPolicy(
            initialDelay: .milliseconds(20), maxDelay: .milliseconds(200), totalTime: .seconds(20)),
        concurrency: ConcurrencyPolicy = .fixed(4)
    ) throws -> XoperoClient {
        guard let url = URL(string: simulator.baseURL) else { throw FixtureError.badURL(simulator.baseURL) }
        return try XoperoClient(
            configuration: XoperoClientConfiguration(
                serverURL: url, callTimeout: .seconds(10), retry: retry, concurrency: concurrency),
            credentials: credentials, logger: quiet)
    }

    /// Runs `body` with a client and shuts the client down afterwards.
    static func withClient<T: Sendable>(
        _ simulator: RunningSimulator,
        credentials: XoperoCredentials = .password(email: adminEmail, password: adminPassword),
        retry: RetryPolicy = RetryPolicy(
            initialDelay: .milliseconds(20), maxDelay: .milliseconds(200), totalTime: .seconds(20)),
        concurrency: ConcurrencyPolicy = .fixed(4),
        _ body: (XoperoClient) async throws -> T
    ) async throws -> T {
        let client = try client(simulator, credentials: credentials, retry: retry, concurrency: concurrency)
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
