/// A value that passed structural validation, with the place it was written.
struct Located<Value: Sendable>: Sendable {
    var value: Value
    var location: SourceLocation
    /// The environment variables the value was interpolated from; empty when written out.
    var variables: [String] = []
}

/// A value of the shape its `ValueFormat` asks for (patterns and choices are `.string`).
indirect enum CheckedValue: Sendable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case stringMap([StringMapEntry])
    case list([Located<CheckedValue>])
    case object(CheckedObject)

    var string: String? { if case .string(let value) = self { value } else { nil } }
    var integer: Int? { if case .integer(let value) = self { value } else { nil } }
    var boolean: Bool? { if case .boolean(let value) = self { value } else { nil } }
    var object: CheckedObject? { if case .object(let value) = self { value } else { nil } }
    var list: [Located<CheckedValue>]? { if case .list(let value) = self { value } else { nil } }
    var stringMap: [StringMapEntry]? { if case .stringMap(let value) = self { value } else { nil } }
}

struct StringMapEntry: Sendable {
    var key: Located<String>
    var value: Located<String>
}

/// One key of a checked object: where the key was written, and its value.
struct CheckedField: Sendable {
    var keyLocation: SourceLocation
    var value: Located<CheckedValue>
}

/// A mapping that passed validation against an `ObjectFormat`. Fields with errors are left out,
/// so later steps see only well-typed values.
struct CheckedObject: Sendable {
    var location: SourceLocation
    var fields: [FormatKey: CheckedField] = [:]

    subscript(key: FormatKey) -> CheckedField? { fields[key] }

    func string(_ key: FormatKey) -> Located<String>? {
        fields[key].flatMap { field in
            field.value.value.string.map {
                Located(value: $0, location: field.value.location, variables: field.value.variables)
            }
        }
    }

    func integer(_ key: FormatKey) -> Int? { fields[key]?.value.value.integer }
    func boolean(_ key: FormatKey) -> Bool? { fields[key]?.value.value.boolean }
    func object(_ key: FormatKey) -> CheckedObject? { fields[key]?.value.value.object }
    func list(_ key: FormatKey) -> [Located<CheckedValue>]? { fields[key]?.value.value.list }
    func stringMap(_ key: FormatKey) -> [StringMapEntry]? { fields[key]?.value.value.stringMap }
}
