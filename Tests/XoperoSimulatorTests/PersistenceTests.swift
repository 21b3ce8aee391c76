import Foundation
import Testing
import XoperoContract

@testable import XoperoSimulator

/// `--persist`: every change is written back atomically, and a restart from the file sees it.
@Suite struct PersistenceTests {
    @Test func changesSurviveARestart() async throws {
        let folder = try Fixtures.temporaryFolder()
        let path = folder.appendingPathComponent("state.json").path
        try Fixtures.state().encoded().write(to: URL(fileURLWithPath: path))
        let nightly = Fixtures.planId("alpha", "nightly")
        let docs = Fixtures.repositoryId("alpha", "docs")

        let options = SimulatorOptions(persistPath: path)
        try await SimulatorHarness.with(try SimulatorStateFile.load(path: path), options: options) { sim in
            let token = try await sim.login()
            #expect(
                try await sim.post(
                    "/plans/attachgitrepository", json: #"{"planId": "\#(nightly)", "repositoryId": "\#(docs)"}"#,
                    token: token
                ).status == 200)
            #expect(
                try await sim.post("/git/repositories/activate", json: #"{"ids": ["\#(docs)"]}"#, token: token).status
                    == 200)
            #expect(
                try await sim.post(
                    "/plans/modifygitplan", json: #"{"id": "\#(nightly)", "settings": {"k": "v"}}"#, token: token
                ).status == 200)
        }
        // Only the state file is left in the folder: the temporary file was renamed over it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["state.json"])

        let reloaded = try SimulatorStateFile.load(path: path)
        try await SimulatorHarness.with(reloaded, options: options) { sim in
            let token = try await sim.login()
            let plans = try await sim.plans(#"{"id": "\#(Fixtures.organizationId("alpha"))"}"#, token: token)
            #expect(plans.result.first { $0.name == "nightly" }?.repositoryIds.contains(docs) == true)
            let repositories = try await sim.repositories(
                #"{"id": "\#(Fixtures.organizationId("alpha"))", "filters": [{"property": "Name", "operator": "eq", "value": "docs"}]}"#,
                token: token)
            #expect(repositories.result.first?.isActive == true)
            #expect(await sim.store.snapshot().organizations[0].plans?[0].settings == ["k": "v"])
        }
    }

    @Test func withoutPersistTheFileIsOnlyRead() async throws {
        let path = try Fixtures.temporaryFolder().appendingPathComponent("state.json").path
        let original = Fixtures.state().encoded()
        try original.write(to: URL(fileURLWithPath: path))
        try await SimulatorHarness.with(try SimulatorStateFile.load(path: path)) { sim in
            let token = try await sim.login()
            let docs = Fixtures.repositoryId("alpha", "docs")
            #expect(
                try await sim.post("/git/repositories/activate", json: #"{"ids": ["\#(docs)"]}"#, token: token).status
                    == 200)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
    }

    @Test func readsDoNotWrite() async throws {
        let path = try Fixtures.temporaryFolder().appendingPathComponent("state.json").path
        try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
        try await SimulatorHarness.with(Fixtures.state(), options: SimulatorOptions(persistPath: path)) { sim in
            _ = try await sim.organizations(token: try await sim.login())
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("{}".utf8))
    }
}
