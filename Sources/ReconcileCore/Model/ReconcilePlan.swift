/// A reference to a server object by both its id (for calls) and its name (for people).
public struct ObjectRef: Sendable, Hashable, Codable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// A plan field value as it appears in a `modify` change.
public enum FieldValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case bool(Bool)
    case int(Int)
    case null

    public var description: String {
        switch self {
        case .bool(let value): String(value)
        case .int(let value): String(value)
        case .null: "(unset)"
        }
    }
}

/// A managed plan field the API can read back, so it can differ between desired and live state.
/// The raw value is the field's name in the desired-state file, the API and the JSON plan.
public enum PlanField: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case backupType, includeMetadata, includeAllRepositories

    public var description: String { rawValue }
}

/// One managed, readable plan field that differs: `field: from -> to`.
public struct FieldChange: Sendable, Hashable, Codable {
    public var field: PlanField
    public var from: FieldValue
    public var to: FieldValue

    public init(field: PlanField, from: FieldValue, to: FieldValue) {
        self.field = field
        self.from = from
        self.to = to
    }
}

/// The body of one modifygitplan call.
public struct ModifyOperation: Sendable, Hashable, Codable {
    public var organization: ObjectRef
    public var plan: ObjectRef
    /// Readable fields that differ (shown as drift).
    public var changes: [FieldChange]
    /// Write-only values sent with the call; never compared, always reported as unverified.
    public var worker: String?
    public var settings: [String: String]?
    /// Full target values of the readable managed fields (what the call sends).
    public var backupType: Int?
    public var includeMetadata: Bool?
    public var includeAllRepositories: Bool?

    public init(
        organization: ObjectRef, plan: ObjectRef, changes: [FieldChange], worker: String? = nil,
        settings: [String: String]? = nil, backupType: Int? = nil, includeMetadata: Bool? = nil,
        includeAllRepositories: Bool? = nil
    ) {
        self.organization = organization
        self.plan = plan
        self.changes = changes
        self.worker = worker
        self.settings = settings
        self.backupType = backupType
        self.includeMetadata = includeMetadata
        self.includeAllRepositories = includeAllRepositories
    }

    /// True when the call sends write-only values the tool cannot verify.
    public var sendsUnverifiedFields: Bool { worker != nil || settings != nil }
}

/// One attachgitrepository or detachgitrepository call.
public struct MembershipOperation: Sendable, Hashable, Codable {
    public var organization: ObjectRef
    public var plan: ObjectRef
    public var repository: ObjectRef

    public init(organization: ObjectRef, plan: ObjectRef, repository: ObjectRef) {
        self.organization = organization
        self.plan = plan
        self.repository = repository
    }
}

/// One activate or deactivate call: a chunk of one organization's repositories.
public struct LicenseOperation: Sendable, Hashable, Codable {
    public var organization: ObjectRef
    public var repositories: [ObjectRef]

    public init(organization: ObjectRef, repositories: [ObjectRef]) {
        self.organization = organization
        self.repositories = repositories
    }
}

/// One API call of the plan.
public enum PlannedOperation: Sendable, Hashable {
    case activate(LicenseOperation)
    case modify(ModifyOperation)
    case attach(MembershipOperation)
    case detach(MembershipOperation)
    case deactivate(LicenseOperation)

    /// The step the operation belongs to; steps run in this order.
    public var step: PlanStep {
        switch self {
        case .activate: .activate
        case .modify: .modify
        case .attach: .attach
        case .detach: .detach
        case .deactivate: .deactivate
        }
    }
}

/// The five steps of a plan, in the order they run.
public enum PlanStep: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case activate, modify, attach, detach, deactivate

    /// 0 for activate ... 4 for deactivate.
    public var rank: Int {
        switch self {
        case .activate: 0
        case .modify: 1
        case .attach: 2
        case .detach: 3
        case .deactivate: 4
        }
    }

    public static func < (lhs: PlanStep, rhs: PlanStep) -> Bool { lhs.rank < rhs.rank }
}

/// Counts of the plan's effects: repositories for licence steps, calls for the others.
public struct PlanSummary: Sendable, Hashable, Codable {
    public var activate: Int
    public var modify: Int
    public var attach: Int
    public var detach: Int
    public var deactivate: Int

    public init(activate: Int = 0, modify: Int = 0, attach: Int = 0, detach: Int = 0, deactivate: Int = 0) {
        self.activate = activate
        self.modify = modify
        self.attach = attach
        self.detach = detach
        self.deactivate = deactivate
    }

    public var isEmpty: Bool { activate + modify + attach + detach + deactivate == 0 }
}

/// The ordered list of calls that dry-run prints and apply executes.
public struct ReconcilePlan: Sendable, Hashable {
    /// Ordered by step, then organization, plan and repository name.
    public var operations: [PlannedOperation]
    /// Non-fatal findings (globs matching nothing, unverified write-only fields, ...).
    public var warnings: [Diagnostic]
    /// `sha256:<hex>` over the desired state and the part of the live state the plan depends on.
    public var fingerprint: String
    /// Plans on the server that the desired state does not name, by organization (verbose output).
    public var unmanagedPlans: [String: [String]]

    public init(
        operations: [PlannedOperation], warnings: [Diagnostic] = [], fingerprint: String,
        unmanagedPlans: [String: [String]] = [:]
    ) {
        self.operations = operations
        self.warnings = warnings
        self.fingerprint = fingerprint
        self.unmanagedPlans = unmanagedPlans
    }

    public var isEmpty: Bool { operations.isEmpty }

    /// Repositories for activate/deactivate, calls for modify/attach/detach.
    public var summary: PlanSummary {
        var summary = PlanSummary()
        for operation in operations {
            switch operation {
            case .activate(let op): summary.activate += op.repositories.count
            case .modify: summary.modify += 1
            case .attach: summary.attach += 1
            case .detach: summary.detach += 1
            case .deactivate(let op): summary.deactivate += op.repositories.count
            }
        }
        return summary
    }
}
