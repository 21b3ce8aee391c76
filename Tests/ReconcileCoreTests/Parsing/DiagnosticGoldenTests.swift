import Foundation
import Testing

@testable import ReconcileCore

/// Every folder of `Golden/diagnostics/` is one case: its `*.yaml` files (parsed together, in name
/// order, with `env.json` as the environment when present) must render exactly `expected.txt`.
/// Run with `UPDATE_GOLDEN=1` to rewrite the expected files after a deliberate change (then review
/// the diff).
@Suite("Diagnostics golden cases")
struct DiagnosticGoldenTests {
    static let group = "diagnostics"

    @Test("golden case renders its expected diagnostics", arguments: Golden.caseNames(in: group))
    func goldenCase(_ name: String) throws {
        let folder = Golden.caseFolder(Self.group, name)
        let files = try Golden.files(in: folder, endingWith: ".yaml").map { fileName in
            SourceFile(path: fileName, text: try #require(Golden.text(folder.appendingPathComponent(fileName))))
        }
        #expect(!files.isEmpty, "case \(name) has no .yaml input")
        let environment = try Self.environment(in: folder)
        let result = DesiredStateParser.parse(files, environment: environment)
        let actual = DiagnosticRenderer.render(result.diagnostics, sources: files)
        let expectedURL = folder.appendingPathComponent("expected.txt")
        if Golden.updateIfRequested(expectedURL, with: actual) { return }
        let expected = try #require(Golden.text(expectedURL), "case \(name) has no expected.txt")
        let diff = goldenDiff(expected: expected, actual: actual)
        #expect(diff.isEmpty, "diagnostics of case \(name) differ from expected.txt:\n\(diff)")
        // The contract of ParseResult: no desired state exactly when there is an error.
        #expect((result.desiredState == nil) == result.diagnostics.containsErrors)
    }

    static func environment(in folder: URL) throws -> [String: String] {
        guard let text = Golden.text(folder.appendingPathComponent("env.json")) else { return [:] }
        return try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }
}
