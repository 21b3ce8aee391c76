/// The environment variables that hold credentials or other secrets. A desired-state file may not
/// interpolate them: `${XOPERO_PASSWORD}` is an error at the reference, whether or not the variable
/// is set, so that no secret can reach a plan, a diagnostic or a "did you mean" suggestion.
/// ReconcileKit checks that every credential variable it reads is in this list.
public enum SecretVariables {
    /// In alphabetical order.
    public static let names: [String] = [
        "XOPERO_NOTIFY_WEBHOOK", "XOPERO_PASSWORD", "XOPERO_PASSWORD_FILE", "XOPERO_TOKEN",
    ]

    /// True when `name` is one of `names`.
    public static func contains(_ name: some StringProtocol) -> Bool {
        names.contains { $0 == name }
    }
}
