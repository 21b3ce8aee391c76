import Testing

@testable import ReconcileCore

/// The examples `scripts/check-schema.py` runs through the JSON Schema also go through the parser,
/// which must agree: valid ones parse without errors, invalid ones are refused.
@Suite("Schema examples agree with the parser")
struct SchemaExamplesTests {
    static let valid = Golden.group("schema").appendingPathComponent("valid")
    static let invalid = Golden.group("schema").appendingPathComponent("invalid")

    @Test("valid example parses", arguments: Golden.files(in: valid, endingWith: ".yaml"))
    func validExampleParses(_ name: String) throws {
        let text = try #require(Golden.text(Self.valid.appendingPathComponent(name)))
        let result = DesiredStateParser.parse([SourceFile(path: name, text: text)], environment: [:])
        #expect(
            result.diagnostics.isEmpty,
            "\(DiagnosticRenderer.render(result.diagnostics, sources: [SourceFile(path: name, text: text)]))")
        #expect(result.desiredState != nil)
    }

    @Test("invalid example is refused", arguments: Golden.files(in: invalid, endingWith: ".yaml"))
    func invalidExampleIsRefused(_ name: String) throws {
        let text = try #require(Golden.text(Self.invalid.appendingPathComponent(name)))
        let result = DesiredStateParser.parse([SourceFile(path: name, text: text)], environment: ["X": "2"])
        #expect(result.diagnostics.containsErrors)
        #expect(result.desiredState == nil)
    }

    @Test func bothFoldersHoldExamples() {
        #expect(Golden.files(in: Self.valid, endingWith: ".yaml").count >= 5)
        #expect(Golden.files(in: Self.invalid, endingWith: ".yaml").count >= 15)
    }
}
