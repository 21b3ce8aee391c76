import ReconcileCore

/// Reads and parses desired-state files, printing every diagnostic to the run's output.
public enum DesiredStateInput {
    /// The desired state, or nil when a file could not be read or holds an error (all of them printed).
    public static func load(
        _ paths: [String], environment: [String: String], output: any OutputSink, colour: Bool
    ) -> (state: DesiredState?, sources: [SourceFile]) {
        let sources: [SourceFile]
        let problems: [Diagnostic]
        do {
            (sources, problems) = try DesiredStateLoader.read(paths, environment: environment)
        } catch {
            output.printError("reconcile: error: \(error.description)")
            return (nil, [])
        }
        // A file that is not UTF-8 is reported at its first bad byte and not parsed.
        let readable = sources.filter { source in !problems.contains { $0.location?.file == source.path } }
        let result = DesiredStateParser.parse(readable, environment: environment)
        let diagnostics = problems + result.diagnostics
        output.printDiagnostics(diagnostics, sources: sources, colour: colour)
        return (diagnostics.containsErrors ? nil : result.desiredState, sources)
    }
}
