import PrintableText

/// Every key the desired-state format knows, at any level.
enum FormatKey: String, Sendable, Hashable, CaseIterable {
    case version, defaults, organizations
    case name, licenses, keepLicensed, plans
    case backupType, includeMetadata, includeAllRepositories, worker, settings, repositories, membership
}

/// The shape a value must have. Non-string scalars may also be written as one `${NAME}` reference,
/// since interpolation runs before type checking.
indirect enum ValueFormat: Sendable {
    /// Text; `nonEmpty` refuses `""`.
    case string(nonEmpty: Bool)
    /// An organization's or plan's name: non-empty text without control or bidirectional-override
    /// characters (`TerminalText.isUnsafe`), so that it prints as what it is.
    case name
    /// A whole number, at least `minimum`, and one of `allowed` when given.
    case integer(minimum: Int?, allowed: [Int]?)
    case boolean
    /// One of the listed words.
    case choice([String])
    /// A mapping of names to single values (strings, numbers or booleans, kept as written).
    case stringMap
    /// A repository name or glob (`*`, `?`, `[abc]`); a leading `!` excludes.
    case repositoryPattern
    case list(of: ValueFormat, minItems: Int)
    case object(ObjectFormat)
}

/// A rule that ties one field to another field of the same object.
enum FieldCondition: Sendable {
    /// The field must be absent when `key` is `true`; `reason` says why, for the message.
    case forbiddenWhenTrue(FormatKey, reason: String)
    /// The field may only be present when `key` is the string `value`.
    case onlyWhen(FormatKey, equals: String)
}

/// One key of an object: its value's shape, whether it must be present, and what it means.
struct FieldFormat: Sendable {
    var key: FormatKey
    var value: ValueFormat
    var isRequired: Bool = false
    var description: String
    var condition: FieldCondition?
}

/// A mapping in the format (the document, `defaults`, an organization, a plan).
struct ObjectFormat: Sendable {
    /// How messages name it: "the document", "a plan", ...
    var noun: String
    /// The `$defs` name in the JSON Schema ("" for the document itself).
    var schemaName: String
    var description: String
    var fields: [FieldFormat]

    func field(_ name: String) -> FieldFormat? {
        fields.first { $0.key.rawValue == name }
    }
}

/// The desired-state format, version 1, as one table. It drives both the structural validation of
/// parsed files (`StructureValidator`) and the JSON Schema (`DesiredStateSchema`), so the two
/// cannot disagree.
enum DesiredStateFormat {
    static let currentVersion = 1

    /// Fields a plan and `defaults` share, so both read the same definitions.
    private static let backupType = FieldFormat(
        key: .backupType, value: .integer(minimum: 0, allowed: nil),
        description: "The plan's backup type, as the API numbers it (Git plans in the vendor's samples use 5).")
    private static let includeMetadata = FieldFormat(
        key: .includeMetadata, value: .boolean,
        description: "Back up metadata (issues, pull requests, wikis, ...) besides the Git data.")
    private static let worker = FieldFormat(
        key: .worker, value: .string(nonEmpty: true),
        description: "Id of the worker (device) that runs the plan. Write-only on the server: never "
            + "compared, sent with any change of the plan and reported as unverified.")
    private static let settings = FieldFormat(
        key: .settings, value: .stringMap,
        description: "Plan settings, a map of names to values sent as strings. Write-only on the server "
            + "like `worker`. A plan's own `settings` replace the defaults' map as a whole.")
    private static let membership = FieldFormat(
        key: .membership, value: .choice(MembershipMode.allCases.map(\.rawValue)),
        description: "`exact` (the default): the plan holds exactly the matched repositories, others are "
            + "detached. `additive`: matched repositories are attached, nothing is detached.")

    static let plan = ObjectFormat(
        noun: "a plan", schemaName: "plan",
        description: "An existing backup plan of the organization (the API cannot create plans). "
            + "A field left out is not managed.",
        fields: [
            FieldFormat(
                key: .name, value: .name, isRequired: true,
                description: "The plan's name as the console shows it."),
            backupType, includeMetadata,
            FieldFormat(
                key: .includeAllRepositories, value: .boolean,
                description: "`true`: the server takes every repository of the organization; "
                    + "`repositories` must then be absent."),
            worker, settings,
            FieldFormat(
                key: .repositories, value: .list(of: .repositoryPattern, minItems: 0),
                description: "Repository names or glob patterns (`*`, `?`, `[abc]`), matched "
                    + "case-sensitively; an entry starting with `!` removes what earlier entries matched.",
                condition: .forbiddenWhenTrue(.includeAllRepositories, reason: "the server then takes every repository")
            ),
            membership,
        ])

    static let defaults = ObjectFormat(
        noun: "defaults", schemaName: "defaults",
        description: "Plan fields every plan gets unless it sets its own. Organization defaults win "
            + "over the top-level ones; a plan's own fields win over both.",
        fields: [backupType, includeMetadata, worker, settings, membership])

    static let organization = ObjectFormat(
        noun: "an organization", schemaName: "organization",
        description: "An organization as the console shows it. Organizations the file does not name are left alone.",
        fields: [
            FieldFormat(
                key: .name, value: .name, isRequired: true,
                description: "The organization's name as the console shows it."),
            FieldFormat(
                key: .licenses, value: .choice(LicenseMode.allCases.map(\.rawValue)),
                description: "`additive` (the default): activate licences that are needed, never "
                    + "deactivate. `exact`: also deactivate licensed repositories that will be in no "
                    + "plan and match no `keepLicensed` pattern."),
            FieldFormat(
                key: .keepLicensed, value: .list(of: .repositoryPattern, minItems: 0),
                description: "Only with `licenses: exact`: repositories (names or globs) that stay "
                    + "licensed though in no plan.",
                condition: .onlyWhen(.licenses, equals: LicenseMode.exact.rawValue)),
            FieldFormat(
                key: .defaults, value: .object(defaults),
                description: "Plan fields for this organization's plans; they win over the top-level `defaults`."),
            FieldFormat(
                key: .plans, value: .list(of: .object(plan), minItems: 0),
                description: "The plans to manage. Plans on the server that are not listed are left alone."),
        ])

    static let document = ObjectFormat(
        noun: "the document", schemaName: "",
        description: "A desired-state file of xopero-reconcile: which repositories each Git backup plan "
            + "of Xopero ONE should hold, and which repositories hold a licence.",
        fields: [
            FieldFormat(
                key: .version, value: .integer(minimum: nil, allowed: [currentVersion]), isRequired: true,
                description: "The format version; always 1."),
            FieldFormat(
                key: .defaults, value: .object(defaults),
                description: "Plan fields every plan of every organization in this file gets unless "
                    + "the organization's `defaults` or the plan set their own."),
            FieldFormat(
                key: .organizations, value: .list(of: .object(organization), minItems: 1), isRequired: true,
                description: "The organizations to manage; at least one."),
        ])

    /// Every object format, for "this key belongs in a plan" hints.
    static let allObjects: [ObjectFormat] = [document, defaults, organization, plan]

    /// `${NAME}` or `${NAME:-fallback}` as the whole value: how a non-string field can be interpolated.
    static let interpolationPattern = #"^\$\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\}$"#
}
