import Foundation

@testable import XoperoSimulator

/// Small, exactly known states for the tests.
enum Fixtures {
    static let admin = "admin@example.com"
    static let viewer = "viewer@example.com"
    static let operatorEmail = "operator@example.com"
    static let restorer = "restorer@example.com"
    static let password = "change-me"

    /// Organization `alpha`: 5 repositories (one removed, two unlicensed), plans `nightly` (api, web) and
    /// `everything` (includeAllRepositories). Organization `beta`: 25 repositories `repo-01`...`repo-25`,
    /// odd ones active, plan `bulk` with none. Licences: `total` (default 12; 10 are in use).
    static func state(licences: Int? = 12) -> SimulatorStateFile {
        SimulatorStateFile(
            licences: .init(total: licences),
            users: [
                .init(email: admin, password: password, roles: [.systemAdministrator]),
                .init(email: viewer, password: password, roles: [.viewer]),
                .init(email: operatorEmail, password: password, roles: [.backupOperator]),
                .init(email: restorer, password: password, roles: [.restoreOperator]),
            ],
            organizations: [
                .init(
                    name: "alpha", driver: 1,
                    repositories: [
                        .init(name: "api", isActive: true),
                        .init(name: "web", isActive: true),
                        .init(name: "mobile"),
                        .init(name: "docs"),
                        .init(name: "old-monolith", isActive: false, isRemoved: true),
                    ],
                    plans: [
                        .init(name: "nightly", backupType: 5, includeMetadata: true, repositories: ["api", "web"]),
                        .init(name: "everything", includeAllRepositories: true),
                    ]),
                .init(
                    name: "beta", driver: 2,
                    repositories: (1...25).map {
                        .init(name: String(format: "repo-%02d", $0), isActive: $0 % 2 == 1 && $0 < 17)
                    },
                    plans: [.init(name: "bulk")]),
            ])
    }

    static func organizationId(_ name: String) -> String { StableID.organization(name: name) }
    static func repositoryId(_ organization: String, _ name: String) -> String {
        StableID.repository(organization: organization, name: name)
    }
    static func planId(_ organization: String, _ name: String) -> String {
        StableID.plan(organization: organization, name: name)
    }

    /// The repository's root folder, found from this file's path (works in any clone).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xopero-sim-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
