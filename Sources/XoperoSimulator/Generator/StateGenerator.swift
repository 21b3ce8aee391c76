import XoperoContract

/// Builds a large, realistic state for demos and benchmarks: the same output for the same seed.
///
/// Repositories and plans are spread unevenly over the organizations (a few big ones, a long tail),
/// plan sizes range from a handful to thousands, some repositories are removed, some unlicensed, and
/// the biggest organization's first plan takes all its repositories (`includeAllRepositories`).
public enum StateGenerator {
    /// The sizes to generate.
    public struct Shape: Sendable, Hashable {
        public var organizations: Int
        public var repositories: Int
        public var plans: Int
        public var seed: UInt64

        public init(organizations: Int, repositories: Int, plans: Int, seed: UInt64 = 1) {
            self.organizations = organizations
            self.repositories = repositories
            self.plans = plans
            self.seed = seed
        }

        /// Refuses sizes out of range, naming the flag (`SimulatorError.invalidOption`).
        public func validate() throws(SimulatorError) {
            guard (1...Self.maximumCount).contains(organizations) else {
                throw .invalidOption(name: "--orgs", message: "must be 1 to \(Self.maximumCount), got \(organizations)")
            }
            guard (0...Self.maximumCount).contains(repositories) else {
                throw .invalidOption(name: "--repos", message: "must be 0 to \(Self.maximumCount), got \(repositories)")
            }
            guard (0...Self.maximumCount).contains(plans) else {
                throw .invalidOption(name: "--plans", message: "must be 0 to \(Self.maximumCount), got \(plans)")
            }
        }

        /// The most of each thing a generated state may hold (ten million).
        public static let maximumCount = 10_000_000
    }

    /// A state with exactly `shape.repositories` repositories and `shape.plans` plans in all.
    public static func generate(_ shape: Shape) throws(SimulatorError) -> SimulatorStateFile {
        try shape.validate()
        var random = SplitMix64(seed: shape.seed)
        let repositoryCounts = unevenSplit(shape.repositories, into: shape.organizations, using: &random)
        var planCounts = unevenSplit(shape.plans, into: shape.organizations, using: &random)
        let biggest = repositoryCounts.indices.max { repositoryCounts[$0] < repositoryCounts[$1] } ?? 0
        // The biggest organization gets the includeAllRepositories plan, so it needs at least one plan.
        if planCounts[biggest] == 0, let donor = planCounts.indices.max(by: { planCounts[$0] < planCounts[$1] }),
            planCounts[donor] > 0
        {
            planCounts[donor] -= 1
            planCounts[biggest] += 1
        }
        var organizations: [SimulatorStateFile.Organization] = []
        var active = 0
        for index in 0..<shape.organizations {
            var organization = makeOrganization(index, using: &random)
            let repositories = makeRepositories(repositoryCounts[index], using: &random)
            active += repositories.filter { $0.isActive == true }.count
            organization.repositories = repositories
            organization.plans = makePlans(
                planCounts[index], repositories: repositories, includeAllFirst: index == biggest, using: &random)
            organizations.append(organization)
        }
        let free = max(5, shape.repositories / 50)
        return SimulatorStateFile(
            licences: .init(total: active + free),
            users: [
                SimulatorUser(email: "admin@example.com", password: "change-me", roles: [.systemAdministrator]),
                SimulatorUser(email: "viewer@example.com", password: "change-me", roles: [.viewer]),
            ],
            organizations: organizations)
    }

    /// Splits `total` over `parts` with Zipf-like weights in a shuffled order: a few large parts, a long tail.
    static func unevenSplit(_ total: Int, into parts: Int, using random: inout SplitMix64) -> [Int] {
        let weights = (0..<parts).map { 1.0 / Double($0 + 1) * (0.5 + Double.random(in: 0..<1, using: &random)) }
        let sum = weights.reduce(0, +)
        var counts = weights.map { Int(Double(total) * $0 / sum) }
        var remainder = total - counts.reduce(0, +)
        var index = 0
        while remainder > 0 {
            counts[index % parts] += 1
            remainder -= 1
            index += 1
        }
        counts.shuffle(using: &random)
        return counts
    }

