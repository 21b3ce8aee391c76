import Foundation
import Testing
import XoperoContract

@testable import XoperoSimulator

/// Organizations that are synchronizing or read-only, and a server that serves fewer items a page than
/// asked (`--max-page-size`).
@Suite struct OrganizationStateTests {
    @Test func synchronizationEndsAtItsTime() async throws {
        let clock = ManualTokenClock()
        try await SimulatorHarness.with(Fixtures.selectionState(), clock: clock) { sim in
            let token = try await sim.login()
            #expect(try await sim.organization(named: "gamma", token: token).synchronizationInProgress)
            #expect(try await !sim.organization(named: "alpha", token: token).synchronizationInProgress)
            let filter = #"{"filters": [{"property": "SynchronizationInProgress", "operator": "eq", "value": true}]}"#
            #expect(try await sim.organizations(filter, token: token).result.map(\.name) == ["gamma"])
            clock.advance(by: .seconds(29))
            #expect(try await sim.organization(named: "gamma", token: token).synchronizationInProgress)
            clock.advance(by: .seconds(1))
            #expect(try await !sim.organization(named: "gamma", token: token).synchronizationInProgress)
            #expect(try await sim.organizations(filter, token: token).result.isEmpty)
            // The state keeps the scenario as written, so a restart synchronizes again.
            let gamma = await sim.store.snapshot().organizations.first { $0.name == "gamma" }
            #expect(gamma?.synchronizationFinishesAfterSeconds == 30)
        }
    }

    @Test func readOnlyIsReportedAndFilterable() async throws {
        try await SimulatorHarness.with(Fixtures.selectionState()) { sim in
            let token = try await sim.login()
            let page = try await sim.organizations(
                #"{"filters": [{"property": "isreadonly", "operator": "eq", "value": true}]}"#, token: token)
            #expect(page.result.map(\.name) == ["gamma"])
            #expect(page.result.first?.isReadOnly == true)
        }
    }

    @Test(
        arguments: [
            // limit asked, served page size, pages of beta's 25 repositories
            (10, 7, 4), (5, 5, 5), (1000, 7, 4), (nil, 7, 4),
        ] as [(Int?, Int, Int)])
    func aServerThatServesFewerThanAsked(limit: Int?, served: Int, pageCount: Int) async throws {
        let beta = Fixtures.organizationId("beta")
        try await SimulatorHarness.with(options: SimulatorOptions(maxPageSize: 7)) { sim in
            let token = try await sim.login()
            let limitField = limit.map { #", "limit": \#($0)"# } ?? ""
            var names: [String] = []
            for page in 1...pageCount {
                let answer = try await sim.repositories(
                    #"{"id": "\#(beta)", "page": \#(page), "orderby": "Name"\#(limitField)}"#, token: token)
                #expect(answer.currentPage == page)
                #expect(answer.pageCount == pageCount)
                #expect(answer.totalEntries == 25)
                #expect(answer.result.count == (page < pageCount ? served : 25 - served * (pageCount - 1)))
                names += answer.result.map(\.name)
            }
            #expect(names == (1...25).map { String(format: "repo-%02d", $0) })
        }
    }

    @Test func theCapAppliesToEveryListing() async throws {
        try await SimulatorHarness.with(options: SimulatorOptions(maxPageSize: 1)) { sim in
            let token = try await sim.login()
            let organizations = try await sim.organizations(#"{"limit": 50, "page": 2}"#, token: token)
            #expect(organizations.result.map(\.name) == ["beta"])
            #expect(organizations.pageCount == 2)
            #expect(organizations.currentPage == 2)
            let plans = try await sim.plans(#"{"id": "\#(Fixtures.organizationId("alpha"))"}"#, token: token)
            #expect(plans.result.count == 1)
            #expect(plans.pageCount == 2)
        }
    }
}
