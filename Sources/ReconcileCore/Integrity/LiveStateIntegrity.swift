/// A plan whose membership cannot be read from `repositoryIds`: the server's `repoCount` agrees with none
/// of the plausible countings of the ids it lists. The plan most likely selects its repositories another
/// way (the product offers "Exclude repositories" and rule-based selection, which the API does not show;
/// for an exclude-mode plan the ids listed are the EXCLUDED ones), so attaching to or detaching from it
/// could do the opposite of what was meant.
public struct UnreadablePlan: Sendable, Hashable {
    public var id: String
    public var name: String
    public var repoCount: Int
    /// How many ids the plan lists; how many of those are repositories not removed; how many hold a licence.
    public var listed: Int
    public var notRemoved: Int
    public var licensed: Int

    /// `the server counts 40 repositories in it; its repositoryIds hold 3 (3 not removed, 2 licensed)`.
    public var numbers: String {
        "the server counts \(repoCount) repositories in it; its repositoryIds hold \(listed) (\(notRemoved) not "
            + "removed, \(licensed) licensed)"
    }
}

/// What the integrity check found in a live state: organizations that cannot be read, and plans whose
/// membership cannot be read.
public struct LiveStateAssessment: Sendable, Hashable {
    /// Organization name to the reasons it cannot be read, each with the numbers.
    public var unreadableOrganizations: [String: [String]] = [:]
    /// Organization name to its plans whose membership cannot be read.
    public var unreadablePlans: [String: [UnreadablePlan]] = [:]

    public var isClean: Bool { unreadableOrganizations.isEmpty && unreadablePlans.isEmpty }
}

/// The live-state integrity rules, checked before any plan is made (docs/DECISIONS.md, "Reading the
/// live state"). Pure: it judges what the reader brought back.
///
/// - An organization whose listings could not be read completely and consistently (`readProblems`,
///   found by `ListingConsistency` and `PlanListingJoin`) cannot be read.
/// - An organization synchronizing with its Git host (`synchronizationInProgress`) cannot be read: its
///   repository list may be incomplete.
/// - A plan that is not `includeAllRepositories` and whose `repoCount` equals none of: the ids it lists,
///   those of them not removed, those licensed, those licensed and not removed, cannot have its
///   membership read.
/// - `isReadOnly` is not a reason to refuse.
public enum LiveStateIntegrity {
    public static func assess(_ live: LiveState) -> LiveStateAssessment {
        var assessment = LiveStateAssessment()
        for organization in live.organizations {
            var reasons = organization.readProblems
            if organization.synchronizationInProgress == true {
                reasons.append(
                    "it is synchronizing with its Git host (synchronizationInProgress), so its repository list may "
                        + "be incomplete; run again when it has finished, or pass --wait-for-sync DURATION")
            }
            if !reasons.isEmpty { assessment.unreadableOrganizations[organization.name, default: []] += reasons }
            let unreadable = unreadablePlans(in: organization)
            if !unreadable.isEmpty { assessment.unreadablePlans[organization.name, default: []] += unreadable }
        }
        return assessment
    }

    static func unreadablePlans(in organization: LiveOrganization) -> [UnreadablePlan] {
        let byID = Dictionary(organization.repositories.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return organization.plans.compactMap { plan in
            guard let repoCount = plan.repoCount, !plan.includeAllRepositories else { return nil }
            let ids = Set(plan.repositoryIds)
            let known = ids.compactMap { byID[$0] }
            let notRemoved = known.filter { !$0.isRemoved }.count
            let licensed = known.filter(\.isActive).count
            let licensedNotRemoved = known.filter { $0.isActive && !$0.isRemoved }.count
            guard ![ids.count, notRemoved, licensed, licensedNotRemoved].contains(repoCount) else { return nil }
            return UnreadablePlan(
                id: plan.id, name: plan.name, repoCount: repoCount, listed: ids.count, notRemoved: notRemoved,
                licensed: licensed)
        }
    }
}
