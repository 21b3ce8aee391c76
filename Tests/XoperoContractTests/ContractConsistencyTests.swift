import Foundation
import Testing
import XoperoContract

@testable import XoperoSimulator

/// `openapi.yaml` is the one source of wire facts. What the code must still write by hand (paths, which
/// calls write, the field names the simulator normalizes or writes as null, the listing fields) is checked
/// here against the document itself, so that a change to the contract that the code does not follow fails.
@Suite struct ContractConsistencyTests {
    /// Parsed once per test: a suite instance is made for each.
    let contract: OpenAPIDocument

    init() throws { contract = try OpenAPIDocument() }

    @Test func theDocumentParses() {
        #expect(!contract.paths.isEmpty)
        #expect(!contract.schemas.isEmpty)
    }

    @Test("every operation is a XoperoCall with the same path, and only POST is used")
    func operationsMatchTheCallTable() {
        let documented = contract.operations
        #expect(documented.count == contract.paths.count, "every path has a POST with an operationId")
        #expect(Set(documented.map(\.id)) == Set(XoperoCall.allCases.map(\.operationID)))
        for operation in documented {
            let call = XoperoCall(operationID: operation.id)
            #expect(call?.path == operation.path, "\(operation.id)")
            #expect(Set(contract.paths[operation.path]?.keys.map { $0 } ?? []) == ["post"], "\(operation.path)")
        }
    }

    @Test("a call writes exactly when its contract answers 403 for a role that may not write")
    func writesAreTheCallsThatCanBeForbidden() {
        for operation in contract.operations {
            let call = XoperoCall(operationID: operation.id)
            #expect(call?.isWrite == operation.statuses.contains("403"), "\(operation.id)")
        }
        let everyCallMayBeRepeated = XoperoCall.allCases.allSatisfy { $0.isIdempotent }
        #expect(everyCallMayBeRepeated, "every write the plan makes may be repeated")
    }

    @Test("the simulator normalizes exactly the request bodies' field names")
    func normalizedKeysAreTheRequestFields() {
        var topLevel = Set<String>()
        var filterKeys = Set<String>()
        for fields in contract.requestBodies {
            topLevel.formUnion(fields.keys)
            if let items = fields["filters"]?["items"] as? [String: Any] {
                filterKeys.formUnion(contract.properties(of: items).keys)
            }
        }
        #expect(topLevel == Set(RequestKeyNormalizer.canonicalTopLevelKeys))
        #expect(filterKeys == Set(RequestKeyNormalizer.canonicalFilterKeys))
    }

    @Test("the simulator lets exactly the request fields whose type admits null be null")
    func nullableRequestFields() {
        let nullable = Set(
            contract.requestBodies.flatMap { fields in
                fields.filter { ($0.value["type"] as? [String])?.contains("null") == true }.keys
            })
        #expect(nullable == Set(RequestKeyNormalizer.nullableTopLevelKeys))
    }

    @Test(
        "the listings sort and filter by exactly the fields of their enums",
        arguments: [
            (XoperoCall.getOrganizations, "OrganizationField"), (.getRepositories, "RepositoryField"),
            (.listPlansAssignedToOrganization, "PlanAssignmentField"),
        ])
    func listingFieldNames(call: XoperoCall, schema: String) {
        #expect(ListingFields.names(for: call) == contract.schemas[schema]?["enum"] as? [String])
    }

    @Test("only listings have field names")
    func otherCallsHaveNoListingFields() {
        let listings: Set<XoperoCall> = [.getOrganizations, .getRepositories, .listPlansAssignedToOrganization]
        for call in XoperoCall.allCases {
            #expect((ListingFields.names(for: call) != nil) == listings.contains(call), "\(call)")
        }
    }

    @Test("the whole-number request fields the simulator bounds are the contract's integers")
    func wholeNumberFields() {
        var integers = Set<String>()
        for (name, property) in contract.requestBodies.flatMap({ $0 }) {
            let type = property["type"]
            if type as? String == "integer" || (type as? [String])?.contains("integer") == true {
                integers.insert(name)
                #expect(property["maximum"] as? Int == Int(Int32.max), "\(name)")
            }
        }
        #expect(integers == Set(RequestFieldProblems.wholeNumberFields))
    }

    @Test func explicitNullsAreTheRequiredNullableFields() {
        #expect(contract.requiredNullableFields("Organization") == Set(VendorNullsMiddleware.organizationFields))
        #expect(contract.requiredNullableFields("OrganizationPlan") == Set(VendorNullsMiddleware.planFields))
    }

    @Test("the page-size maximum in the code is the contract's")
    func pageSizeMaximum() {
        // Clamped, not refused: `maximum` is the integers' bound, `x-maximum-served` the clamp.
        #expect(contract.schemas["PageSize"]?["x-maximum-served"] as? Int == XoperoAssumptions.maximumPageSize)
        #expect(contract.schemas["PageSize"]?["maximum"] as? Int == Int(Int32.max))
        #expect(contract.schemas["PageNumber"]?["maximum"] as? Int == Int(Int32.max))
        #expect(contract.schemas["PageSize"]?["minimum"] as? Int == 1)
        #expect(contract.schemas["PageNumber"]?["minimum"] as? Int == 1)
    }

    @Test("every error code in the code is one the contract describes")
    func errorCodesAreDescribed() {
        let description =
            (contract.schemas["BatchError"].map(contract.properties(of:))?["errorCode"]?["description"]
                as? String) ?? ""
        for code in XoperoAssumptions.ErrorCode.allCases {
            #expect(description.contains(code.rawValue), "\(code.rawValue)")
        }
    }
}
