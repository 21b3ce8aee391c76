import PrintableText

/// Turns a live state into a tidy desired-state file: `reconcile export`.
///
/// `version: 1`; organizations sorted by name with `licenses: additive`; every plan with its
/// readable fields (`backupType`, `includeMetadata`, `includeAllRepositories` when true) and its
/// repositories by name, sorted, with `membership: exact` (plans with `includeAllRepositories: true`
/// get no list). Reconciling against the same live state plans nothing. Repositories removed from the
/// Git host are listed only as comments (an exact name of a removed repository is an error), so a
/// plan that still holds one is written with `membership: additive`, which never detaches it. Only
/// the first of several plans sharing a name is written (the tool cannot manage ambiguous names).
public enum DesiredStateExporter {
    /// The live state as desired-state YAML text, ending with a newline.
    public static func export(_ live: LiveState) -> String {
        var lines = [
            "# Desired state exported from the live state by xopero-reconcile.",
            "# Write-only plan fields (worker, settings) cannot be read from the server and are not included.",
            "version: 1",
            "",
        ]
        let organizations = live.organizations.sorted { OrdinalOrder.less($0.name, $1.name) }
        if organizations.isEmpty {
            lines.append("# The server has no organizations; a desired-state file needs at least one.")
            lines.append("organizations: []")
        } else {
            lines.append("organizations:")
        }
        var seenOrganizations: Set<String> = []
        for organization in organizations {
            if !seenOrganizations.insert(organization.name).inserted {
                lines.append(
                    "  # Another organization is also named \(YAMLScalarWriter.scalar(organization.name)) (id \(TerminalText.escaped(organization.id))); not written."
                )
                continue
            }
            lines += organizationLines(organization)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func organizationLines(_ organization: LiveOrganization) -> [String] {
        var lines = [
            "  - name: \(YAMLScalarWriter.scalar(organization.name))",
            "    licenses: additive",
        ]
        let plans = organization.plans.sorted { OrdinalOrder.less($0.name, $1.name) }
        guard !plans.isEmpty else { return lines }
        lines.append("    plans:")
        let repositoriesById = Dictionary(
            organization.repositories.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var seenPlans: Set<String> = []
        for plan in plans {
            if !seenPlans.insert(plan.name).inserted {
                lines.append(
                    "      # Another plan is also named \(YAMLScalarWriter.scalar(plan.name)) (id \(TerminalText.escaped(plan.id))); "
                        + "plan names must be unique to be managed, so it is not written.")
                continue
            }
            lines += planLines(plan, repositoriesById: repositoriesById)
        }
        return lines
    }

    private static func planLines(_ plan: LivePlan, repositoriesById: [String: LiveRepository]) -> [String] {
        var lines = ["      - name: \(YAMLScalarWriter.scalar(plan.name))"]
        if let backupType = plan.backupType { lines.append("        backupType: \(backupType)") }
        if let includeMetadata = plan.includeMetadata { lines.append("        includeMetadata: \(includeMetadata)") }
        if plan.includeAllRepositories {
            lines.append("        includeAllRepositories: true")
            return lines
        }
        var names: [String] = []
        var removed: [String] = []
        var unknownIds: [String] = []
        for id in plan.repositoryIds {
            guard let repository = repositoriesById[id] else {
                unknownIds.append(id)
                continue
            }
            if repository.isRemoved { removed.append(repository.name) } else { names.append(repository.name) }
        }
        names = Array(Set(names)).sorted(by: OrdinalOrder.less)
        lines.append(names.isEmpty ? "        repositories: []" : "        repositories:")
        for name in names {
            if let pattern = YAMLScalarWriter.exactPattern(forName: name) {
                lines.append(
                    "          # \(YAMLScalarWriter.scalar(name)): glob characters and a leading \"!\" are bracketed to match the name"
                )
                lines.append("          - \(YAMLScalarWriter.scalar(pattern))")
            } else {
                lines.append("          - \(YAMLScalarWriter.scalar(name))")
            }
        }
        for name in Array(Set(removed)).sorted(by: OrdinalOrder.less) {
            lines.append("          # - \(YAMLScalarWriter.scalar(name))  (removed from the Git host; still attached)")
        }
        for id in unknownIds.sorted(by: OrdinalOrder.less) {
            lines.append(
                "          # repository id \(TerminalText.escaped(id)) is attached but not in the organization's list")
        }
        if removed.isEmpty && unknownIds.isEmpty {
            lines.append("        membership: exact")
        } else {
            // `exact` would detach what the file cannot name; `additive` keeps export -> plan empty.
            lines.append(
                "        # additive: the plan also holds repositories that cannot be named (above); exact would detach them"
            )
            lines.append("        membership: additive")
        }
        return lines
    }
}
