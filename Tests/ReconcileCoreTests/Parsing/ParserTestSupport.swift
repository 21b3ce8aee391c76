@testable import ReconcileCore

/// Parses one in-memory file named `reconcile.yaml`.
func parseOne(_ text: String, environment: [String: String] = [:]) -> ParseResult {
    DesiredStateParser.parse([SourceFile(path: "reconcile.yaml", text: text)], environment: environment)
}

/// The messages of a parse's diagnostics, for compact expectations.
func messages(_ result: ParseResult) -> [String] {
    result.diagnostics.map(\.message)
}