    private static func makeOrganization(_ index: Int, using random: inout SplitMix64)
        -> SimulatorStateFile.Organization
    {
        let base = GeneratorVocabulary.organizations[index % GeneratorVocabulary.organizations.count]
        let round = index / GeneratorVocabulary.organizations.count
        return SimulatorStateFile.Organization(
            id: guid(using: &random), name: round == 0 ? base : "\(base)-\(round + 1)",
            driver: Int.random(in: 1...2, using: &random), isReadOnly: false,
            defaultWorkerId: guid(using: &random), isCreatedByMarketplace: Int.random(in: 0..<10, using: &random) == 0,
            synchronizationInProgress: false)
    }

    private static func makeRepositories(_ count: Int, using random: inout SplitMix64) -> [SimulatorStateFile
        .Repository]
    {
        var names: Set<String> = []
        var repositories: [SimulatorStateFile.Repository] = []
        repositories.reserveCapacity(count)
        while repositories.count < count {
            var name = repositoryName(using: &random)
            if names.contains(name) {
                var number = 2
                while names.contains("\(name)-\(number)") { number += 1 }
                name = "\(name)-\(number)"
            }
            names.insert(name)
            let removed = Int.random(in: 0..<100, using: &random) < 7
            let active = Int.random(in: 0..<100, using: &random) < (removed ? 30 : 82)
            repositories.append(.init(id: guid(using: &random), name: name, isActive: active, isRemoved: removed))
        }
        return repositories
    }

    private static func repositoryName(using random: inout SplitMix64) -> String {
        let parts = [
            GeneratorVocabulary.domains.randomElement(using: &random) ?? "app",
            GeneratorVocabulary.middles.randomElement(using: &random) ?? "",
            GeneratorVocabulary.kinds.randomElement(using: &random) ?? "service",
        ].filter { !$0.isEmpty }
        return parts.joined(separator: "-") + (GeneratorVocabulary.suffixes.randomElement(using: &random) ?? "")
    }

    private static func makePlans(
        _ count: Int, repositories: [SimulatorStateFile.Repository], includeAllFirst: Bool,
        using random: inout SplitMix64
    ) -> [SimulatorStateFile.Plan] {
        let candidates = repositories.filter { $0.isRemoved != true }.compactMap(\.id)
        var plans: [SimulatorStateFile.Plan] = []
        for index in 0..<count {
            let base = GeneratorVocabulary.planNames[index % GeneratorVocabulary.planNames.count]
            let round = index / GeneratorVocabulary.planNames.count
            let includeAll = (includeAllFirst && index == 0) || Int.random(in: 0..<40, using: &random) == 0
            // Heavy-tailed sizes: most plans hold a few repositories, some hold a large share.
            let share = pow4(Double.random(in: 0..<1, using: &random)) * 0.6
            let size = includeAll ? 0 : min(candidates.count, max(1, Int(share * Double(candidates.count))))
            let members = Array(candidates.shuffled(using: &random).prefix(size))
            let finished = Int64(1_735_689_600_000) + Int64.random(in: 0..<31_536_000_000, using: &random)
            plans.append(
                .init(
                    id: guid(using: &random), name: round == 0 ? base : "\(base)-\(round + 1)", backupType: 5,
                    includeMetadata: Bool.random(using: &random), includeAllRepositories: includeAll,
                    settings: [:], repositoryIds: members,
                    lastStatus: .init(
                        successes: Int.random(in: 0...size, using: &random),
                        warnings: Int.random(in: 0...3, using: &random),
                        errors: Int.random(in: 0..<10, using: &random) == 0 ? 1 : 0),
                    planFinishedTime: finished, isRunning: Int.random(in: 0..<20, using: &random) == 0))
        }
        return plans
    }

    private static func pow4(_ value: Double) -> Double { value * value * value * value }

    /// A random GUID-shaped id from the seeded generator.
    static func guid(using random: inout SplitMix64) -> String {
        let high = random.next()
        return StableID.guid(high, random.next())
    }
}
