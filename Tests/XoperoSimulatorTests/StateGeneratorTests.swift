import Foundation
import Testing

@testable import XoperoSimulator

@Suite struct StateGeneratorTests {
    @Test func sameSeedSameFileOtherSeedOtherFile() throws {
        let shape = StateGenerator.Shape(organizations: 4, repositories: 600, plans: 30, seed: 7)
        let first = try StateGenerator.generate(shape).encoded()
        #expect(try StateGenerator.generate(shape).encoded() == first)
        var other = shape
        other.seed = 8
        #expect(try StateGenerator.generate(other).encoded() != first)
    }

    @Test func shapeIsRealisticAndValid() throws {
        let state = try StateGenerator.generate(.init(organizations: 6, repositories: 3000, plans: 60, seed: 3))
        let repositories = state.organizations.flatMap { $0.repositories ?? [] }
        let plans = state.organizations.flatMap { $0.plans ?? [] }
        #expect(state.organizations.count == 6)
        #expect(repositories.count == 3000)
        #expect(plans.count == 60)
        #expect(repositories.contains { $0.isRemoved == true })
        #expect(repositories.contains { $0.isRemoved != true && $0.isActive != true })
        #expect(plans.contains { $0.includeAllRepositories == true })
        // Uneven: the biggest organization has several times the smallest's repositories.
        let sizes = state.organizations.map { $0.repositories?.count ?? 0 }
        #expect((sizes.max() ?? 0) >= 3 * max(1, sizes.min() ?? 0))
        // Plan sizes from a handful to hundreds.
        let planSizes = plans.filter { $0.includeAllRepositories != true }.map { $0.repositoryIds?.count ?? 0 }
        #expect((planSizes.min() ?? 0) < 20)
        #expect((planSizes.max() ?? 0) > 100)
        // Names like real ones, unique within an organization.
        for organization in state.organizations {
            let names = (organization.repositories ?? []).map(\.name)
            #expect(Set(names).count == names.count)
        }
        #expect(repositories.allSatisfy { $0.name.contains("-") && $0.name == $0.name.lowercased() })
        // Valid: it loads, with a nearly used-up pool and an administrator.
        let world = try SimulatorWorld(state: state)
        #expect(try #require(state.licences?.total) > world.activeCount)
        #expect(state.firstAdministrator != nil)
    }

    @Test func badShapesAreRefused() {
        #expect(throws: SimulatorError.self) {
            try StateGenerator.generate(.init(organizations: 0, repositories: 1, plans: 1))
        }
        #expect(throws: SimulatorError.self) {
            try StateGenerator.generate(.init(organizations: 1, repositories: -1, plans: 1))
        }
    }

    @Test func theBigShapeIsFast() throws {
        let clock = ContinuousClock()
        var state: SimulatorStateFile?
        var data = Data()
        let elapsed = try clock.measure {
            state = try StateGenerator.generate(.init(organizations: 20, repositories: 100_000, plans: 400, seed: 1))
            data = try #require(state).encoded()
        }
        #expect(data.count > 1_000_000)
        // Generous for a debug build on a shared machine; a release build takes a fraction of this.
        #expect(elapsed < .seconds(60))
    }
}
