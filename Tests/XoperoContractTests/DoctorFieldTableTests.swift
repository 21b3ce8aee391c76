import Testing
import XoperoContract

/// `doctor` compares answers with one table of field names and JSON types (`ContractObject`); the
/// table must say exactly what openapi.yaml says.
@Suite struct DoctorFieldTableTests {
    let contract: OpenAPIDocument

    init() throws { contract = try OpenAPIDocument() }

    /// The contract's type of a property, resolved as the table writes it.
    static func contractType(_ property: [String: Any]) -> (type: ContractType?, nullable: Bool) {
        if let reference = property["$ref"] as? String {
            let name = String(reference.split(separator: "/").last ?? "")
            return (ContractObject(rawValue: name).map(ContractType.object), false)
        }
        var names: [String] = []
        if let single = property["type"] as? String { names = [single] }
        if let many = property["type"] as? [String] { names = many }
        let nullable = names.contains("null")
        switch names.first(where: { $0 != "null" }) {
        case "string": return (.string, nullable)
        case "integer": return (.integer, nullable)
        case "boolean": return (.boolean, nullable)
        case "array":
            let items = property["items"] as? [String: Any] ?? [:]
            return (.array(contractType(items).type), nullable)
        default: return (nil, nullable)
        }
    }

    @Test(
        "every object of the table has exactly the contract's fields, all required", arguments: ContractObject.allCases)
    func fieldNames(object: ContractObject) throws {
        let schema = try #require(contract.schemas[object.rawValue])
        let properties = contract.properties(of: schema)
        #expect(Set(object.fields.map(\.name)) == Set(properties.keys))
        #expect(Set(object.fields.map(\.name)) == Set(schema["required"] as? [String] ?? []))
        #expect(object.fields.count == Set(object.fields.map(\.name)).count, "no field twice")
    }

    @Test("every field of the table has the contract's JSON type and nullability", arguments: ContractObject.allCases)
    func fieldTypes(object: ContractObject) throws {
        let schema = try #require(contract.schemas[object.rawValue])
        let properties = contract.properties(of: schema)
        for field in object.fields {
            let property = try #require(properties[field.name], "\(object.rawValue).\(field.name)")
            let (type, nullable) = Self.contractType(property)
            #expect(nullable == field.nullable, "\(object.rawValue).\(field.name)")
            if object == .page && field.name == "result" {
                // The envelope's items are checked as their own object.
                #expect(field.type == .array(nil))
                #expect(property["type"] as? String == "array")
            } else {
                #expect(type == field.type, "\(object.rawValue).\(field.name)")
            }
        }
    }

    @Test("the three paged answers share the envelope the table describes")
    func everyPageHasTheEnvelope() throws {
        let envelope = ContractObject.page.fields.map(\.name)
        for name in ["OrganizationPage", "RepositoryPage", "PlanAssignmentPage"] {
            let schema = try #require(contract.schemas[name])
            #expect(Set(contract.properties(of: schema).keys) == Set(envelope), "\(name)")
            #expect(Set(schema["required"] as? [String] ?? []) == Set(envelope), "\(name)")
        }
    }

    @Test("the table covers every object the listings answer with")
    func everyListedObjectIsInTheTable() {
        let objects = Set(ContractObject.allCases.map(\.rawValue))
        for name in ["Organization", "OrganizationPlan", "PlanStatus", "Repository", "PlanAssignment"] {
            #expect(objects.contains(name), "\(name)")
        }
    }
}
