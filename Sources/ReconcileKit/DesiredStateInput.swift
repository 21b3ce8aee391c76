import ReconcileCore

/// Reads and parses desired-state files, printing every diagnostic to the run's output.
public enum DesiredStateInput {
    /// The desired state, or nil when a file could not be read or holds an error (all of them printed).
    public static func load(
        _ paths: [String], environment: [String: String], output: any OutputSink, colour: Bool
    ) -> (state: DesiredState?, sources: [SourceFile]) {
        let sources: [SourceFile]
        do {
            sources = try DesiredStateLoader.read(paths)
        } catch {
            output.printError("reconcile: error: \(error.description)")
            return (nil, [])
        }
        let result = DesiredStateParser.parse(sources, environment: environment)
        output.printDiagnostics(result.diagnostics, sources: sources, colour: colour)
        return (result.diagnostics.containsErrors ? nil : result.desiredState, sources)
    }
}
