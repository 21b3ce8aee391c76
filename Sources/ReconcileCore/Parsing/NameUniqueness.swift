/// Step 5 of parsing: every organization is named once across all files, and every plan once
/// within its organization. A clash names both places (the second is the error, the first a note).
enum NameUniqueness {
    static func check(_ documents: [RawDocument]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var organizations: [String: SourceLocation] = [:]
        for document in documents {
            for organization in document.organizations {
                let name = organization.name
                if let first = organizations[name.value] {
                    diagnostics.append(
                        .error(
                            "organization \(shown(name)) is already defined at \(first); name each organization "
                                + "once and list all its plans there",
                            at: name.location,
                            notes: [Diagnostic.Note(message: "first defined here", location: first)]))
                } else {
                    organizations[name.value] = name.location
                }
                diagnostics += duplicatePlans(in: organization)
            }
        }
        return diagnostics
    }

    private static func duplicatePlans(in organization: RawOrganization) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var plans: [String: SourceLocation] = [:]
        for plan in organization.plans {
            if let first = plans[plan.name.value] {
                diagnostics.append(
                    .error(
                        "plan \(shown(plan.name)) is listed twice in organization \(shown(organization.name)) (first "
                            + "at \(first)); list each plan once",
                        at: plan.name.location,
                        notes: [Diagnostic.Note(message: "first defined here", location: first)]))
            } else {
                plans[plan.name.value] = plan.name.location
            }
        }
        return diagnostics
    }

    /// `'acme'`, or `named by the variable ORG` for a name from the environment (never printed).
    static func shown(_ name: Located<String>) -> String {
        name.variables.isEmpty
            ? "'\(StructureValidator.shown(name.value))'"
            : "(named by \(Interpolator.naming(name.variables)))"
    }
}
