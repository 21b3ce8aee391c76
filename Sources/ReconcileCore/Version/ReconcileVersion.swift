/// The tool's version, in one place: the JSON plan's `generator` field, the Markdown comment's
/// footer and the command line's `--version` all read it.
public enum ReconcileVersion {
    /// Semantic version of this build.
    public static let current = "0.6.0"

    /// `xopero-reconcile 0.6.0`: what produced a document.
    public static let generator = "xopero-reconcile \(current)"

    /// The first line of every Markdown plan: an HTML comment, invisible once rendered, by which a CI
    /// job finds the pull-request comment it wrote before and updates it instead of adding another.
    public static let markdownMarker = "<!-- xopero-reconcile:plan -->"
}
