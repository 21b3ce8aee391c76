import ReconcileCore

/// `--org`: keeps only the named organizations of a desired state.
public enum OrganizationFilter {
    /// The desired state limited to `names` (all of it when `names` is empty). A name the files do not
    /// declare is an error, so that a typo does not silently do nothing.
    public static func restrict(_ desired: DesiredState, to names: [String]) throws(ReconcileError) -> DesiredState {
        guard !names.isEmpty else { return desired }
        let declared = Set(desired.organizations.map(\.name))
        let unknown = names.filter { !declared.contains($0) }
        if !unknown.isEmpty {
            let known = desired.organizations.map(\.name).sorted().joined(separator: ", ")
            throw .usage(
                "--org \(unknown.joined(separator: ", ")): the desired-state files declare no such organization "
                    + "(they declare: \(known))")
        }
        let wanted = Set(names)
        return DesiredState(organizations: desired.organizations.filter { wanted.contains($0.name) })
    }
}
