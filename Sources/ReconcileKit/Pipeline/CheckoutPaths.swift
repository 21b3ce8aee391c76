import ReconcileCore

/// Paths as CI systems match them to files: relative to the checkout. GitHub annotates a file only when
/// its path is relative to `GITHUB_WORKSPACE`, GitLab's Code Quality widget only when it is relative to
/// `CI_PROJECT_DIR`; a run given absolute paths (or `./reconcile.yaml`) still lands on the right file.
public struct CheckoutPaths: Sendable, Hashable {
    /// The checkout's root, absolute; nil when unknown (paths then only lose a leading `./`).
    public var root: String?

    public init(root: String?) {
        self.root = root.flatMap { $0.isEmpty ? nil : ($0.hasSuffix("/") ? String($0.dropLast()) : $0) }
    }

    /// `path` relative to the root when it lies inside it, without a leading `./`.
    public func relative(_ path: String) -> String {
        var result = Substring(path)
        if let root, result.hasPrefix(root + "/") { result = result.dropFirst(root.count + 1) }
        while result.hasPrefix("./") { result = result.dropFirst(2) }
        return result.isEmpty ? path : String(result)
    }

    /// The diagnostics with every place (theirs and their notes') made relative.
    public func relative(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            var copy = diagnostic
            copy.location = diagnostic.location.map(relative)
            copy.notes = diagnostic.notes.map { note in
                var noteCopy = note
                noteCopy.location = note.location.map(relative)
                return noteCopy
            }
            return copy
        }
    }

    private func relative(_ location: SourceLocation) -> SourceLocation {
        SourceLocation(file: relative(location.file), line: location.line, column: location.column)
    }
}
