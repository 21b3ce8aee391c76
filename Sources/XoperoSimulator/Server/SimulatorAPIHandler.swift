import OpenAPIRuntime
import XoperoContract

/// The simulator's implementation of the generated `APIProtocol`: each call goes to the store.
///
/// Authentication, roles, key normalization and unreadable bodies are handled before these methods run
/// (see `ContractMiddlewares.swift`), so a method only sees well-formed input from an allowed user. A
/// change that `--persist` cannot write is undone and answered 500.
struct SimulatorAPIHandler: APIProtocol {
    let store: SimulatorStore

    func login(_ input: Operations.Login.Input) async throws -> Operations.Login.Output {
        let body =
            switch input.body {
            case .json(let value): value
            }
        switch await store.login(email: body.email, password: body.password) {
        case .token(let userId, let token): return .ok(.init(body: .json(.init(userId: userId, accessToken: token))))
        case .secondFactorNeeded(let userId): return .ok(.init(body: .json(.init(userId: userId))))
        case .refused: return .unauthorized(.init())
        }
    }

    func getOrganizations(_ input: Operations.GetOrganizations.Input) async throws -> Operations.GetOrganizations.Output
    {
        let query =
            switch input.body {
            case .json(let value): value
            }
        let request = ContractMapping.listing(query)
        do {
            let page = try await store.organizations(request)
            return .ok(
                .init(
                    body: .json(
                        .init(
                            currentPage: page.currentPage, pageCount: page.pageCount, totalEntries: page.totalEntries,
                            result: page.items.map(ContractMapping.organization)))))
        } catch {
            return .badRequest(.init(body: .json(ContractMapping.problem(error))))
        }
    }

    func getRepositories(_ input: Operations.GetRepositories.Input) async throws -> Operations.GetRepositories.Output {
        let query =
            switch input.body {
            case .json(let value): value
            }
        let request = ContractMapping.listing(query)
        do {
            let page = try await store.repositories(organizationId: query.id, request)
            return .ok(
                .init(
                    body: .json(
                        .init(
                            currentPage: page.currentPage, pageCount: page.pageCount, totalEntries: page.totalEntries,
                            result: page.items.map(ContractMapping.repository)))))
        } catch {
            switch error {
            case .invalid(let problem): return .badRequest(.init(body: .json(ContractMapping.problem(problem))))
            case .organizationNotFound:
                return .notFound(.init(body: .json(ContractMapping.notFound("Organization \(query.id) not found."))))
            }
        }
    }

    func listPlansAssignedToOrganization(
        _ input: Operations.ListPlansAssignedToOrganization.Input
    ) async throws -> Operations.ListPlansAssignedToOrganization.Output {
        let query =
            switch input.body {
            case .json(let value): value
            }
        let request = ContractMapping.listing(query)
        do {
            let page = try await store.plans(organizationId: query.id, request)
            return .ok(
                .init(
                    body: .json(
                        .init(
                            currentPage: page.currentPage, pageCount: page.pageCount, totalEntries: page.totalEntries,
                            result: page.items.map(ContractMapping.planAssignment)))))
        } catch {
            switch error {
            case .invalid(let problem): return .badRequest(.init(body: .json(ContractMapping.problem(problem))))
            case .organizationNotFound:
                return .notFound(.init(body: .json(ContractMapping.notFound("Organization \(query.id) not found."))))
            }
        }
    }

    func attachGitRepository(_ input: Operations.AttachGitRepository.Input) async throws
        -> Operations.AttachGitRepository.Output
    {
        let body =
            switch input.body {
            case .json(let value): value
            }
        let outcome: PlanChangeOutcome
        do { outcome = try await store.attach(planId: body.planId, repositoryId: body.repositoryId) } catch {
            return .internalServerError(.init())
        }
        switch outcome {
        case .done: return .ok(.init())
        case .planNotFound:
            return .notFound(.init(body: .json(ContractMapping.notFound("Plan \(body.planId) not found."))))
        case .repositoryNotFound:
            return .notFound(
                .init(
                    body: .json(
                        ContractMapping.notFound(
                            "Repository \(body.repositoryId) not found in the plan's organization, or removed.",
                            code: .repositoryNotFound))))
        }
    }

    func detachGitRepository(_ input: Operations.DetachGitRepository.Input) async throws
        -> Operations.DetachGitRepository.Output
    {
        let body =
            switch input.body {
            case .json(let value): value
            }
        let outcome: PlanChangeOutcome
        do { outcome = try await store.detach(planId: body.planId, repositoryId: body.repositoryId) } catch {
            return .internalServerError(.init())
        }
        switch outcome {
        case .done: return .ok(.init())
        case .planNotFound:
            return .notFound(.init(body: .json(ContractMapping.notFound("Plan \(body.planId) not found."))))
        case .repositoryNotFound:
            return .notFound(
                .init(
                    body: .json(
                        ContractMapping.notFound(
                            "Repository \(body.repositoryId) not found.", code: .repositoryNotFound))))
        }
    }

    func modifyGitPlan(_ input: Operations.ModifyGitPlan.Input) async throws -> Operations.ModifyGitPlan.Output {
        let body =
            switch input.body {
            case .json(let value): value
            }
        let modification = SimPlanModification(
            backupType: body.backupType, workerId: body.workerId, settings: body.settings?.additionalProperties,
            includeAllRepositories: body.includeAllRepositories, includeMetadata: body.includeMetadata)
        let outcome: PlanChangeOutcome
        do { outcome = try await store.modify(planId: body.id, modification) } catch {
            return .internalServerError(.init())
        }
        switch outcome {
        case .done: return .ok(.init())
        case .planNotFound, .repositoryNotFound:
            return .notFound(.init(body: .json(ContractMapping.notFound("Plan \(body.id) not found."))))
        }
    }

    func activateRepositories(_ input: Operations.ActivateRepositories.Input) async throws
        -> Operations.ActivateRepositories.Output
    {
        let body =
            switch input.body {
            case .json(let value): value
            }
        do {
            return .ok(.init(body: .json(ContractMapping.batch(try await store.activate(ids: body.ids)))))
        } catch {
            return .internalServerError(.init())
        }
    }

    func deactivateRepositories(
        _ input: Operations.DeactivateRepositories.Input
    ) async throws -> Operations.DeactivateRepositories.Output {
        let body =
            switch input.body {
            case .json(let value): value
            }
        do {
            return .ok(.init(body: .json(ContractMapping.batch(try await store.deactivate(ids: body.ids)))))
        } catch {
            return .internalServerError(.init())
        }
    }
}
