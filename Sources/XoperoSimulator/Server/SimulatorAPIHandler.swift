import OpenAPIRuntime
import XoperoContract

/// The simulator's implementation of the generated `APIProtocol`: each call goes to the store.
///
/// Authentication, roles, key normalization and unreadable bodies are handled before these methods run
/// (see `ContractMiddlewares.swift`), so a method only sees well-formed input from an allowed user.
struct SimulatorAPIHandler: APIProtocol {
    let store: SimulatorStore

    func login(_ input: Operations.Login.Input) async throws -> Operations.Login.Output {
        let body =
            switch input.body {
            case .json(let value): value
            }
        guard let session = await store.login(email: body.email, password: body.password) else {
            return .unauthorized(.init())
        }
        return .ok(.init(body: .json(.init(userId: session.userId, accessToken: session.token))))
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
        switch await store.attach(planId: body.planId, repositoryId: body.repositoryId) {
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
        switch await store.detach(planId: body.planId, repositoryId: body.repositoryId) {
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
        let modification = PlanModification(
            backupType: body.backupType, workerId: body.workerId, settings: body.settings?.additionalProperties,
            includeAllRepositories: body.includeAllRepositories, includeMetadata: body.includeMetadata)
        switch await store.modify(planId: body.id, modification) {
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
        return .ok(.init(body: .json(ContractMapping.batch(await store.activate(ids: body.ids)))))
    }

    func deactivateRepositories(
        _ input: Operations.DeactivateRepositories.Input
    ) async throws -> Operations.DeactivateRepositories.Output {
        let body =
            switch input.body {
            case .json(let value): value
            }
        return .ok(.init(body: .json(ContractMapping.batch(await store.deactivate(ids: body.ids)))))
    }
}
