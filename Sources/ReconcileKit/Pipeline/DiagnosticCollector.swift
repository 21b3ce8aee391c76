import ReconcileCore
import Synchronization

/// Keeps every diagnostic a run printed, and the last error line it printed, so that the Code Quality
/// report and a run that ends before it reaches the server can still say what went wrong.
public final class DiagnosticCollector: Sendable {
    private let state = Mutex<(diagnostics: [Diagnostic], lastError: String?)>(([], nil))

    public init() {}

    /// Adds diagnostics in the order they were printed.
    public func append(_ diagnostics: [Diagnostic]) {
        state.withLock { $0.diagnostics += diagnostics }
    }

    /// Remembers an error line (`reconcile: error: ...`, without the prefix).
    public func noteError(_ message: String) {
        state.withLock { $0.lastError = message }
    }

    /// Every diagnostic so far.
    public var diagnostics: [Diagnostic] { state.withLock { $0.diagnostics } }

    /// The last error line printed, if any.
    public var lastError: String? { state.withLock { $0.lastError } }
}
