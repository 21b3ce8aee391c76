import Foundation
import Testing

@testable import ReconcileCore

@Suite("DesiredStateSchema")
struct DesiredStateSchemaTests {
    static let committedSchema = Golden.repositoryRoot.appendingPathComponent("schema/reconcile.schema.json")

    /// The committed file is what editors and `.ci/run` use; regenerate it with
    /// `UPDATE_GOLDEN=1 swift test --filter DesiredStateSchemaTests` after changing the format table.
    @Test func committedSchemaFileEqualsTheGeneratedSchema() throws {
        let generated = DesiredStateSchema.jsonSchema()
        if Golden.updateIfRequested(Self.committedSchema, with: generated) { return }
        let committed = try #require(Golden.text(Self.committedSchema), "schema/reconcile.schema.json is missing")
        let diff = goldenDiff(expected: committed, actual: generated)
        #expect(diff.isEmpty, "schema/reconcile.schema.json is out of date:\n\(diff)")
    }

    @Test func schemaIsValidJSONWithTheDraftAndClosedObjects() throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(DesiredStateSchema.jsonSchema().utf8)) as? [String: Any])
        #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(object["additionalProperties"] as? Bool == false)
        #expect(object["required"] as? [String] == ["version", "organizations"])
        let definitions = try #require(object["$defs"] as? [String: Any])
        for name in ["organization", "plan", "defaults"] {
            let definition = try #require(definitions[name] as? [String: Any])
            #expect(definition["additionalProperties"] as? Bool == false, "\(name) must refuse unknown keys")
        }
    }

    /// Every key of every object of the format table appears in the schema with its description, so
    /// the schema cannot leave out what the parser accepts.
    @Test(
        "each object of the format table is fully in the schema",
        arguments: DesiredStateFormat.allObjects.map(\.schemaName))
    func objectMatchesTheTable(schemaName: String) throws {
        let format = try #require(DesiredStateFormat.allObjects.first { $0.schemaName == schemaName })
        let root = try #require(
            try JSONSerialization.jsonObject(with: Data(DesiredStateSchema.jsonSchema().utf8)) as? [String: Any])
        let object =
            schemaName.isEmpty ? root : try #require((root["$defs"] as? [String: Any])?[schemaName] as? [String: Any])
        let properties = try #require(object["properties"] as? [String: [String: Any]])
        #expect(Set(properties.keys) == Set(format.fields.map(\.key.rawValue)))
        for field in format.fields {
            #expect(properties[field.key.rawValue]?["description"] as? String == field.description)
        }
        #expect(
            Set(object["required"] as? [String] ?? []) == Set(format.fields.filter(\.isRequired).map(\.key.rawValue)))
    }

    @Test func generationIsStable() {
        #expect(DesiredStateSchema.jsonSchema() == DesiredStateSchema.jsonSchema())
    }
}
