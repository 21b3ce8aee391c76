/// The API calls the client makes, named the way a person reading an error message needs them.
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

    /// True for calls that change the server.
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

    /// The call for a generated operation id (the middlewares only see the operation id).
    init?(operationID: String) {
        self.init(rawValue: operationID)
    }
}
