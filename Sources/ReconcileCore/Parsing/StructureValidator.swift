/// Step 3 of parsing: the interpolated node tree is checked against `DesiredStateFormat` (unknown
/// and duplicate keys, missing keys, types, allowed values, repository patterns, conditions between
/// fields). Every problem is reported; fields with errors are left out of the result.
struct StructureValidator {
    let file: String
    let source: SourceMap
    var diagnostics: [Diagnostic] = []

    init(file: String, source: SourceMap) {
        self.file = file
        self.source = source
    }

    /// The document checked against `DesiredStateFormat.document`; nil when it is not a mapping.
    mutating func checkDocument(_ root: YAMLNode?) -> CheckedObject? {
        guard let root else {
            diagnostics.append(
                .error(
                    "the file is empty; a desired-state file starts with 'version: 1' and lists 'organizations'",
                    at: SourceLocation(file: file, line: 1, column: 1)))
            return nil
        }
        return checkObject(root, DesiredStateFormat.document)
    }

    func location(_ node: YAMLNode) -> SourceLocation { node.position.location(in: file) }

    /// `value` at `node`'s place, with the variables it was interpolated from.
    func located(_ value: CheckedValue, _ node: YAMLNode) -> Located<CheckedValue> {
        Located(value: value, location: location(node), variables: node.scalar?.variables ?? [])
    }

