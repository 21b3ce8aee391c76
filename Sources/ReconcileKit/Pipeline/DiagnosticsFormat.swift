/// How diagnostics are printed besides the compiler-style text (`--diagnostics-format`).
public enum DiagnosticsFormat: String, Sendable, CaseIterable {
    /// Text only.
    case text
    /// Also as GitHub Actions workflow commands, which the runner turns into annotations.
    case github
}
