/// Step 4 of parsing: one file's checked values as typed records, before files are merged and
/// `defaults` resolved. Entries whose required parts had errors are dropped (their errors are
/// already reported).
struct RawDocument: Sendable {
    var file: String
    var defaults: RawPlanFields?
    var organizations: [RawOrganization]
}

/// The plan fields `defaults` may hold, which a plan may also set.
struct RawPlanFields: Sendable, Hashable {
    var backupType: Int?
    var includeMetadata: Bool?
    var worker: String?
    var settings: [String: String]?
    var membership: MembershipMode?

    /// Each field from `self`, or else from `fallback`: the plan wins over its defaults.
    func overriding(_ fallback: RawPlanFields?) -> RawPlanFields {
        RawPlanFields(
            backupType: backupType ?? fallback?.backupType,
            includeMetadata: includeMetadata ?? fallback?.includeMetadata,
            worker: worker ?? fallback?.worker,
            settings: settings ?? fallback?.settings,  // a map replaces the defaults' map as a whole
            membership: membership ?? fallback?.membership)
    }
}

struct RawOrganization: Sendable {
    var name: Located<String>
    var licenses: LicenseMode?
    var keepLicensed: [RepositorySelector]
    var defaults: RawPlanFields?
    var plans: [RawPlan]
}

struct RawPlan: Sendable {
    var name: Located<String>
    var fields: RawPlanFields
    var includeAllRepositories: Bool?
    var repositories: [RepositorySelector]?
}

extension RawDocument {
    /// Reads the checked document; every value is already of the right type.
    init(file: String, checked document: CheckedObject) {
        self.file = file
        defaults = document.object(.defaults).map(RawPlanFields.init(checked:))
        organizations = (document.list(.organizations) ?? []).compactMap { entry in
            entry.value.object.flatMap(RawOrganization.init(checked:))
        }
    }
}

extension RawPlanFields {
    init(checked object: CheckedObject) {
        backupType = object.integer(.backupType)
        includeMetadata = object.boolean(.includeMetadata)
        worker = object.string(.worker)?.value
        settings = object.stringMap(.settings).map { entries in
            Dictionary(entries.map { ($0.key.value, $0.value.value) }, uniquingKeysWith: { first, _ in first })
        }
        membership = object.string(.membership).flatMap { MembershipMode(rawValue: $0.value) }
    }
}

extension RawOrganization {
    init?(checked object: CheckedObject) {
        guard let name = object.string(.name) else { return nil }
        self.name = name
        licenses = object.string(.licenses).flatMap { LicenseMode(rawValue: $0.value) }
        keepLicensed = RepositorySelector.list(object.list(.keepLicensed)) ?? []
        defaults = object.object(.defaults).map(RawPlanFields.init(checked:))
        plans = (object.list(.plans) ?? []).compactMap { entry in entry.value.object.flatMap(RawPlan.init(checked:)) }
    }
}

extension RawPlan {
    init?(checked object: CheckedObject) {
        guard let name = object.string(.name) else { return nil }
        self.name = name
        fields = RawPlanFields(checked: object)
        includeAllRepositories = object.boolean(.includeAllRepositories)
        repositories = RepositorySelector.list(object.list(.repositories))
    }
}

extension RepositorySelector {
    /// `!pattern` becomes an exclusion of `pattern`; the location is the entry's.
    init(entry text: String, location: SourceLocation, variables: [String] = []) {
        let isExclusion = text.hasPrefix("!")
        self.init(
            pattern: isExclusion ? String(text.dropFirst()) : text, isExclusion: isExclusion, location: location,
            variables: variables)
    }

    static func list(_ entries: [Located<CheckedValue>]?) -> [RepositorySelector]? {
        entries.map { list in
            list.compactMap { entry in
                entry.value.string.map {
                    RepositorySelector(entry: $0, location: entry.location, variables: entry.variables)
                }
            }
        }
    }
}
