import AsyncHTTPClient
import Foundation
import Hummingbird
import Testing
import XoperoContract

@testable import XoperoSimulator

/// A world that kills, breaks and tricks the simulator: leftovers of an interrupted write, a disk that
/// refuses the write, a state file that is a link, bodies that do not end.
@Suite struct HostileWorldTests {
    static let nightly = Fixtures.planId("alpha", "nightly")
    static let attachDocs =
        #"{"planId": "\#(nightly)", "repositoryId": "\#(Fixtures.repositoryId("alpha", "docs"))"}"#

    func stateFile(in folder: URL, name: String = "state.json") throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Fixtures.state().encoded().write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func leftoversOfAnInterruptedWriteAreRemovedAtStart() async throws {
        let folder = try Fixtures.temporaryFolder()
        let path = try stateFile(in: folder)
        // A dead writer's file (no process has a pid this large), one of a live process (pid 1), and others.
        for name in ["state.json.tmp-2147483646", "state.json.tmp-1", "state.json.bak", "other.json.tmp-2147483646"] {
            try Data("{half".utf8).write(to: folder.appendingPathComponent(name))
        }
        try await SimulatorHarness.with(
            try SimulatorStateFile.load(path: path), options: SimulatorOptions(persistPath: path)
        ) { _ in }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == ["other.json.tmp-2147483646", "state.json", "state.json.bak", "state.json.tmp-1"])
    }

    @Test func aWriteThatFailsIs500AndUndone() async throws {
        let folder = try Fixtures.temporaryFolder()
        let path = try stateFile(in: folder)
        try await SimulatorHarness.with(
            try SimulatorStateFile.load(path: path), options: SimulatorOptions(persistPath: path)
        ) { sim in
            let token = try await sim.login()
            let before = await sim.store.snapshot()
            // The folder goes away: no temporary file can be made, so nothing can be written.
            try FileManager.default.removeItem(at: folder)
            let attach = try await sim.post("/plans/attachgitrepository", json: Self.attachDocs, token: token)
            #expect(attach.status == 500)
            let activate = try await sim.post(
                "/git/repositories/activate", json: #"{"ids": ["\#(Fixtures.repositoryId("alpha", "docs"))"]}"#,
                token: token)
            #expect(activate.status == 500)
            #expect(await sim.store.snapshot() == before, "a change that was not written is undone")
            // The client retries once the disk is back: the change is made and written.
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            #expect(try await sim.post("/plans/attachgitrepository", json: Self.attachDocs, token: token).status == 200)
            let written = try SimulatorStateFile.load(path: path)
            #expect(
                written.organizations[0].plans?[0].repositoryIds?.contains(Fixtures.repositoryId("alpha", "docs"))
                    == true)
            #expect(await sim.store.stats().calls(path: "/plans/attachgitrepository", status: 500) == 1)
        }
    }

    @Test func aStateFileThatIsALinkIsWrittenThrough() async throws {
        let folder = try Fixtures.temporaryFolder()
        let real = folder.appendingPathComponent("real")
        let links = folder.appendingPathComponent("links")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: links, withIntermediateDirectories: true)
        let target = try stateFile(in: real)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target)
        let link = links.appendingPathComponent("state.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "../real/state.json")
        try await SimulatorHarness.with(
            try SimulatorStateFile.load(path: link), options: SimulatorOptions(persistPath: link)
        ) { sim in
            let token = try await sim.login()
            let response = try await sim.post("/plans/attachgitrepository", json: Self.attachDocs, token: token)
            #expect(response.status == 200)
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "../real/state.json")
        let written = try SimulatorStateFile.load(path: target)
        #expect(written.organizations[0].plans?[0].repositoryIds?.count == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: real.path) == ["state.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: links.path) == ["state.json"])
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the state file keeps its permissions")
    }

    @Test func aBodyLargerThanTheLimitIs413() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.login()
            let ids = Array(repeating: #""0123456789abcdef0123456789abcdef""#, count: 520_000).joined(separator: ",")
            let body = #"{"ids": [\#(ids)]}"#
            #expect(body.utf8.count > BodyLimitMiddleware.maximumBodyBytes)
            let declared = try await sim.post("/git/repositories/activate", json: body, token: token)
            #expect(declared.status == 413)
            #expect(try declared.problemErrors()["body"]?.first?.contains("at most") == true)
            // Without a Content-Length the body is refused as it arrives.
            var request = HTTPClientRequest(url: sim.simulator.baseURL + "/git/repositories/activate")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            let bytes = Array(body.utf8)
            let chunks = stride(from: 0, to: bytes.count, by: 1 << 20).map { start in
                ByteBuffer(bytes: bytes[start..<min(start + (1 << 20), bytes.count)])
            }
            request.body = .stream(chunks.async, length: .unknown)
            #expect(try await sim.send(request).status == 413)
            #expect(try await sim.organizations(token: token).totalEntries == 2, "the server still answers")
        }
    }
}

extension Array where Element: Sendable {
    /// The elements as an async sequence, for streamed request bodies.
    fileprivate var async: AsyncStream<Element> {
        AsyncStream { continuation in
            for element in self { continuation.yield(element) }
            continuation.finish()
        }
    }
}
