import Foundation
import Testing

@testable import XoperoSimulator

/// Loading and checking state files: each kind of bad file gets a one-line error naming the field.
@Suite struct StateFileTests {
    func write(_ text: String) throws -> String {
        let path = try Fixtures.temporaryFolder().appendingPathComponent("state.json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func loadError(_ text: String) throws -> SimulatorError {
        let path = try write(text)
        return try #require(throws: SimulatorError.self) { try SimulatorStateFile.load(path: path) }
    }

    @Test func missingFile() throws {
        let error = try #require(throws: SimulatorError.self) {
            try SimulatorStateFile.load(path: "/nonexistent/state.json")
        }
        #expect(error == .stateFileMissing(path: "/nonexistent/state.json"))
        #expect(error.description.contains("does not exist"))
    }

    @Test func notJSON() throws {
        guard case .stateFileNotJSON(_, let reason) = try loadError("organizations: [") else {
            Issue.record("expected stateFileNotJSON")
            return
        }
        #expect(!reason.isEmpty)
        #expect(!reason.contains("\n"))
    }

    @Test(arguments: [
        (#"{"users": [], "organizations": []}"#, "users"),
        (#"{"organizations": []}"#, "users"),
        (
            #"{"users": [{"email": "a@b", "password": "p", "roles": ["Admin"]}], "organizations": []}"#,
            "users[0].roles[0]"
        ),
        (#"{"users": [{"email": "a@b", "password": "p", "roles": []}], "organizations": []}"#, "users[0].roles"),
        (#"{"users": [{"email": "a@b", "roles": ["Viewer"]}], "organizations": []}"#, "users[0].password"),
        (
            #"{"users": [{"email": "a@b", "password": "p", "roles": ["Viewer"]}], "organizations": [{"driver": 1}]}"#,
            "organizations[0].name"
        ),
        (
            #"{"users": [{"email": "a@b", "password": "p", "roles": ["Viewer"]}], "organizations": [{"name": "o", "repositories": [{"name": "r", "isActive": "yes"}]}]}"#,
            "organizations[0].repositories[0].isActive"
        ),
        (
            #"{"users": [{"email": "a@b", "password": "p", "roles": ["Viewer"]}], "organizations": [{"name": "o", "repositories": [{"name": "r"}], "plans": [{"name": "p", "repositories": ["r", "ghost"]}]}]}"#,
            "organizations[0].plans[0].repositories[1]"
        ),
        (
            #"{"users": [{"email": "a@b", "password": "p", "roles": ["Viewer"]}], "organizations": [{"name": "o", "plans": [{"name": "p", "repositoryIds": ["nope"]}]}]}"#,
            "organizations[0].plans[0].repositoryIds[0]"
        ),
        (
            #"{"users": [{"email": "a@b", "password": "p", "roles": ["Viewer"]}], "organizations": [{"name": "o"}, {"name": "o"}]}"#,
            "organizations[1].name"
        ),
        (
            #"{"users": [{"email": "a@b", "password": "p", "roles": ["Viewer"]}], "organizations": [{"name": "o", "repositories": [{"name": "r"}, {"name": "r"}]}]}"#,
            "organizations[0].repositories[1].name"
        ),
        (
            #"{"users": [{"email": "a@b", "password": "p", "roles": ["Viewer"]}], "organizations": [{"name": "o", "repositories": [{"id": "x", "name": "r"}, {"id": "x", "name": "s"}]}]}"#,
            "organizations[0].repositories[1].id"
        ),
        (
            #"{"licences": {"total": 0}, "users": [{"email": "a@b", "password": "p", "roles": ["Viewer"]}], "organizations": [{"name": "o", "repositories": [{"name": "r", "isActive": true}]}]}"#,
            "licences.total"
        ),
        (
            #"{"licences": {"total": -1}, "users": [{"email": "a@b", "password": "p", "roles": ["Viewer"]}], "organizations": []}"#,
            "licences.total"
        ),
    ])
    func invalidFilesNameTheField(text: String, field: String) throws {
        let error = try loadError(text)
        guard case .stateFileInvalid(_, let reported, let message) = error else {
            Issue.record("expected stateFileInvalid, got \(error)")
            return
        }
        #expect(reported == field, "\(message)")
        #expect(!error.description.contains("\n"))
        #expect(error.description.contains(field))
    }

    @Test func derivedIdsAreStableAndGUIDShaped() throws {
        let id = StableID.repository(organization: "acme", name: "payments-service")
        #expect(id == StableID.repository(organization: "acme", name: "payments-service"))
        #expect(id != StableID.repository(organization: "acme-labs", name: "payments-service"))
        #expect(id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(id.allSatisfy { $0 == "-" || $0.isHexDigit })
        // Pinned: the same on every run and platform (Swift's hashValue would not be).
        #expect(StableID.organization(name: "acme") == StableID.derive("organization", "acme"))
        #expect(StableID.organization(name: "acme") == "ac713636-d579-db61-02bb-33160835d5f8")
        #expect(StableID.organization(name: "acme-labs") == "b4039344-17a6-cbca-1bb6-93164f43155e")
        #expect(StableID.derive("a", "bc") != StableID.derive("ab", "c"))
    }

    @Test("128 bits are written as a GUID, high word first, every digit kept")
    func guidLayout() {
        #expect(StableID.guid(0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210) == "01234567-89ab-cdef-fedc-ba9876543210")
        #expect(StableID.guid(1, 0) == "00000000-0000-0001-0000-000000000000")
        #expect(StableID.guid(.max, .max) == "ffffffff-ffff-ffff-ffff-ffffffffffff")
    }

    @Test func namesAndIdsAreBothRead() throws {
        let path = try write(
            #"""
            {"users": [{"email": "a@b", "password": "p", "roles": ["SystemAdministrator"]}],
             "organizations": [{"name": "o", "repositories": [{"name": "r"}, {"id": "fixed-id", "name": "s"}],
               "plans": [{"name": "p", "repositories": ["r"], "repositoryIds": ["fixed-id"]}]}]}
            """#)
        let world = try SimulatorWorld(state: try SimulatorStateFile.load(path: path))
        #expect(
            world.organizations[0].plans[0].attached == [StableID.repository(organization: "o", name: "r"), "fixed-id"])
    }

    @Test func theExampleStateLoads() throws {
        let path = Fixtures.repositoryRoot.appendingPathComponent("examples/live-state.json").path
        let state = try SimulatorStateFile.load(path: path)
        #expect(state.firstAdministrator?.email == "admin@example.com")
        #expect(state.organizations.map(\.name) == ["acme", "acme-labs"])
        let world = try SimulatorWorld(state: state)
        let free = try #require(state.licences?.total) - world.activeCount
        #expect((1...10).contains(free))
        // Some repositories removed, some unlicensed: the cases the demo plans for.
        let repositories = state.organizations.flatMap { $0.repositories ?? [] }
        #expect(repositories.contains { $0.isRemoved == true })
        #expect(repositories.contains { $0.isActive != true && $0.isRemoved != true })
    }

    @Test func firstAdministratorSkipsOtherRoles() {
        let state = SimulatorStateFile(
            users: [
                .init(email: "v@x", password: "p", roles: [.viewer]),
                .init(email: "a@x", password: "p", roles: [.backupOperator, .systemAdministrator]),
            ],
            organizations: [])
        #expect(state.firstAdministrator?.email == "a@x")
    }
}
