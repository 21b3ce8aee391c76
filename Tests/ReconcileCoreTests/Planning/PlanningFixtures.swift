@testable import ReconcileCore

/// Small builders for planner tests: ids are derived from names (`o-acme`, `p-nightly`, `r-api`).
enum Fixture {
    static func location(_ line: Int, _ column: Int = 5) -> SourceLocation {
        SourceLocation(file: "reconcile.yaml", line: line, column: column)
    }

    static func repository(_ name: String, active: Bool = true, removed: Bool = false) -> LiveRepository {
        LiveRepository(id: "r-\(name)", name: name, isActive: active, isRemoved: removed)
    }

    static func plan(
        _ name: String, _ repositories: [String] = [], includeAll: Bool = false,
        backupType: Int? = 5, includeMetadata: Bool? = true
    ) -> LivePlan {
        LivePlan(
            id: "p-\(name)", name: name, backupType: backupType, includeMetadata: includeMetadata,
            includeAllRepositories: includeAll, repositoryIds: repositories.map { "r-\($0)" })
    }

    static func organization(_ name: String, _ repositories: [LiveRepository], _ plans: [LivePlan]) -> LiveOrganization
    {
        LiveOrganization(id: "o-\(name)", name: name, repositories: repositories, plans: plans)
    }

    /// `"!web-*"` becomes an exclusion of `web-*`.
    static func selectors(_ patterns: [String], line: Int = 20) -> [RepositorySelector] {
        patterns.enumerated().map { offset, pattern in
            pattern.hasPrefix("!")
                ? RepositorySelector(
                    pattern: String(pattern.dropFirst()), isExclusion: true, location: location(line + offset, 11))
                : RepositorySelector(pattern: pattern, location: location(line + offset, 11))
        }
    }

    static func desiredPlan(
        _ name: String, _ repositories: [String]? = nil, membership: MembershipMode = .exact,
        backupType: Int? = nil, includeMetadata: Bool? = nil, includeAll: Bool? = nil,
        worker: String? = nil, settings: [String: String]? = nil, line: Int = 10
    ) -> DesiredPlan {
        DesiredPlan(
            name: name, backupType: backupType, includeMetadata: includeMetadata, includeAllRepositories: includeAll,
            worker: worker, settings: settings, repositories: repositories.map { selectors($0, line: line + 1) },
            membership: membership, location: location(line, 9))
    }

    static func desiredOrganization(
        _ name: String, _ plans: [DesiredPlan], licenses: LicenseMode = .additive, keepLicensed: [String] = []
    ) -> DesiredOrganization {
        DesiredOrganization(
            name: name, licenses: licenses, keepLicensed: selectors(keepLicensed, line: 5), plans: plans,
            location: location(3, 11))
    }

    static func plan(
        _ desired: [DesiredOrganization], _ live: [LiveOrganization], options: PlanningOptions = .init()
    ) -> PlanningResult {
        Planner.plan(
            desired: DesiredState(organizations: desired), live: LiveState(organizations: live), options: options)
    }
}

extension PlannedOperation {
    /// A short form for assertions: `attach acme/nightly/api`, `activate acme: api,web`, `modify acme/nightly`.
    var shorthand: String {
        switch self {
        case .activate(let op):
            "activate \(op.organization.name): \(op.repositories.map(\.name).joined(separator: ","))"
        case .deactivate(let op):
            "deactivate \(op.organization.name): \(op.repositories.map(\.name).joined(separator: ","))"
        case .modify(let op): "modify \(op.organization.name)/\(op.plan.name)"
        case .attach(let op): "attach \(op.organization.name)/\(op.plan.name)/\(op.repository.name)"
        case .detach(let op): "detach \(op.organization.name)/\(op.plan.name)/\(op.repository.name)"
        }
    }
}

extension PlanningResult {
    var shorthand: [String] { plan?.operations.map(\.shorthand) ?? [] }
    var errors: [String] { diagnostics.filter { $0.severity == .error }.map(\.message) }
    var warnings: [String] { diagnostics.filter { $0.severity == .warning }.map(\.message) }
}
