import Foundation
import Testing
import XoperoContract
import Yams

@testable import XoperoSimulator

/// `openapi.yaml` is the one source of wire facts. What the code must still write by hand (paths, which
/// calls write, the field names the simulator normalizes or writes as null, the listing fields) is checked
/// here against the document itself, so that a change to the contract that the code does not follow fails.
@Suite struct ContractConsistencyTests {
    /// The parsed openapi.yaml of the contract target.
    static var document: [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/XoperoContract/openapi.yaml")
        guard let text = try? String(contentsOf: url, encoding: .utf8),
            let parsed = (try? Yams.load(yaml: text)) as? [String: Any]
        else { return [:] }
        return parsed
    }

    static var paths: [String: [String: Any]] { document["paths"] as? [String: [String: Any]] ?? [:] }
    static var schemas: [String: [String: Any]] {
        (document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]] ?? [:]
    }

    /// `(path, operationId, response statuses)` of every operation; every one is a POST.
    static var operations: [(path: String, id: String, statuses: Set<String>)] {
        paths.keys.sorted().compactMap { path in
            guard let post = paths[path]?["post"] as? [String: Any], let id = post["operationId"] as? String else {
                return nil
            }
            let responses = (post["responses"] as? [String: Any]).map { Set($0.keys) } ?? []
            return (path, id, responses)
        }
    }

    /// Resolves `{$ref: "#/components/schemas/X"}` one level.
    static func resolved(_ schema: [String: Any]) -> [String: Any] {
        guard let reference = schema["$ref"] as? String else { return schema }
        return schemas[String(reference.split(separator: "/").last ?? "")] ?? [:]
    }

    static func properties(of schema: [String: Any]) -> [String: [String: Any]] {
        resolved(schema)["properties"] as? [String: [String: Any]] ?? [:]
    }

    /// The top-level properties of each operation's JSON request body, resolved one level.
    static var requestBodies: [[String: [String: Any]]] {
        operations.map { operation in
            let post = paths[operation.path]?["post"] as? [String: Any]
            let body = ((post?["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"]
            let schema = (body as? [String: Any])?["schema"] as? [String: Any] ?? [:]
            return properties(of: schema).mapValues(resolved)
        }
    }

    @Test func theDocumentParses() {
        #expect(!Self.paths.isEmpty)
        #expect(!Self.schemas.isEmpty)
    }

    @Test("every operation is a XoperoCall with the same path, and only POST is used")
    func operationsMatchTheCallTable() {
        let documented = Self.operations
        #expect(documented.count == Self.paths.count, "every path has a POST with an operationId")
        #expect(Set(documented.map(\.id)) == Set(XoperoCall.allCases.map(\.operationID)))
        for operation in documented {
            let call = XoperoCall(operationID: operation.id)
            #expect(call?.path == operation.path, "\(operation.id)")
            #expect(Set(Self.paths[operation.path]?.keys.map { $0 } ?? []) == ["post"], "\(operation.path)")
        }
    }

    @Test("a call writes exactly when its contract answers 403 for a role that may not write")
    func writesAreTheCallsThatCanBeForbidden() {
        for operation in Self.operations {
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
        for fields in Self.requestBodies {
            topLevel.formUnion(fields.keys)
            if let items = fields["filters"]?["items"] as? [String: Any] {
                filterKeys.formUnion(Self.properties(of: items).keys)
            }
        }
        #expect(topLevel == Set(RequestKeyNormalizer.canonicalTopLevelKeys))
        #expect(filterKeys == Set(RequestKeyNormalizer.canonicalFilterKeys))
    }

    @Test("the simulator lets exactly the request fields whose type admits null be null")
    func nullableRequestFields() {
        let nullable = Set(
            Self.requestBodies.flatMap { fields in
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
        #expect(ListingFields.names(for: call) == Self.schemas[schema]?["enum"] as? [String])
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
        for (name, property) in Self.requestBodies.flatMap({ $0 }) {
            let type = property["type"]
            if type as? String == "integer" || (type as? [String])?.contains("integer") == true {
                integers.insert(name)
                #expect(property["maximum"] as? Int == Int(Int32.max), "\(name)")
            }
        }
        #expect(integers == Set(RequestFieldProblems.wholeNumberFields))
    }

    /// Required fields whose type admits null: the vendor writes them as `null`, the generated encoder
    /// would leave them out.
    static func requiredNullableFields(_ name: String) -> Set<String> {
        let schema = Self.schemas[name] ?? [:]
        let required = Set(schema["required"] as? [String] ?? [])
        let nullable = Self.properties(of: schema).filter { _, property in
            (property["type"] as? [String])?.contains("null") == true
        }
        return required.intersection(nullable.keys)
    }

    @Test func explicitNullsAreTheRequiredNullableFields() {
        #expect(Self.requiredNullableFields("Organization") == Set(VendorNullsMiddleware.organizationFields))
        #expect(Self.requiredNullableFields("OrganizationPlan") == Set(VendorNullsMiddleware.planFields))
    }

    @Test("the page-size maximum in the code is the contract's")
    func pageSizeMaximum() {
        // Clamped, not refused: `maximum` is the integers' bound, `x-maximum-served` the clamp.
        #expect(Self.schemas["PageSize"]?["x-maximum-served"] as? Int == XoperoAssumptions.maximumPageSize)
        #expect(Self.schemas["PageSize"]?["maximum"] as? Int == Int(Int32.max))
        #expect(Self.schemas["PageNumber"]?["maximum"] as? Int == Int(Int32.max))
        #expect(Self.schemas["PageSize"]?["minimum"] as? Int == 1)
        #expect(Self.schemas["PageNumber"]?["minimum"] as? Int == 1)
    }

    @Test("every error code in the code is one the contract describes")
    func errorCodesAreDescribed() {
        let description =
            (Self.schemas["BatchError"].map(Self.properties(of:))?["errorCode"]?["description"]
                as? String) ?? ""
        for code in XoperoAssumptions.ErrorCode.allCases {
            #expect(description.contains(code.rawValue), "\(code.rawValue)")
        }
    }
}
