/// Resolves `repositories` and `keepLicensed` lists of one organization into sets of repositories,
/// applying entries in order (`!` entries remove what earlier entries matched), and reports names
/// that do not exist, removed repositories named exactly, and globs that match nothing.
struct SelectorResolver {
    /// What a list is for: plans may not name removed repositories; `keepLicensed` may (it is the
    /// only way to keep a removed repository's licence under `licenses: exact`).
    enum ListKind {
        case planRepositories
        case keepLicensed
    }

    let index: OrganizationIndex
    /// Glob results by pattern: plans of one organization often share patterns.
    private var globMatches: [String: RepositorySet] = [:]

    init(index: OrganizationIndex) {
        self.index = index
    }

    /// The repositories `selectors` select, and the diagnostics found on the way.
    mutating func resolve(_ selectors: [RepositorySelector], as kind: ListKind) -> (RepositorySet, [Diagnostic]) {
        var selected = RepositorySet(capacity: index.repositories.count)
        var diagnostics: [Diagnostic] = []
        for selector in selectors {
            if selector.isGlob {
                switch globMatches(for: selector) {
                case .success(let matches):
                    if matches.isEmpty {
                        diagnostics.append(
                            .warning(
                                "\(described(selector)) matches no repository in organization \"\(index.organization.name)\"",
                                at: selector.location))
                    }
                    if selector.isExclusion { selected.subtract(matches) } else { selected.formUnion(matches) }
                case .failure(let error):
                    let reason = selector.variables.isEmpty ? error.message : error.summary
                    diagnostics.append(.error("invalid \(described(selector)): \(reason)", at: selector.location))
                }
            } else {
                resolveExactName(selector, as: kind, into: &selected, diagnostics: &diagnostics)
            }
        }
        return (selected, diagnostics)
    }

    private mutating func globMatches(for selector: RepositorySelector) -> Result<RepositorySet, GlobSyntaxError> {
        if let cached = globMatches[selector.pattern] { return .success(cached) }
        let glob: GlobPattern
        do {
            glob = try GlobPattern(selector.pattern)
        } catch {
            return .failure(error)
        }
        var matches = RepositorySet(capacity: index.repositories.count)
        for position in index.positions(withNamePrefix: glob.literalPrefix)
        where !index.repositories[position].isRemoved && glob.matches(index.repositories[position].name) {
            matches.insert(position)
        }
        globMatches[selector.pattern] = matches
        return .success(matches)
    }

    private func resolveExactName(
        _ selector: RepositorySelector, as kind: ListKind,
        into selected: inout RepositorySet, diagnostics: inout [Diagnostic]
    ) {
        let organization = index.organization.name
        let positions = index.positions(named: selector.pattern)
        guard !positions.isEmpty else {
            diagnostics.append(
                .error(
                    selector.variables.isEmpty
                        ? "repository \"\(selector.pattern)\" does not exist in organization \"\(organization)\""
                            + NameSuggestion.didYouMean(selector.pattern, among: index.presentNames)
                        : PlanningMessages.unknownFromVariables(
                            "repository", selector.variables, in: "in organization \"\(organization)\""),
                    at: selector.location))
            return
        }
        if selector.isExclusion {
            for position in positions { selected.remove(position) }
            return
        }
        let present = positions.filter { !index.repositories[$0].isRemoved }
        if present.isEmpty && kind == .planRepositories {
            let suggestion = NameSuggestion.nearest(to: selector.pattern, among: index.presentNames)
            diagnostics.append(
                .error(
                    "repository \"\(selector.pattern)\" in organization \"\(organization)\" is removed (gone from its Git host) and cannot be backed up; "
                        + (suggestion.map { "did you mean \"\($0)\"?" } ?? "remove it from the list"),
                    at: selector.location))
            return
        }
        for position in (kind == .keepLicensed ? Array(positions) : present) { selected.insert(position) }
    }

    /// `pattern "web-*"`, or `the pattern the variable P gave` for one from the environment (not printed).
    private func described(_ selector: RepositorySelector) -> String {
        guard selector.variables.isEmpty else {
            return "the pattern \(Interpolator.naming(selector.variables)) gave"
        }
        return "pattern \"\((selector.isExclusion ? "!" : "") + selector.pattern)\""
    }
}
