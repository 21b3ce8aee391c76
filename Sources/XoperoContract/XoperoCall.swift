/// The API calls of the contract, named the way a person reading an error message needs them.
///
/// The operation ids come from the types generated from `openapi.yaml` (`Operations.*.id`); the paths,
/// which the generator does not publish, are written here once and checked against `openapi.yaml` by
/// `ContractConsistencyTests`, as is every other fact below.
public enum XoperoCall: String, Sendable, Hashable, CaseIterable {
    case login
    case getOrganizations
    case getRepositories
    case listPlansAssignedToOrganization
    case attachGitRepository
    case detachGitRepository
    case modifyGitPlan
    case activateRepositories
    case deactivateRepositories

    /// The generated operation id (`operationId` in openapi.yaml).
    public var operationID: String {
        switch self {
        case .login: Operations.Login.id
        case .getOrganizations: Operations.GetOrganizations.id
        case .getRepositories: Operations.GetRepositories.id
        case .listPlansAssignedToOrganization: Operations.ListPlansAssignedToOrganization.id
        case .attachGitRepository: Operations.AttachGitRepository.id
        case .detachGitRepository: Operations.DetachGitRepository.id
        case .modifyGitPlan: Operations.ModifyGitPlan.id
        case .activateRepositories: Operations.ActivateRepositories.id
        case .deactivateRepositories: Operations.DeactivateRepositories.id
        }
    }

    /// The path on the server (every call is a POST).
    public var path: String {
        switch self {
        case .login: "/account/login"
        case .getOrganizations: "/git/organizations/getmany"
        case .getRepositories: "/git/repositories/getmany"
        case .listPlansAssignedToOrganization: "/plans/listassignedtoorganization"
        case .attachGitRepository: "/plans/attachgitrepository"
        case .detachGitRepository: "/plans/detachgitrepository"
        case .modifyGitPlan: "/plans/modifygitplan"
        case .activateRepositories: "/git/repositories/activate"
        case .deactivateRepositories: "/git/repositories/deactivate"
        }
    }

    /// True for calls that change the server: exactly the operations whose contract answers 403 for a
    /// role that may not write.
    public var isWrite: Bool {
        switch self {
        case .login, .getOrganizations, .getRepositories, .listPlansAssignedToOrganization: false
        case .attachGitRepository, .detachGitRepository, .modifyGitPlan, .activateRepositories,
            .deactivateRepositories:
            true
        }
    }

    /// True when sending the call twice has the same effect as sending it once, so a call whose answer
    /// was lost (a dropped connection, a 500 after the change was made) may be sent again.
    ///
    /// Reads and login change nothing. For the writes this rests on the contract's assumed semantics
    /// (openapi.yaml, `x-assumed`): attaching what is attached and detaching what is not are no-op 200s;
    /// modify sets absolute values; activate/deactivate of an id already in the target state changes
    /// nothing (at worst it reports a per-id error, which the executor reads). A call added later that is
    /// NOT idempotent must return false here, and is then never retried after an ambiguous failure.
    public var isIdempotent: Bool {
        switch self {
        case .login, .getOrganizations, .getRepositories, .listPlansAssignedToOrganization,
            .attachGitRepository, .detachGitRepository, .modifyGitPlan, .activateRepositories,
            .deactivateRepositories:
            true
        }
    }

    /// `POST /path`, as messages show the call.
    public var displayName: String { "POST \(path)" }

    /// The call for a generated operation id (middlewares only see the operation id).
    public init?(operationID: String) {
        guard let call = Self.allCases.first(where: { $0.operationID == operationID }) else { return nil }
        self = call
    }

    /// The call served at a path, compared without regard to case (the server's routing ignores it).
    public init?(path: String) {
        let lowered = path.lowercased()
        guard let call = Self.allCases.first(where: { $0.path == lowered }) else { return nil }
        self = call
    }

    /// The calls that change the server.
    public static let writes: [XoperoCall] = allCases.filter(\.isWrite)
}
