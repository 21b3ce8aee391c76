import Foundation
import Synchronization
import TestSupport
import Testing
import XoperoAPI
import XoperoContract

/// The client's HTTP connection pool carries as many calls at once as its concurrency allows, and no
/// more, measured at the server. AsyncHTTPClient opens at most 8 connections to a host unless told
/// otherwise, so a limit of 12 that the pool silently capped at 8 would fail here.
@Suite struct ConnectionPoolTests {
    /// Holds every call at the server until `size` of them wait at once (or ten seconds pass), then lets
    /// each through after a short grace in which any call beyond the limit would be counted too. The peak
    /// it reports does not depend on how quickly a loaded machine gets the calls out.
    final class ServerBarrier: Sendable {
        let size: Int
        private let counts = Mutex((waiting: 0, peak: 0))

        init(size: Int) { self.size = size }

        var peak: Int { counts.withLock { $0.peak } }

        func hold() async {
            counts.withLock {
                $0.waiting += 1
                $0.peak = max($0.peak, $0.waiting)
            }
            let deadline = ContinuousClock.now + .seconds(10)
            while peak < size, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(5))
            }
            try? await Task.sleep(for: .milliseconds(50))
            counts.withLock { $0.waiting -= 1 }
        }
    }

    @Test("the server sees exactly the client's concurrency, beyond the pool's default of 8", arguments: [3, 12])
    func poolCarriesTheLimit(limit: Int) async throws {
        let barrier = ServerBarrier(size: limit)
        let respond: MisbehavingServer.Respond = { _, connection in
            await barrier.hold()
            try await connection.respond(status: 200, body: #"{"ok": true}"#)
            return true
        }
        let answers = try await MisbehavingServer.run(respond) { server in
            let client = try XoperoClient(
                configuration: XoperoClientConfiguration(
                    serverURL: try #require(URL(string: server.url)), callTimeout: .seconds(30), retry: .none,
                    concurrency: .fixed(limit)),
                credentials: .token("pool-test-token-0001"), logger: quietLogger)
            let count = await withTaskGroup(of: Bool.self) { group in
                // Twice the limit at once: the second half must wait for slots, never reach the server early.
                for _ in 0..<(2 * limit) {
                    group.addTask {
                        (try? await client.readRaw(.getOrganizations, body: Data(#"{"page": 1}"#.utf8))) != nil
                    }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            await client.shutdown()
            return count
        }
        #expect(answers == 2 * limit)
        #expect(barrier.peak == limit)
    }
}
