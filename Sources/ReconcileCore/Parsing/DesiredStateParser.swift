// TEMPORARY SIGNATURE ONLY — owned by the parsing helper, who replaces this whole file.
/// One desired-state file's path (as given on the command line) and its text.
public struct SourceFile: Sendable, Hashable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// The parser's output: the merged desired state, or nil when any error was found, and every diagnostic.
public struct ParseResult: Sendable {
    public var desiredState: DesiredState?
    public var diagnostics: [Diagnostic]

    public init(desiredState: DesiredState?, diagnostics: [Diagnostic]) {
        self.desiredState = desiredState
        self.diagnostics = diagnostics
    }
}

public enum DesiredStateParser {
    /// Parses, interpolates `${VAR}` from `environment`, validates structure, merges the files and
    /// resolves `defaults`. Reports every problem of every file, not only the first.
    public static func parse(_ files: [SourceFile], environment: [String: String]) -> ParseResult {
        ParseResult(desiredState: nil, diagnostics: [.error("parser not implemented yet")])
    }
}
