/// The JSON Schema of the desired-state file, for editors (`# yaml-language-server: $schema=...`)
/// and CI checks. Generated from `DesiredStateFormat`, the same table the parser validates with.
public enum DesiredStateSchema {
    /// JSON Schema draft 2020-12, pretty-printed with a stable key order and a final newline.
    public static func jsonSchema() -> String {
        JSONWriter.prettyPrinted(document())
    }

    static func document() -> OrderedJSON {
        let root = DesiredStateFormat.document
        var members: [(String, OrderedJSON)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("title", .string("xopero-reconcile desired state, version \(DesiredStateFormat.currentVersion)")),
        ]
        members += objectMembers(root)
        members.append(
            (
                "$defs",
                .object([
                    ("organization", .object(objectMembers(DesiredStateFormat.organization))),
                    ("plan", .object(objectMembers(DesiredStateFormat.plan))),
                    ("defaults", .object(objectMembers(DesiredStateFormat.defaults))),
                    ("repositoryPattern", repositoryPatternSchema()),
                    ("interpolation", interpolationSchema()),
                ])
            ))
        return .object(members)
    }

    /// `description`, `type: object`, `required`, `properties`, `additionalProperties: false`, and
    /// the conditions between fields as `allOf` of `if`/`then`.
    private static func objectMembers(_ format: ObjectFormat) -> [(String, OrderedJSON)] {
        var members: [(String, OrderedJSON)] = [
            ("description", .string(format.description)),
            ("type", .string("object")),
        ]
        let required = format.fields.filter(\.isRequired).map { OrderedJSON.string($0.key.rawValue) }
        if !required.isEmpty { members.append(("required", .array(required))) }
        members.append(
            (
                "properties",
                .object(
                    format.fields.map { field in
                        (field.key.rawValue, valueSchema(field.value, description: field.description))
                    })
            ))
        members.append(("additionalProperties", .bool(false)))
        let conditions = format.fields.compactMap(conditionSchema)
        if !conditions.isEmpty { members.append(("allOf", .array(conditions))) }
        return members
    }

    private static func conditionSchema(_ field: FieldFormat) -> OrderedJSON? {
        guard let condition = field.condition else { return nil }
        let name = OrderedJSON.string(field.key.rawValue)
        switch condition {
        case .forbiddenWhenTrue(let other, _):
            return .object([
                (
                    "if",
                    .object([
                        ("properties", .object([(other.rawValue, .object([("const", .bool(true))]))])),
                        ("required", .array([.string(other.rawValue)])),
                    ])
                ),
                ("then", .object([("not", .object([("required", .array([name]))]))])),
            ])
        case .onlyWhen(let other, let value):
            return .object([
                ("if", .object([("required", .array([name]))])),
                (
                    "then",
                    .object([
                        (
                            "properties",
                            .object([(other.rawValue, orInterpolation(.object([("const", .string(value))])))])
                        ),
                        ("required", .array([.string(other.rawValue)])),
                    ])
                ),
            ])
        }
    }

    private static func valueSchema(_ format: ValueFormat, description: String? = nil) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = description.map { [("description", .string($0))] } ?? []
        switch format {
        case .string(let nonEmpty):
            members.append(("type", .string("string")))
            if nonEmpty { members.append(("minLength", .int(1))) }
        case .name:
            members.append(("type", .string("string")))
            members.append(("minLength", .int(1)))
        case .integer(let minimum, let allowed):
            var integer: [(String, OrderedJSON)] = [("type", .string("integer"))]
            if let allowed {
                integer.append(
                    allowed.count == 1 ? ("const", .int(allowed[0])) : ("enum", .array(allowed.map(OrderedJSON.int))))
            }
            if let minimum { integer.append(("minimum", .int(minimum))) }
            members += alternatives(.object(integer))
        case .boolean:
            members += alternatives(.object([("type", .string("boolean"))]))
        case .choice(let choices):
            members += alternatives(.object([("enum", .array(choices.map(OrderedJSON.string)))]))
        case .stringMap:
            members += [
                ("type", .string("object")),
                ("propertyNames", .object([("minLength", .int(1))])),
                (
                    "additionalProperties",
                    .object([("type", .array([.string("string"), .string("number"), .string("boolean")]))])
                ),
            ]
        case .repositoryPattern:
            members.append(("$ref", .string("#/$defs/repositoryPattern")))
        case .list(let item, let minItems):
            members.append(("type", .string("array")))
            if minItems > 0 { members.append(("minItems", .int(minItems))) }
            members.append(("items", valueSchema(item)))
        case .object(let object):
            members.append(("$ref", .string("#/$defs/\(object.schemaName)")))
        }
        return .object(members)
    }

    /// A non-string value may also be written as one `${NAME}` reference (interpolated first).
    private static func alternatives(_ schema: OrderedJSON) -> [(String, OrderedJSON)] {
        [("anyOf", .array([schema, .object([("$ref", .string("#/$defs/interpolation"))])]))]
    }

    private static func orInterpolation(_ schema: OrderedJSON) -> OrderedJSON {
        .object(alternatives(schema))
    }

    private static func repositoryPatternSchema() -> OrderedJSON {
        .object([
            (
                "description",
                .string(
                    "A repository name or glob: `*` any run of characters, `?` one character, `[abc]` or `[a-z]` "
                        + "one of, `[!abc]` none of. A leading `!` excludes what earlier entries matched.")
            ),
            ("type", .string("string")),
            // After an optional `!`: not another `!`, and every `[` closed by a `]` after at least one character.
            ("pattern", .string(#"^!?(?:[^!\[]|\[!?.[^\]]*\])(?:[^\[]|\[!?.[^\]]*\])*$"#)),
        ])
    }

    private static func interpolationSchema() -> OrderedJSON {
        .object([
            (
                "description",
                .string(
                    "An environment variable, replaced before the file is checked: ${NAME}, or ${NAME:-fallback} "
                        + "when NAME is unset or empty.")
            ),
            ("type", .string("string")),
            ("pattern", .string(DesiredStateFormat.interpolationPattern)),
        ])
    }
}
