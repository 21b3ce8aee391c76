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
        let call = XoperoCall.attachGitRepository
        let output = try await Self.perform(call, server: server) {
            try await generated.attachGitRepository(body: .json(.init(planId: planID, repositoryId: repositoryID)))
        }
        switch output {
        case .ok: return
        case .badRequest(let answer): throw Self.failure(call, status: 400, problem: try? answer.body.json)
        case .unauthorized: throw Self.failure(call, status: 401)
        case .forbidden: throw Self.failure(call, status: 403)
        case .notFound(let answer): throw Self.failure(call, status: 404, problem: try? answer.body.json)
        case .tooManyRequests: throw Self.failure(call, status: 429)
        case .internalServerError: throw Self.failure(call, status: 500)
        case .serviceUnavailable: throw Self.failure(call, status: 503)
        case .undocumented(let status, _): throw Self.failure(call, status: status)
        }
    }

    /// Removes a repository from a plan (a no-op when it is not there).
    public func detach(planID: String, repositoryID: String) async throws(XoperoClientError) {
        let call = XoperoCall.detachGitRepository
        let output = try await Self.perform(call, server: server) {
            try await generated.detachGitRepository(body: .json(.init(planId: planID, repositoryId: repositoryID)))
        }
        switch output {
        case .ok: return
        case .badRequest(let answer): throw Self.failure(call, status: 400, problem: try? answer.body.json)
        case .unauthorized: throw Self.failure(call, status: 401)
        case .forbidden: throw Self.failure(call, status: 403)
        case .notFound(let answer): throw Self.failure(call, status: 404, problem: try? answer.body.json)
        case .tooManyRequests: throw Self.failure(call, status: 429)
        case .internalServerError: throw Self.failure(call, status: 500)
        case .serviceUnavailable: throw Self.failure(call, status: 503)
        case .undocumented(let status, _): throw Self.failure(call, status: status)
        }
    }

    /// Sets a plan's fields; the ones left nil are not sent and stay as they are.
    public func modifyPlan(_ modification: PlanModification) async throws(XoperoClientError) {
        let call = XoperoCall.modifyGitPlan
        let body = Components.Schemas.ModifyGitPlanRequest(
            id: modification.planID, backupType: modification.backupType, workerId: modification.workerID,
            settings: modification.settings.map { .init(additionalProperties: $0) },
            includeAllRepositories: modification.includeAllRepositories,
            includeMetadata: modification.includeMetadata)
        let output = try await Self.perform(call, server: server) {
            try await generated.modifyGitPlan(body: .json(body))
        }
        switch output {
        case .ok: return
        case .badRequest(let answer): throw Self.failure(call, status: 400, problem: try? answer.body.json)
        case .unauthorized: throw Self.failure(call, status: 401)
        case .forbidden: throw Self.failure(call, status: 403)
        case .notFound(let answer): throw Self.failure(call, status: 404, problem: try? answer.body.json)
        case .tooManyRequests: throw Self.failure(call, status: 429)
        case .internalServerError: throw Self.failure(call, status: 500)
        case .serviceUnavailable: throw Self.failure(call, status: 503)
        case .undocumented(let status, _): throw Self.failure(call, status: status)
        }
    }

    /// Gives the repositories a licence each; per-id failures come back in the outcome, not as an error.
    public func activate(repositoryIDs: [String]) async throws(XoperoClientError) -> BatchOutcome {
        let call = XoperoCall.activateRepositories
        let output = try await Self.perform(call, server: server) {
            try await generated.activateRepositories(body: .json(.init(ids: repositoryIDs)))
        }
        switch output {
        case .ok(let ok): return Self.outcome(try Self.decode(call) { try ok.body.json })
        case .badRequest(let answer): throw Self.failure(call, status: 400, problem: try? answer.body.json)
        case .unauthorized: throw Self.failure(call, status: 401)
        case .forbidden: throw Self.failure(call, status: 403)
        case .tooManyRequests: throw Self.failure(call, status: 429)
        case .internalServerError: throw Self.failure(call, status: 500)
        case .serviceUnavailable: throw Self.failure(call, status: 503)
        case .undocumented(let status, _): throw Self.failure(call, status: status)
        }
    }

    /// Takes the repositories' licences away; per-id failures come back in the outcome.
    public func deactivate(repositoryIDs: [String]) async throws(XoperoClientError) -> BatchOutcome {
        let call = XoperoCall.deactivateRepositories
        let output = try await Self.perform(call, server: server) {
            try await generated.deactivateRepositories(body: .json(.init(ids: repositoryIDs)))
        }
        switch output {
        case .ok(let ok): return Self.outcome(try Self.decode(call) { try ok.body.json })
        case .badRequest(let answer): throw Self.failure(call, status: 400, problem: try? answer.body.json)
        case .unauthorized: throw Self.failure(call, status: 401)
        case .forbidden: throw Self.failure(call, status: 403)
        case .tooManyRequests: throw Self.failure(call, status: 429)
        case .internalServerError: throw Self.failure(call, status: 500)
        case .serviceUnavailable: throw Self.failure(call, status: 503)
        case .undocumented(let status, _): throw Self.failure(call, status: status)
        }
    }

    private static func outcome(_ result: Components.Schemas.BatchResult) -> BatchOutcome {
        var failed: [String: String] = [:]
        for error in result.error { failed[error.id] = error.errorCode }
        return BatchOutcome(succeeded: result.success, failed: failed)
    }
}
