import Foundation
import Testing
import XoperoContract

@testable import XoperoSimulator

/// The three listing calls over real HTTP: envelope, paging, sorting, filtering, errors.
@Suite struct ListingHTTPTests {
    let alpha = Fixtures.organizationId("alpha")
    let beta = Fixtures.organizationId("beta")

    @Test func organizationsWithThePagesOfTheVendorSample() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.login()
            // The vendor's own request shape, `Page` capitalized.
            let page = try await sim.organizations(
                #"{"limit": 1, "orderby": "Name", "ordertype": "asc", "Page": 2}"#, token: token)
            #expect(page.currentPage == 2)
            #expect(page.pageCount == 2)
            #expect(page.totalEntries == 2)
            let beta = try #require(page.result.first)
            #expect(beta.name == "beta")
            #expect(beta.id == self.beta)
            #expect(beta.driver == 2)
            #expect(beta.totalRepositories == 25)
            #expect(beta.plans.map(\.name) == ["bulk"])
            #expect(beta.plans.first?.repoCount == 0)
        }
    }

    @Test func requiredNullableFieldsAreSentAsNullLikeTheVendorDoes() async throws {
        try await SimulatorHarness.with { sim in
            let response = try await sim.post(
                "/git/organizations/getmany", json: #"{"orderby": "Name"}"#, token: try await sim.login())
            #expect(response.status == 200)
            // alpha has no default worker and its plans never ran; the keys are there, with null.
            #expect(response.text.contains(#""apiUrl":null"#), "\(response.text)")
            #expect(response.text.contains(#""defaultWorkerId":null"#))
            #expect(response.text.contains(#""planFinishedTime":null"#))
            // Keys in a fixed (sorted) order, so the answer is the same bytes on every run.
            #expect(response.text.contains(#"{"apiUrl":null,"defaultWorkerId":null,"driver":1,"id":"#))
            let page = try response.decode(Components.Schemas.OrganizationPage.self)
            #expect(page.result.map(\.name) == ["alpha", "beta"])
            #expect(page.result.first?.apiUrl == nil)
        }
    }

    @Test func organizationCountersAndPlans() async throws {
        try await SimulatorHarness.with { sim in
            let alpha = try await sim.organization(named: "alpha", token: try await sim.login())
            // everything includes all: api, web, mobile, docs protected; mobile and docs lack a licence.
            #expect(alpha.totalRepositories == 5)
            #expect(alpha.removedRepositories == 1)
            #expect(alpha.protectedRepositories == 4)
            #expect(alpha.missingLicences == 2)
            #expect(alpha.plans.map(\.name) == ["nightly", "everything"])
            #expect(alpha.plans.map(\.repoCount) == [2, 4])
            #expect(alpha.plans[0].backupType == 5)
            #expect(alpha.plans[0].includeMetadata)
            #expect(alpha.apiUrl == nil)
        }
    }

    @Test func sortOrganizationsByAnyField() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.login()
            let byTotal = try await sim.organizations(
                #"{"orderby": "TotalRepositories", "ordertype": "desc"}"#, token: token)
            #expect(byTotal.result.map(\.name) == ["beta", "alpha"])
            let byName = try await sim.organizations(#"{"orderby": "Name", "ordertype": "desc"}"#, token: token)
            #expect(byName.result.map(\.name) == ["beta", "alpha"])
            let byDriver = try await sim.organizations(#"{"orderby": "Driver"}"#, token: token)
            #expect(byDriver.result.map(\.name) == ["alpha", "beta"])
            let filtered = try await sim.organizations(
                #"{"filters": [{"property": "MissingLicences", "operator": "gt", "value": 1}]}"#, token: token)
            #expect(filtered.result.map(\.name) == ["alpha"])
        }
    }

    @Test func repositoriesPagingArithmetic() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.login()
            let third = try await sim.repositories(
                #"{"id": "\#(beta)", "limit": 10, "page": 3, "orderby": "Name"}"#, token: token)
            #expect(third.totalEntries == 25)
            #expect(third.pageCount == 3)
            #expect(third.currentPage == 3)
            #expect(third.result.map(\.name) == (21...25).map { String(format: "repo-%02d", $0) })
            let past = try await sim.repositories(#"{"id": "\#(beta)", "limit": 10, "page": 4}"#, token: token)
            #expect(past.result.isEmpty)
            #expect(past.pageCount == 3)
            #expect(past.totalEntries == 25)
            let clamped = try await sim.repositories(#"{"id": "\#(beta)", "limit": 5000}"#, token: token)
            #expect(clamped.result.count == 25)
            #expect(clamped.pageCount == 1)
            let defaulted = try await sim.repositories(#"{"id": "\#(beta)"}"#, token: token)
            #expect(defaulted.currentPage == 1)
        }
    }

    @Test func repositoriesStableSortAndVendorFilter() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.login()
            let sorted = try await sim.repositories(
                #"{"id": "\#(beta)", "limit": 1000, "orderby": "IsActive", "ordertype": "desc"}"#, token: token)
            let active = [1, 3, 5, 7, 9, 11, 13, 15].map { String(format: "repo-%02d", $0) }
            #expect(Array(sorted.result.map(\.name).prefix(8)) == active)
            #expect(sorted.result[8].name == "repo-02")
            let removed = try await sim.repositories(
                #"{"id": "\#(alpha)", "filters": [{"operator": "eq", "value": true, "property": "IsRemoved"}]}"#,
                token: token)
            #expect(removed.result.map(\.name) == ["old-monolith"])
            #expect(removed.result.first?.id == Fixtures.repositoryId("alpha", "old-monolith"))
            let contains = try await sim.repositories(
                #"{"id": "\#(beta)", "filters": [{"Property": "Name", "Operator": "endswith", "Value": "5"}]}"#,
                token: token)
            #expect(contains.result.map(\.name) == ["repo-05", "repo-15", "repo-25"])
        }
    }

    @Test func plansWithTheirExplicitRepositories() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.login()
            let page = try await sim.plans(#"{"id": "\#(alpha)", "orderby": "Name"}"#, token: token)
            #expect(page.totalEntries == 2)
            #expect(page.result.map(\.name) == ["everything", "nightly"])
            #expect(page.result[0].includeAllRepositories)
            #expect(page.result[0].repositoryIds.isEmpty)
            #expect(
                page.result[1].repositoryIds == [
                    Fixtures.repositoryId("alpha", "api"), Fixtures.repositoryId("alpha", "web"),
                ])
            let filtered = try await sim.plans(
                #"{"id": "\#(alpha)", "filters": [{"property": "IncludeAllRepositories", "operator": "eq", "value": false}]}"#,
                token: token)
            #expect(filtered.result.map(\.name) == ["nightly"])
        }
    }

    @Test(arguments: ["/git/repositories/getmany", "/plans/listassignedtoorganization"])
    func unknownOrganizationIs404(path: String) async throws {
        try await SimulatorHarness.with { sim in
            let response = try await sim.post(
                path, json: #"{"id": "a4ac2cd0-a4ac-4ced-be39-a4ac31e033ff"}"#, token: try await sim.login())
            #expect(response.status == 404)
            #expect(try response.decode(Components.Schemas.ProblemDetails.self).status == 404)
        }
    }

    @Test(arguments: [
        (
            "/git/organizations/getmany", #"{"filters": [{"property": "Colour", "operator": "eq", "value": "x"}]}"#,
            "filters[0].property"
        ),
        (
            "/git/repositories/getmany",
            #"{"id": "ID", "filters": [{"property": "Size", "operator": "gt", "value": 1}]}"#, "filters[0].property"
        ),
        (
            "/plans/listassignedtoorganization",
            #"{"id": "ID", "filters": [{"property": "Owner", "operator": "eq", "value": "x"}]}"#, "filters[0].property"
        ),
        ("/git/repositories/getmany", #"{"id": "ID", "orderby": "Size"}"#, "orderby"),
        ("/git/repositories/getmany", #"{"id": "ID", "page": 0}"#, "page"),
        (
            "/git/repositories/getmany",
            #"{"id": "ID", "filters": [{"property": "Name", "operator": "like", "value": "x"}]}"#, "filters[0].operator"
        ),
    ])
    func badListingRequestsAre400NamingTheField(path: String, body: String, field: String) async throws {
        try await SimulatorHarness.with { sim in
            let json = body.replacingOccurrences(of: "\"ID\"", with: "\"\(alpha)\"")
            let response = try await sim.post(path, json: json, token: try await sim.login())
            #expect(response.status == 400, "\(response.text)")
            let errors = try response.problemErrors()
            #expect(errors.keys.contains(field), "\(errors)")
            if field == "filters[0].property" {
                #expect(errors[field]?.first?.contains("unknown property") == true)
            }
        }
    }
}
