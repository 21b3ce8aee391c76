import Testing

@testable import ReconcileCore

/// Properties of the planner over 200 generated cases each (seeds 1...200, so failures reproduce).
@Suite("Planner properties")
struct PlannerPropertyTests {
    static let seeds: ClosedRange<UInt64> = 1...200

    private func plan(_ desired: DesiredState, _ live: LiveState, _ options: PlanningOptions) throws -> ReconcilePlan {
        let result = Planner.plan(desired: desired, live: live, options: options)
        return try #require(result.plan, "unexpected errors: \(result.diagnostics.map(\.message))")
    }

    @Test func applyingThePlanThenPlanningAgainGivesTheEmptyPlan() throws {
        for seed in Self.seeds {
            let (desired, live, options) = ScenarioGenerator.make(seed: seed)
            let after = PlanEffects.apply(try plan(desired, live, options), to: live)
            let again = try plan(desired, after, options)
            #expect(again.operations.isEmpty, "seed \(seed): \(again.operations.map(\.shorthand))")
        }
    }

    @Test func withPushWriteOnlyOnlyTheWriteOnlyModifiesRemain() throws {
        for seed in Self.seeds {
            var (desired, live, options) = ScenarioGenerator.make(seed: seed)
            options.pushWriteOnly = true
            let after = PlanEffects.apply(try plan(desired, live, options), to: live)
            let again = try plan(desired, after, options)
            let onlyWriteOnly = again.operations.allSatisfy {
                if case .modify(let op) = $0 { op.changes.isEmpty && op.sendsUnverifiedFields } else { false }
            }
            #expect(onlyWriteOnly, "seed \(seed): \(again.operations.map(\.shorthand))")
        }
    }

    @Test func neverDetachesWhatTheDesiredStateMatchesNorAttachesRemovedRepositories() throws {
        for seed in Self.seeds {
            let (desired, live, options) = ScenarioGenerator.make(seed: seed)
            let planned = try plan(desired, live, options)
            for operation in planned.operations {
                switch operation {
                case .detach(let op):
                    let organization = try #require(live.organizations.first { $0.id == op.organization.id })
                    let desiredPlan = try #require(
                        desired.organizations.first { $0.name == organization.name }?.plans.first {
                            $0.name == op.plan.name
                        })
                    let matched = ReferenceGlob.selected(desiredPlan.repositories ?? [], in: organization)
                    #expect(!matched.contains(op.repository.id), "seed \(seed): detaches matched \(op.repository.name)")
                    #expect(desiredPlan.membership == .exact, "seed \(seed): additive plan detaches")
                case .attach(let op):
                    let organization = try #require(live.organizations.first { $0.id == op.organization.id })
                    #expect(
                        organization.repositories.first { $0.id == op.repository.id }?.isRemoved == false,
                        "seed \(seed)")
                default:
                    break
                }
            }
        }
    }

    @Test func exactMembershipEndsWithExactlyTheMatchedRepositories() throws {
        for seed in Self.seeds {
            let (desired, live, options) = ScenarioGenerator.make(seed: seed)
            let after = PlanEffects.apply(try plan(desired, live, options), to: live)
            for desiredOrganization in desired.organizations {
                let organization = try #require(after.organizations.first { $0.name == desiredOrganization.name })
                let known = Set(organization.repositories.map(\.id))
                for desiredPlan in desiredOrganization.plans
                where desiredPlan.membership == .exact && desiredPlan.includeAllRepositories != true {
                    guard let selectors = desiredPlan.repositories,
                        let livePlan = organization.plans.first(where: { $0.name == desiredPlan.name })
                    else { continue }
                    let held = Set(livePlan.repositoryIds.filter(known.contains))
                    #expect(
                        held == ReferenceGlob.selected(selectors, in: organization),
                        "seed \(seed) plan \(desiredPlan.name)")
                }
            }
        }
    }

    @Test func afterApplyEveryRepositoryInAnyPlanHoldsALicense() throws {
        for seed in Self.seeds {
            let (desired, live, options) = ScenarioGenerator.make(seed: seed)
            let after = PlanEffects.apply(try plan(desired, live, options), to: live)
            for desiredOrganization in desired.organizations {
                let organization = try #require(after.organizations.first { $0.name == desiredOrganization.name })
                for livePlan in organization.plans {
                    let covered = organization.repositories.filter { repository in
                        !repository.isRemoved
                            && (livePlan.includeAllRepositories || livePlan.repositoryIds.contains(repository.id))
                    }
                    for repository in covered where !repository.isActive {
                        Issue.record(
                            "seed \(seed): \(organization.name)/\(repository.name) in plan \(livePlan.name) has no licence"
                        )
                    }
                }
            }
        }
    }

    @Test func shufflingTheLiveListsChangesNeitherThePlanNorTheFingerprint() throws {
        for seed in Self.seeds {
            let (desired, live, options) = ScenarioGenerator.make(seed: seed)
            let original = try plan(desired, live, options)
            let shuffled = try plan(desired, ScenarioGenerator.shuffled(live, seed: seed &* 31), options)
            #expect(original == shuffled, "seed \(seed)")
            #expect(PlanRenderer.json(original) == PlanRenderer.json(shuffled), "seed \(seed)")
        }
    }

    /// Guards the generator itself: the properties above mean little if the cases were trivial.
    @Test func theGeneratedCasesExerciseEveryStep() throws {
        var steps: [PlanStep: Int] = [:]
        var warnings = 0
        var unverified = 0
        for seed in Self.seeds {
            let (desired, live, options) = ScenarioGenerator.make(seed: seed)
            let planned = try plan(desired, live, options)
            for operation in planned.operations {
                steps[operation.step, default: 0] += 1
                if case .modify(let op) = operation, op.sendsUnverifiedFields { unverified += 1 }
            }
            warnings += planned.warnings.count
        }
        for step in PlanStep.allCases {
            #expect(steps[step, default: 0] >= 20, "only \(steps[step, default: 0]) \(step) operations")
        }
        #expect(warnings >= 20 && unverified >= 20)
    }

    @Test func theReferenceGlobAgreesWithGlobPattern() throws {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let name = String((0..<Int.random(in: 0...6, using: &random)).map { _ in random.pick(Array("ab-1é")) })
            let pattern = random.pick(ScenarioGenerator.globs + ["a*b", "*a?", "[!a]*", "?-*", "*é*", "[a-b]-?"])
            #expect(
                try GlobPattern(pattern).matches(name) == ReferenceGlob.matches(pattern, name), "\(pattern) vs \(name)")
        }
    }
}
