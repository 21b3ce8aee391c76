import XoperoAPI
import XoperoContract

/// The write calls a plan is made of. `XoperoClient` is the implementation that talks to the server.
public protocol PlanWriter: Sendable {
    func activate(repositoryIDs: [String]) async throws(XoperoClientError) -> BatchOutcome
    func deactivate(repositoryIDs: [String]) async throws(XoperoClientError) -> BatchOutcome
    func modifyPlan(_ modification: PlanModification) async throws(XoperoClientError)
    func attach(planID: String, repositoryID: String) async throws(XoperoClientError)
    func detach(planID: String, repositoryID: String) async throws(XoperoClientError)
}

extension XoperoClient: PlanWriter {}
