import Foundation
import TestSupport

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
        try ScratchFolder.folder("xopero-sim-tests")
    }
}

extension Fixtures {
    static let root = "root@example.com"
    static let twoFactor = "2fa@example.com"

    /// `Fixtures.state()` plus organization `gamma`, whose plans select repositories another way:
    /// `all-but` excludes docs and api-core (protecting the other licensed ones: api-gateway, web-22);
    /// `by-rules` takes `api-*` and `web-?` (api-gateway, api-core, web-1; old-api is removed). gamma
    /// is read-only and synchronizing for 30 seconds. Users: a RootAdministrator and a two-factor one.
    static func selectionState() -> SimulatorStateFile {
        var state = state(licences: nil)
        state.users += [
            .init(email: root, password: password, roles: [.rootAdministrator]),
            .init(email: twoFactor, password: password, roles: [.systemAdministrator], twoFactor: true),
        ]
        state.organizations.append(
            .init(
                name: "gamma", driver: 2, isReadOnly: true,
                repositories: [
                    .init(name: "api-gateway", isActive: true),
                    .init(name: "api-core", isActive: true),
                    .init(name: "web-1"),
                    .init(name: "web-22", isActive: true),
                    .init(name: "docs"),
                    .init(name: "old-api", isActive: true, isRemoved: true),
                ],
                plans: [
                    .init(name: "all-but", repositories: ["docs", "api-core"], selection: .exclude),
                    .init(name: "by-rules", selection: .rules, rules: ["api-*", "WEB-?"]),
                ],
                synchronizationFinishesAfterSeconds: 30))
        return state
    }
}
