import Foundation
import Testing
import XoperoContract
import XoperoSimulator

/// The vendor's own JSON samples (copied byte for byte into VendorSamples/) decode through the types
/// generated from openapi.yaml, exactly as given: malformed ids, the `Page` key and all.
@Suite struct VendorSampleTests {
    static func sample(_ name: String) throws -> Data {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "VendorSamples"),
            "missing vendor sample \(name).json")
        return try Data(contentsOf: url)
    }

    static func decode<T: Decodable>(_ type: T.Type, from name: String) throws -> T {
        try JSONDecoder().decode(type, from: sample(name))
    }

    @Test func loginResponse() throws {
        let login = try Self.decode(Components.Schemas.LoginResponse.self, from: "login.response")
        #expect(login.userId == "a4ac78431-30c2-4d65-bd3e-eb6416784c")
        let token = try #require(login.accessToken)
        #expect(token.hasPrefix("yMDA1LzA1L2lka4acXR5"))
        #expect(token.hasSuffix("eHVRw1KqYi3SOqN-AJUXoEIFKxGVokhoMp910L1LkzA"))
    }

    @Test func organizationsRequestWithCapitalPageDecodesOnlyAfterNormalizing() throws {
        let raw = try Self.sample("organizations-getmany.request")
        // As given, `Page` is not the contract's `page`: the generated type ignores it...
        let direct = try JSONDecoder().decode(Components.Schemas.OrganizationsQuery.self, from: raw)
        #expect(direct.page == nil)
        // ...and the normalizer, which the simulator runs before decoding, makes it count.
        let normalized = try RequestKeyNormalizer.normalize(jsonData: raw)
        let query = try JSONDecoder().decode(Components.Schemas.OrganizationsQuery.self, from: normalized)
        #expect(query.page == 2)
        #expect(query.limit == 2)
        #expect(query.orderby == .name)
        #expect(query.ordertype == .asc)
        #expect(query.filters == nil)
    }

    @Test func organizationsResponse() throws {
        let page = try Self.decode(Components.Schemas.OrganizationPage.self, from: "organizations-getmany.response")
        #expect(page.currentPage == 2)
        #expect(page.pageCount == 2)
        #expect(page.totalEntries == 4)
        #expect(page.result.count == 2)
        let first = try #require(page.result.first)
        #expect(first.id == "a4ac2cd0-ed2f-4ced-be39-60c631e033ff")
        #expect(first.driver == 1)
        #expect(first.name == "OrgName")
        #expect(first.apiUrl == nil)
        #expect(first.protectedRepositories == 43)
        #expect(first.totalRepositories == 58)
        #expect(first.missingLicences == 58)
        #expect(first.removedRepositories == 15)
        #expect(first.defaultWorkerId == "a4ac11eb-bbe7-406e-b3da-24fb4df5642a")
        #expect(first.plans.map(\.name) == ["name1", "name2", "name3"])
        // A malformed id (a 7-digit second group) is kept verbatim.
        #expect(first.plans[1].id == "a4ac8dd-6bf4-4c6c-8bc3-7305a9cc4dad")
        #expect(first.plans[0].backupType == 5)
        #expect(first.plans[0].includeMetadata == true)
        #expect(first.plans[0].repoCount == 1)
        #expect(first.plans[0].lastStatus.errors == 1)
        #expect(first.plans[0].planFinishedTime == 1_643_754_961_233)
        #expect(first.plans[0].isRunning == false)
        let second = page.result[1]
        #expect(second.id == "a4ac6bff8-0000-0000-0000-000000000000")
        #expect(second.driver == 2)
        #expect(second.totalRepositories == 775)
        #expect(second.defaultWorkerId == "a4ac0f30-6641-a4ac7-ac26-fd7e47abf8f3")
        #expect(second.plans[0].id == "3a4ac5-fdd1-4a4ac1-9415-66d0fbedb0e0")
        #expect(second.plans[1].lastStatus.warnings == 1)
    }

    @Test func plansResponse() throws {
        let page = try Self.decode(
            Components.Schemas.PlanAssignmentPage.self, from: "plans-listassignedtoorganization.response")
        #expect(page.currentPage == 5)
        #expect(page.pageCount == 5)
        #expect(page.totalEntries == 23)
        #expect(page.result.map(\.name) == ["example1", "example2", "example3"])
        #expect(page.result[1].id == "fba158dd-6bf4-a4ac-8bc3-7305a9cc4dad")
        #expect(page.result.allSatisfy { !$0.includeAllRepositories && $0.repositoryIds.isEmpty })
    }

    @Test(arguments: [
        ("repositories-activate.response", "LI5020"),
        ("repositories-deactivate.response", "GT1001"),
    ])
    func batchResponses(sample: String, code: String) throws {
        let result = try Self.decode(Components.Schemas.BatchResult.self, from: sample)
        #expect(result.success.isEmpty)
        #expect(result.error.count == 8)
        #expect(result.error.first?.id == "a4ac7979e-0000-0000-0000-000000000000")
        #expect(result.error.last?.id == "a4acea817-0000-0000-0000-000000000000")
        #expect(result.error.allSatisfy { $0.errorCode == code })
        #expect(XoperoAssumptions.ErrorCode(rawValue: code) != nil)
    }

    @Test func repositoriesRequest() throws {
        let raw = try Self.sample("repositories-getmany.request")
        let query = try JSONDecoder().decode(
            Components.Schemas.RepositoriesQuery.self, from: RequestKeyNormalizer.normalize(jsonData: raw))
        #expect(query.id == "a4ac2cd0-a4ac-4ced-be39-a4ac31e033ff")
        #expect(query.limit == 2)
        #expect(query.page == 1)
        #expect(query.orderby == .name)
        #expect(query.ordertype == .asc)
        let filter = try #require(query.filters?.first)
        #expect(filter.property == .isRemoved)
        #expect(filter._operator == .eq)
        #expect(filter.value == .FilterFlag(true))
    }

    /// Every sample in the folder is covered by a test above.
    @Test func everySampleIsCovered() throws {
        let folder = try #require(Bundle.module.url(forResource: "VendorSamples", withExtension: nil))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(
            names == [
                "login.response.json", "organizations-getmany.request.json", "organizations-getmany.response.json",
                "plans-listassignedtoorganization.response.json", "repositories-activate.response.json",
                "repositories-deactivate.response.json", "repositories-getmany.request.json",
            ])
    }
}
