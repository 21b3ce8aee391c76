/// The answers' objects as `openapi.yaml` describes them: every field's name and JSON type, in one
/// table. `XoperoContractTests/DoctorFieldTableTests` checks the table against the document itself, so
/// that a change to the contract that this table does not follow fails.
public enum ContractObject: String, Sendable, Hashable, CaseIterable {
    /// The paged envelope (`OrganizationPage`, `RepositoryPage`, `PlanAssignmentPage`); its items are
    /// checked as their own object.
    case page = "OrganizationPage"
    case organization = "Organization"
    case organizationPlan = "OrganizationPlan"
    case planStatus = "PlanStatus"
    case repository = "Repository"
    case planAssignment = "PlanAssignment"

    /// The object's fields, all required.
    public var fields: [ContractField] {
        switch self {
        case .page:
            [
                .init("currentPage", .integer), .init("pageCount", .integer), .init("totalEntries", .integer),
                .init("result", .array(nil)),
            ]
        case .organization:
            [
                .init("id", .string), .init("driver", .integer), .init("name", .string),
                .init("apiUrl", .string, nullable: true), .init("isReadOnly", .boolean),
                .init("protectedRepositories", .integer), .init("totalRepositories", .integer),
                .init("missingLicences", .integer), .init("removedRepositories", .integer),
                .init("defaultWorkerId", .string, nullable: true), .init("isCreatedByMarketplace", .boolean),
                .init("synchronizationInProgress", .boolean), .init("plans", .array(.object(.organizationPlan))),
            ]
        case .organizationPlan:
            [
                .init("id", .string), .init("name", .string), .init("backupType", .integer),
                .init("includeMetadata", .boolean), .init("repoCount", .integer),
                .init("lastStatus", .object(.planStatus)), .init("planFinishedTime", .integer, nullable: true),
                .init("isRunning", .boolean),
            ]
        case .planStatus:
            [.init("successes", .integer), .init("warnings", .integer), .init("errors", .integer)]
        case .repository:
            [.init("id", .string), .init("name", .string), .init("isActive", .boolean), .init("isRemoved", .boolean)]
        case .planAssignment:
            [
                .init("id", .string), .init("name", .string), .init("includeAllRepositories", .boolean),
                .init("repositoryIds", .array(.string)),
            ]
        }
    }
}

/// One field of a `ContractObject`.
public struct ContractField: Sendable, Hashable {
    public var name: String
    public var type: ContractType
    /// The contract's type admits `null` (`type: [string, "null"]`).
    public var nullable: Bool

    public init(_ name: String, _ type: ContractType, nullable: Bool = false) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}

/// A field's JSON type in the contract.
public indirect enum ContractType: Sendable, Hashable {
    case string, integer, boolean
    case object(ContractObject)
    /// An array of this type; nil: the items are checked elsewhere (the envelope's `result`).
    case array(ContractType?)

    /// As a message names it.
    public var text: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .boolean: "a boolean"
        case .object(let object): "an object (\(object.rawValue))"
        case .array: "an array"
        }
    }
}
