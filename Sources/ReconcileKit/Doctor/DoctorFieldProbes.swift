import ReconcileCore
import XoperoAPI
import XoperoContract

/// An organization a probe reads: the one with the most repositories, the one with the most plans.
struct ProbeTarget: Sendable, Hashable {
    var id: String
    var name: String
    var repositories: Int
    var plans: Int

    init(_ organization: LiveOrganization) {
        id = organization.id
        name = organization.name
        repositories = organization.repositories.count
        plans = organization.plans.count
    }

    /// From an organizations page as sent, when the live state could not be read (what it reports).
    init?(raw organization: JSONValue) {
        guard let id = organization["id"]?.string, let name = organization["name"]?.string else { return nil }
        self.id = id
        self.name = name
        repositories = organization["totalRepositories"]?.integer ?? 0
        plans = organization["plans"]?.items?.count ?? 0
    }
}

/// The answers' fields against `ContractObject`'s table, from page 1 of the organizations listing, of
/// the repositories of the organization with the most, and of the plans of the one with the most, each
/// asked at the largest page size (so they are the page-size samples too). Untyped, so they work where
/// the typed reading failed, and say which field made it fail.
struct DoctorFieldProbes: Sendable {
    let probe: DoctorProbe
    let organizationsQuery: DoctorQuery
    let organizationsPage: RawPage
    /// The organizations in scope.
    let targets: [ProbeTarget]

    func checks() async -> (checks: [DoctorCheck], samples: [PageSizeSample]) {
        var findings: [ContractObject: FieldFindings] = [:]
        var samples = [probe.sample(organizationsQuery, organizationsPage)]
        var checks: [DoctorCheck] = []
        let inScope = Set(targets.map(\.id))
        let organizations = organizationsPage.items.filter { inScope.contains($0["id"]?.string ?? "") }
        Self.merge(&findings, FieldJudge.inspect(organizationsPage.answer, as: .page, at: organizationsQuery.call.path))
        Self.merge(
            &findings,
            FieldJudge.inspect(items: organizations, as: .organization, listing: organizationsQuery.call.path))
        var pages: [(DoctorQuery, ContractObject, DoctorTopic)] = []
        if let largest = targets.max(by: { $0.repositories < $1.repositories }) {
            pages.append(
                (
                    DoctorQuery(listing: .repositories(id: largest.id, name: largest.name)), .repository,
                    .fieldsRepository
                ))
        }
        if let mostPlans = targets.max(by: { $0.plans < $1.plans }) {
            let query = DoctorQuery(listing: .planAssignments(id: mostPlans.id, name: mostPlans.name))
            pages.append((query, .planAssignment, .fieldsPlanAssignment))
        }
        for (query, object, topic) in pages {
            do {
                let page = try await probe.page(query)
                Self.merge(&findings, FieldJudge.inspect(page.answer, as: .page, at: query.call.path))
                Self.merge(&findings, FieldJudge.inspect(items: page.items, as: object, listing: query.call.path))
                samples.append(probe.sample(query, page))
            } catch {
                checks.append(DoctorCheck(topic, .contradicted, "\(query.label): \(error.description)"))
            }
        }
        var plans = findings[.organizationPlan] ?? FieldFindings()
        plans.merge(findings[.planStatus] ?? FieldFindings())
        checks += [
            FieldJudge.check(.fieldsEnvelope, findings[.page] ?? FieldFindings(), what: "pages"),
            FieldJudge.check(.fieldsOrganization, findings[.organization] ?? FieldFindings(), what: "organizations"),
            FieldJudge.check(.fieldsPlan, plans, what: "plans (with their lastStatus)"),
            FieldJudge.check(.fieldsRepository, findings[.repository] ?? FieldFindings(), what: "repositories"),
            FieldJudge.check(
                .fieldsPlanAssignment, findings[.planAssignment] ?? FieldFindings(), what: "plan assignments"),
            PagingJudge.pageSize(samples),
        ]
        return (checks, samples)
    }

    static func merge(_ findings: inout [ContractObject: FieldFindings], _ more: [ContractObject: FieldFindings]) {
        for (object, found) in more { findings[object, default: FieldFindings()].merge(found) }
    }
}
