@testable import ReconcileCore

/// SplitMix64: a tiny, seeded, portable random number generator, so a failing seed reproduces anywhere.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }

    mutating func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &self)] }
}

/// Random but valid inputs: every name the desired state uses exactly exists and is not removed, so
/// planning never fails; globs may match nothing (a warning).
enum ScenarioGenerator {
    static let globs = ["web-*", "*-a*", "api-?", "[ab]*", "svc-[!0-4]*", "*", "lib-[a-c]?", "nothing-*"]

    static func make(seed: UInt64) -> (DesiredState, LiveState, PlanningOptions) {
        var random = SeededGenerator(seed: seed)
        let live = LiveState(
            organizations: ["acme", "beta", "gamma"].prefix(Int.random(in: 1...3, using: &random)).map {
                liveOrganization($0, &random)
            })
        let desired = DesiredState(
            organizations: live.organizations.filter { _ in random.chance(0.75) }.map {
                desiredOrganization($0, &random)
            })
        let options = PlanningOptions(licenseChunkSize: Int.random(in: 1...5, using: &random))
        return (desired, live, options)
    }

    private static func liveOrganization(_ name: String, _ random: inout SeededGenerator) -> LiveOrganization {
        var names = Set<String>()
        for _ in 0..<Int.random(in: 0...25, using: &random) {
            names.insert(
                random.pick(["api", "web", "svc", "lib", "docs"]) + "-"
                    + random.pick(["a", "b", "c", "1", "5", "9", "ab", "x2"]))
        }
        let repositories = names.sorted().map { repositoryName in
            LiveRepository(
                id: "\(name)/\(repositoryName)", name: repositoryName,
                isActive: random.chance(0.5), isRemoved: random.chance(0.15))
        }
        let plans = ["nightly", "weekly", "hourly", "archive"].prefix(Int.random(in: 1...4, using: &random)).map {
            planName in
            var ids = repositories.filter { _ in random.chance(0.3) }.map(\.id)
            if random.chance(0.1) { ids.append("\(name)/ghost") }
            return LivePlan(
                id: "\(name)#\(planName)", name: planName, backupType: random.pick([nil, 1, 5]),
                includeMetadata: random.pick([nil, true, false]), includeAllRepositories: random.chance(0.2),
                repositoryIds: ids)
        }
        return LiveOrganization(id: "id-\(name)", name: name, repositories: repositories, plans: plans)
    }

    private static func desiredOrganization(_ live: LiveOrganization, _ random: inout SeededGenerator)
        -> DesiredOrganization
    {
        let licences: LicenseMode = random.chance(0.5) ? .exact : .additive
        let plans = live.plans.filter { _ in random.chance(0.7) }.map { desiredPlan($0, in: live, &random) }
        return DesiredOrganization(
            name: live.name, licenses: licences,
            keepLicensed: licences == .exact
                ? selectors(in: live, count: Int.random(in: 0...2, using: &random), &random) : [],
            plans: plans, location: here)
    }

    private static func desiredPlan(
        _ live: LivePlan, in organization: LiveOrganization, _ random: inout SeededGenerator
    ) -> DesiredPlan {
        let includeAll: Bool? = random.pick([nil, nil, false, true])
        let repositories =
            includeAll == true || random.chance(0.2)
            ? nil : selectors(in: organization, count: Int.random(in: 0...4, using: &random), &random)
        return DesiredPlan(
            name: live.name, backupType: random.pick([nil, 1, 5]), includeMetadata: random.pick([nil, true, false]),
            includeAllRepositories: includeAll, worker: random.chance(0.3) ? "worker-1" : nil,
            settings: random.chance(0.2) ? ["level": "9"] : nil, repositories: repositories,
            membership: random.chance(0.6) ? .exact : .additive, location: here)
    }

    private static func selectors(in organization: LiveOrganization, count: Int, _ random: inout SeededGenerator)
        -> [RepositorySelector]
    {
        let present = organization.repositories.filter { !$0.isRemoved }.map(\.name)
        return (0..<count).map { _ in
            let exclusion = random.chance(0.3)
            let useExact = !present.isEmpty && random.chance(0.5)
            let pattern = useExact ? random.pick(present) : random.pick(globs)
            return RepositorySelector(pattern: pattern, isExclusion: exclusion, location: here)
        }
    }

    private static let here = SourceLocation(file: "generated.yaml", line: 1, column: 1)

    /// The same live state with every list in a different order.
    static func shuffled(_ live: LiveState, seed: UInt64) -> LiveState {
        var random = SeededGenerator(seed: seed)
        var state = live
        state.organizations.shuffle(using: &random)
        for organization in state.organizations.indices {
            state.organizations[organization].repositories.shuffle(using: &random)
            state.organizations[organization].plans.shuffle(using: &random)
            for plan in state.organizations[organization].plans.indices {
                state.organizations[organization].plans[plan].repositoryIds.shuffle(using: &random)
            }
        }
        return state
    }
}

/// An independent, deliberately naive glob matcher (recursive, on Characters) to check the planner against.
enum ReferenceGlob {
    static func matches(_ pattern: String, _ name: String) -> Bool {
        match(Array(pattern), 0, Array(name), 0)
    }

    private static func match(_ p: [Character], _ i: Int, _ s: [Character], _ j: Int) -> Bool {
        if i == p.count { return j == s.count }
        switch p[i] {
        case "*":
            return (j...s.count).contains { match(p, i + 1, s, $0) }
        case "?":
            return j < s.count && match(p, i + 1, s, j + 1)
        case "[":
            guard j < s.count, let close = p[(i + 2)...].firstIndex(of: "]") else { return false }
            var body = Array(p[(i + 1)..<close])
            let negated = body.first == "!"
            if negated { body.removeFirst() }
            var hit = false
            var k = 0
            while k < body.count {
                if k + 2 < body.count, body[k + 1] == "-" {
                    hit = hit || (body[k] <= s[j] && s[j] <= body[k + 2])
                    k += 3
                } else {
                    hit = hit || body[k] == s[j]
                    k += 1
                }
            }
            return hit != negated && match(p, close + 1, s, j + 1)
        default:
            return j < s.count && p[i] == s[j] && match(p, i + 1, s, j + 1)
        }
    }

    /// The ids of the repositories `selectors` select, applied in order, as the spec describes.
    static func selected(_ selectors: [RepositorySelector], in organization: LiveOrganization) -> Set<String> {
        var result = Set<String>()
        for selector in selectors {
            let hits = organization.repositories.filter { repository in
                !repository.isRemoved
                    && (selector.isGlob
                        ? matches(selector.pattern, repository.name) : selector.pattern == repository.name)
            }.map(\.id)
            if selector.isExclusion { result.subtract(hits) } else { result.formUnion(hits) }
        }
        return result
    }
}