    mutating func error(_ message: String, at node: YAMLNode, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.error(message, at: location(node), notes: notes))
    }

    // MARK: Objects

    private mutating func checkObject(_ node: YAMLNode, _ format: ObjectFormat) -> CheckedObject? {
        guard case .mapping(let pairs) = node.content else {
            let keys = format.fields.map(\.key.rawValue).joined(separator: ", ")
            let found =
                node.scalar.map { ScalarResolver.resolve($0) == .null ? "nothing" : "a single value" }
                ?? node.kindDescription
            let expected =
                format.noun == DesiredStateFormat.document.noun
                ? "the document to be a mapping of keys (\(keys))"
                : "\(format.noun) here, written as a mapping of keys (\(keys))"
            error("expected \(expected), but found \(found)", at: node)
            return nil
        }
        var object = CheckedObject(location: location(node))
        var firstKeys: [String: YAMLNode] = [:]
        for pair in pairs {
            guard let keyText = pair.key.scalar?.text else {
                error("a key must be a name, not \(pair.key.kindDescription)", at: pair.key)
                continue
            }
            if let first = firstKeys[keyText] {
                error(
                    "duplicate key '\(Self.shown(keyText))'; a key may appear only once in a mapping", at: pair.key,
                    notes: [Diagnostic.Note(message: "first defined here", location: location(first))])
                continue
            }
            firstKeys[keyText] = pair.key
            guard let field = format.field(keyText) else {
                error(Self.unknownKeyMessage(keyText, in: format), at: pair.key)
                continue
            }
            if let value = checkValue(pair.value, field.value, subject: "'\(keyText)'", writing: "\(keyText): ") {
                object.fields[field.key] = CheckedField(
                    keyLocation: location(pair.key), value: located(value, pair.value))
            }
        }
        for field in format.fields where field.isRequired && firstKeys[field.key.rawValue] == nil {
            error(Self.missingKeyMessage(field, in: format), at: node)
        }
        checkConditions(of: format, in: object, keys: firstKeys)
        return object
    }

    static func unknownKeyMessage(_ key: String, in format: ObjectFormat) -> String {
        let known = format.fields.map(\.key.rawValue)
        var message = "unknown key '\(shown(key))' in \(format.noun)"
        if key == "<<" {
            return message + "; YAML merge keys are not supported, write the keys out (or use defaults)"
        }
        if let suggestion = NameSuggestion.nearest(to: key, among: known) {
            return message + "; did you mean '\(suggestion)'?"
        }
        if let owner = DesiredStateFormat.allObjects.first(where: { $0.field(key) != nil }) {
            message += "; '\(shown(key))' belongs in \(owner.noun)"
        }
        return message + " (expected one of: \(known.joined(separator: ", ")))"
    }

    private static func missingKeyMessage(_ field: FieldFormat, in format: ObjectFormat) -> String {
        switch field.key {
        case .version: "missing 'version: \(DesiredStateFormat.currentVersion)'; add it at the top of the file"
        case .organizations: "missing 'organizations'; list at least one organization"
        default: "\(format.noun) needs a '\(field.key.rawValue)'"
        }
    }

    private mutating func checkConditions(of format: ObjectFormat, in object: CheckedObject, keys: [String: YAMLNode]) {
        for field in format.fields {
            guard let condition = field.condition, let written = object[field.key] else { continue }
            let name = field.key.rawValue
            switch condition {
            case .forbiddenWhenTrue(let other, let reason):
                guard object.boolean(other) == true, let otherField = object[other] else { continue }
                diagnostics.append(
                    .error(
                        "'\(name)' cannot be used with '\(other.rawValue): true' (\(reason)); remove one of them",
                        at: written.keyLocation,
                        notes: [
                            Diagnostic.Note(
                                message: "'\(other.rawValue): true' is set here", location: otherField.keyLocation)
                        ]))
            case .onlyWhen(let other, let required):
                let actual = object.string(other)
                let otherIsWritten = keys[other.rawValue] != nil
                // Satisfied, or the other field is written but invalid and has its own error.
                if actual?.value == required || (otherIsWritten && actual == nil) { continue }
                let notes =
                    object[other].map {
                        [
                            Diagnostic.Note(
                                message: "'\(other.rawValue)' is '\(actual?.value ?? "")' here",
                                location: $0.keyLocation)
                        ]
                    } ?? []
                let unset = otherIsWritten ? "" : " ('\(other.rawValue)' is not set here)"
                diagnostics.append(
                    .error(
                        "'\(name)' only applies with '\(other.rawValue): \(required)'\(unset); add '\(other.rawValue): \(required)' "
                            + "or remove '\(name)'",
                        at: written.keyLocation, notes: notes))
            }
        }
    }

    // MARK: Values

    private mutating func checkValue(_ node: YAMLNode, _ format: ValueFormat, subject: String, writing: String)
        -> CheckedValue?
    {
        switch format {
        case .object(let objectFormat):
            if isNull(node) {
                error("\(subject) is empty; give it keys or remove it", at: node)
                return nil
            }
            return checkObject(node, objectFormat).map(CheckedValue.object)
        case .list(let itemFormat, let minItems):
            return checkList(node, of: itemFormat, minItems: minItems, subject: subject)
        case .stringMap:
            return checkStringMap(node, subject: subject)
        case .string, .name, .integer, .boolean, .choice, .repositoryPattern:
            return checkScalar(node, format, subject: subject, writing: writing)
        }
    }

    func isNull(_ node: YAMLNode) -> Bool {
        node.scalar.map { ScalarResolver.resolve($0) == .null } ?? false
    }

    private mutating func checkList(_ node: YAMLNode, of itemFormat: ValueFormat, minItems: Int, subject: String)
        -> CheckedValue?
    {
        let items: [YAMLNode]
        switch node.content {
        case .sequence(let sequence):
            items = sequence
        case .scalar where isNull(node) && minItems > 0:
            items = []
        case .scalar where isNull(node):
            error(
                "\(subject) has no value; write a list (lines starting with \"- \", or [] for none) or remove it",
                at: node)
            return nil
        case .scalar(let scalar) where scalar.wasInterpolated:
            error(
                "\(subject) must be a list, but \(Interpolator.naming(scalar.variables)) gave a single value; "
                    + "write the entries as lines starting with \"- \"", at: node)
            return nil
        case .scalar(let scalar):
            error(
                "\(subject) must be a list; write it as [\(Self.shown(scalar.text))] or as lines starting with \"- \"",
                at: node)
            return nil
        case .mapping:
            error("\(subject) must be a list (lines starting with \"- \"), but found a mapping", at: node)
            return nil
        }
        if items.count < minItems {
            error(
                "\(subject) is empty; list at least \(minItems == 1 ? Self.one(itemFormat) : "\(minItems) entries")",
                at: node)
            return nil
        }
        let itemSubject = "each entry of \(subject)"
        var checked: [Located<CheckedValue>] = []
        for item in items {
            if let value = checkValue(item, itemFormat, subject: itemSubject, writing: "- ") {
                checked.append(located(value, item))
            }
        }
        return .list(checked)
    }

    /// "one organization" for a list of organizations, "one entry" otherwise.
    private static func one(_ itemFormat: ValueFormat) -> String {
        guard case .object(let format) = itemFormat else { return "one entry" }
        let noun = format.noun.split(separator: " ", maxSplits: 1)
        return noun.count == 2 && (noun[0] == "a" || noun[0] == "an") ? "one \(noun[1])" : "one entry"
    }

    private mutating func checkStringMap(_ node: YAMLNode, subject: String) -> CheckedValue? {
        guard case .mapping(let pairs) = node.content else {
            error(
                "\(subject) must be a mapping of names to values (name: value lines), but found \(isNull(node) ? "nothing" : node.kindDescription)",
                at: node)
            return nil
        }
        var entries: [StringMapEntry] = []
        var firstKeys: [String: YAMLNode] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar, case .string = ScalarResolver.resolve(key) else {
                error("the names in \(subject) must be text; quote this one", at: pair.key)
                continue
            }
            if key.text.isEmpty {
                error("a name in \(subject) must not be empty", at: pair.key)
                continue
            }
            if let first = firstKeys[key.text] {
                error(
                    "duplicate key '\(Self.shown(key.text))'; a key may appear only once in a mapping", at: pair.key,
                    notes: [Diagnostic.Note(message: "first defined here", location: location(first))])
                continue
            }
            firstKeys[key.text] = pair.key
            guard let value = pair.value.scalar else {
                error(
                    "the value of '\(Self.shown(key.text))' in \(subject) must be a single value, not \(pair.value.kindDescription)",
                    at: pair.value)
                continue
            }
            switch value.wasInterpolated ? .string(value.text) : ScalarResolver.resolve(value) {
            case .string, .int, .otherNumber, .bool:
                entries.append(
                    StringMapEntry(
                        key: Located(value: key.text, location: location(pair.key)),
                        value: Located(value: value.text, location: location(pair.value))))
            case .null:
                error(
                    "'\(Self.shown(key.text))' in \(subject) has no value; write a value (\"\" for empty text) or remove it",
                    at: pair.value)
            case .timestamp:
                error(
                    "'\(Self.shown(key.text))' in \(subject) reads as a date; quote it: "
                        + "\(Self.shown(key.text)): \"\(Self.shown(value.text))\"",
                    at: pair.value)
            }
        }
        return .stringMap(entries)
    }
}
