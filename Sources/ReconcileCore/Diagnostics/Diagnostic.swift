/// One problem found in the input, at any stage (syntax, structure, semantics against live state, safety).
///
/// Rendered compiler-style by `DiagnosticRenderer`: `file:line:col: error: message`, then the source
/// line and a caret under the spot.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A secondary place that explains the diagnostic (for example the first of two duplicate names).
    public struct Note: Sendable, Hashable, Codable {
        public var message: String
        public var location: SourceLocation?

        public init(message: String, location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    public var severity: Severity
    public var message: String
    /// Where the problem is; nil for problems that belong to no file (for example a safety refusal).
    public var location: SourceLocation?
    public var notes: [Note]

    public init(_ severity: Severity, _ message: String, at location: SourceLocation? = nil, notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
    }

    public static func error(_ message: String, at location: SourceLocation? = nil, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.error, message, at: location, notes: notes)
    }

    public static func warning(_ message: String, at location: SourceLocation? = nil, notes: [Note] = []) -> Diagnostic
    {
        Diagnostic(.warning, message, at: location, notes: notes)
    }
}

extension Array where Element == Diagnostic {
    /// True when any diagnostic is an error (warnings and notes do not stop a run).
    public var containsErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line, column, then the order they were found; diagnostics without a place last.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { lhs, rhs in
            let l = lhs.element.location
            let r = rhs.element.location
            switch (l, r) {
            case (let l?, let r?):
                if l.file != r.file { return l.file < r.file }
                if l.line != r.line { return l.line < r.line }
                if l.column != r.column { return l.column < r.column }
                return lhs.offset < rhs.offset
            case (nil, _?): return false
            case (_?, nil): return true
            case (nil, nil): return lhs.offset < rhs.offset
            }
        }.map(\.element)
    }
}
