/// Limits that stop a plan from removing too much at once (`--max-detach-ratio`, `--force`).
public struct SafetyPolicy: Sendable, Hashable {
    /// The largest share of a plan's current repositories, or of an organization's current licences,
    /// that one run may detach or deactivate.
    public var maxDetachRatio: Double
    /// Plans with fewer current repositories (organizations with fewer current licences) are not
    /// checked: in a small set, one change is already a large share.
    public var minimumPlanSize: Int
    /// Nothing is refused.
    public var force: Bool

    public init(maxDetachRatio: Double = 0.25, minimumPlanSize: Int = 10, force: Bool = false) {
        self.maxDetachRatio = maxDetachRatio
        self.minimumPlanSize = minimumPlanSize
        self.force = force
    }
}

/// Refuses plans that would detach or deactivate more than the policy allows, before any call is made.
///
/// - Detach: per plan, the detaches against the plan's current explicit repositories, checked when
///   the plan has `minimumPlanSize` or more.
/// - Deactivate: per organization, the deactivations against the organization's current licences
///   (active repositories, removed ones included), checked when it holds `minimumPlanSize` or more.
/// - Coverage: a modify that turns `includeAllRepositories` off makes the plan drop every repository
///   not on its explicit list; the repositories dropped count against the organization's present
///   (not removed) repositories, the same way as detaches.
/// Exactly at the limit is allowed; above it is refused. Percentages are shown to the nearest tenth
/// (`35%`, `33.3%`), but a share above the limit never prints as equal to it.
public enum SafetyCheck {
    /// One error per plan or organization over the limit; empty when the plan may run.
    public static func check(_ plan: ReconcilePlan, live: LiveState, policy: SafetyPolicy) -> [Diagnostic] {
        guard !policy.force else { return [] }
        var attached: [PlanKey: Set<String>] = [:]
        var detached: [PlanKey: Set<String>] = [:]
        var deactivations: [String: Int] = [:]
        var firstSeen: [Subject] = []
        for operation in plan.operations {
            switch operation {
            case .modify(let op):
                let turnsOffIncludeAll = op.changes.contains {
                    $0.field == .includeAllRepositories && $0.from == .bool(true) && $0.to == .bool(false)
                }
                if turnsOffIncludeAll {
                    firstSeen.append(
                        .coverage(PlanKey(organizationId: op.organization.id, planId: op.plan.id), name: op.plan.name))
                }
            case .attach(let op):
                attached[PlanKey(organizationId: op.organization.id, planId: op.plan.id), default: []].insert(
                    op.repository.id)
            case .detach(let op):
                let key = PlanKey(organizationId: op.organization.id, planId: op.plan.id)
                if detached[key] == nil { firstSeen.append(.plan(key, name: op.plan.name)) }
                detached[key, default: []].insert(op.repository.id)
            case .deactivate(let op):
                if deactivations[op.organization.id] == nil {
                    firstSeen.append(.organization(op.organization.id, name: op.organization.name))
                }
                deactivations[op.organization.id, default: 0] += op.repositories.count
            case .activate:
                break
            }
        }
        let organizations = Dictionary(live.organizations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var diagnostics: [Diagnostic] = []
        for subject in firstSeen {
            switch subject {
            case .plan(let key, let name):
                guard let livePlan = organizations[key.organizationId]?.plans.first(where: { $0.id == key.planId })
                else { continue }
                let current = Set(livePlan.repositoryIds).count
                let count = detached[key, default: []].count
                if let message = refusal(count: count, of: current, policy: policy) {
                    diagnostics.append(
                        .error(
                            "plan \"\(name)\": \(count) of \(current) repositories (\(message.share)) would be detached; the limit is \(message.limit); --force to proceed"
                        ))
                }
            case .coverage(let key, let name):
                guard let organization = organizations[key.organizationId],
                    let livePlan = organization.plans.first(where: { $0.id == key.planId })
                else { continue }
                let present = Set(organization.repositories.filter { !$0.isRemoved }.map(\.id))
                let explicitAfter = Set(livePlan.repositoryIds).union(attached[key, default: []]).subtracting(
                    detached[key, default: []])
                let count = present.count - explicitAfter.intersection(present).count
                if let message = refusal(count: count, of: present.count, policy: policy) {
                    diagnostics.append(
                        .error(
                            "plan \"\(name)\": includeAllRepositories true -> false would stop backing up \(count) of \(present.count) repositories (\(message.share)); the limit is \(message.limit); --force to proceed"
                        ))
                }
            case .organization(let id, let name):
                guard let organization = organizations[id] else { continue }
                let current = organization.repositories.filter(\.isActive).count
                let count = deactivations[id, default: 0]
                if let message = refusal(count: count, of: current, policy: policy) {
                    diagnostics.append(
                        .error(
                            "organization \"\(name)\": \(count) of \(current) licences (\(message.share)) would be deactivated; the limit is \(message.limit); --force to proceed"
                        ))
                }
            }
        }
        return diagnostics
    }

    private struct PlanKey: Hashable {
        let organizationId: String
        let planId: String
    }

    private enum Subject {
        case plan(PlanKey, name: String)
        case coverage(PlanKey, name: String)
        case organization(String, name: String)
    }

    /// The share and the limit as text when `count` of `current` is over the limit, else nil.
    private static func refusal(count: Int, of current: Int, policy: SafetyPolicy) -> (share: String, limit: String)? {
        guard current > 0, current >= policy.minimumPlanSize else { return nil }
        guard Double(count) > policy.maxDetachRatio * Double(current) else { return nil }
        let limitTenths = Int((policy.maxDetachRatio * 1000).rounded())
        // Nearest tenth, but never shown as equal to (or below) the limit it exceeds.
        let shareTenths = max((count * 2000 + current) / (2 * current), limitTenths + 1)
        return (percent(tenths: shareTenths), percent(tenths: limitTenths))
    }

    /// `35%` or `27.5%`.
    static func percent(tenths: Int) -> String {
        tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
    }
}
