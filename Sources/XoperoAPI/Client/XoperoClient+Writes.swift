import XoperoContract

/// The answer of activate or deactivate: which ids succeeded, which failed and why.
public struct BatchOutcome: Sendable, Hashable {
    public var succeeded: [String]
    /// Failed id to vendor error code (`LI5020`: no free licence; `GT1001`: not found / not active).
    public var failed: [String: String]

    public init(succeeded: [String], failed: [String: String]) {
        self.succeeded = succeeded
        self.failed = failed
    }
}

/// The values a modifygitplan call sends; a nil field is left unchanged on the server.
public struct PlanModification: Sendable, Hashable {
    public var planID: String
    public var backupType: Int?
    public var workerID: String?
    public var settings: [String: String]?
    public var includeAllRepositories: Bool?
    public var includeMetadata: Bool?

    public init(
        planID: String, backupType: Int? = nil, workerID: String? = nil, settings: [String: String]? = nil,
        includeAllRepositories: Bool? = nil, includeMetadata: Bool? = nil
    ) {
        self.planID = planID
        self.backupType = backupType
        self.workerID = workerID
        self.settings = settings
        self.includeAllRepositories = includeAllRepositories
        self.includeMetadata = includeMetadata
    }
}

extension XoperoClient {
    /// Adds a repository to a plan (a no-op when it is already there).
    public func attach(planID: String, repositoryID: String) async throws(XoperoClientError) {
        let body = Components.Schemas.PlanRepository(planId: planID, repositoryId: repositoryID)
        _ = try await perform(.attachGitRepository) { try await generated.attachGitRepository(body: .json(body)) }
    }

    /// Removes a repository from a plan (a no-op when it is not there).
    public func detach(planID: String, repositoryID: String) async throws(XoperoClientError) {
        let body = Components.Schemas.PlanRepository(planId: planID, repositoryId: repositoryID)
        _ = try await perform(.detachGitRepository) { try await generated.detachGitRepository(body: .json(body)) }
    }

    /// Sets a plan's fields; the ones left nil are not sent and stay as they are.
    public func modifyPlan(_ modification: PlanModification) async throws(XoperoClientError) {
        let body = Components.Schemas.ModifyGitPlanRequest(
            id: modification.planID, backupType: modification.backupType, workerId: modification.workerID,
            settings: modification.settings.map { .init(additionalProperties: $0) },
            includeAllRepositories: modification.includeAllRepositories,
            includeMetadata: modification.includeMetadata)
        _ = try await perform(.modifyGitPlan) { try await generated.modifyGitPlan(body: .json(body)) }
    }

    /// Gives the repositories a licence each; per-id failures come back in the outcome, not as an error.
    public func activate(repositoryIDs: [String]) async throws(XoperoClientError) -> BatchOutcome {
        let body = Components.Schemas.RepositoryIds(ids: repositoryIDs)
        let output = try await perform(.activateRepositories) {
            try await generated.activateRepositories(body: .json(body))
        }
        return BatchOutcome(try Self.decode(.activateRepositories) { try output.ok.body.json })
    }

    /// Takes the repositories' licences away; per-id failures come back in the outcome.
    public func deactivate(repositoryIDs: [String]) async throws(XoperoClientError) -> BatchOutcome {
        let body = Components.Schemas.RepositoryIds(ids: repositoryIDs)
        let output = try await perform(.deactivateRepositories) {
            try await generated.deactivateRepositories(body: .json(body))
        }
        return BatchOutcome(try Self.decode(.deactivateRepositories) { try output.ok.body.json })
    }
}

extension BatchOutcome {
    init(_ result: Components.Schemas.BatchResult) {
        var failed: [String: String] = [:]
        for error in result.error { failed[error.id] = error.errorCode }
        self.init(succeeded: result.success, failed: failed)
    }
}
