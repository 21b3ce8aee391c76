import PrintableText
import XoperoAPI
import XoperoContract

/// What the answers' objects of one kind looked like next to the contract.
public struct FieldFindings: Sendable, Hashable {
    /// How many objects were looked at.
    public var objects = 0
    /// The first few missing or mistyped fields, each with its place (`result[2] "acme".plans[0].repoCount`).
    public var problems: [String] = []
    /// How many problems there were in all.
    public var problemCount = 0
    /// Field names the contract does not have (bounded, escaped), at most `maximumExtraFields`.
    public var extraFields: Set<String> = []

    public init() {}

    static let maximumProblems = 5
    static let maximumExtraFields = 20

    mutating func add(problem: String) {
        problemCount += 1
        if problems.count < Self.maximumProblems { problems.append(problem) }
    }

    mutating func merge(_ other: FieldFindings) {
        objects += other.objects
        problemCount += other.problemCount
        problems += other.problems.prefix(Self.maximumProblems - min(problems.count, Self.maximumProblems))
        for name in other.extraFields where extraFields.count < Self.maximumExtraFields { extraFields.insert(name) }
    }
}

/// Compares answers with `ContractObject`'s table: a missing field or one of another JSON type
/// contradicts the contract; a field it does not know is reported. Pure.
public enum FieldJudge {
    /// Findings for each kind of object met in `value`, read as `object`, at `path`.
    public static func inspect(_ value: JSONValue, as object: ContractObject, at path: String) -> [ContractObject:
        FieldFindings]
    {
        var findings: [ContractObject: FieldFindings] = [:]
        inspect(value, as: object, at: path, into: &findings)
        return findings
    }

    /// Findings for each item of a page's `result`, read as `object` (`result[3] "name"` as the place).
    public static func inspect(items: [JSONValue], as object: ContractObject, listing: String) -> [ContractObject:
        FieldFindings]
    {
        var findings: [ContractObject: FieldFindings] = [:]
        for (index, item) in items.enumerated() {
            inspect(item, as: object, at: "\(listing) result[\(index)]\(label(of: item))", into: &findings)
        }
        return findings
    }

    private static func inspect(
        _ value: JSONValue, as object: ContractObject, at path: String,
        into findings: inout [ContractObject: FieldFindings]
    ) {
        guard case .object(let fields) = value else {
            findings[object, default: FieldFindings()].add(
                problem: "\(path): \(value.kind), the contract says an object (\(object.rawValue))")
            return
        }
        findings[object, default: FieldFindings()].objects += 1
        let known = Set(object.fields.map(\.name))
        for name in fields.keys.sorted() where !known.contains(name) {
            if findings[object, default: FieldFindings()].extraFields.count < FieldFindings.maximumExtraFields {
                findings[object, default: FieldFindings()].extraFields.insert(ServerText.bounded(name, limit: 60))
            }
        }
        for field in object.fields {
            let place = "\(path).\(field.name)"
            guard let found = fields[field.name] else {
                findings[object, default: FieldFindings()].add(problem: "\(place): missing")
                continue
            }
            check(found, against: field.type, nullable: field.nullable, at: place, in: object, into: &findings)
        }
    }

    private static func check(
        _ value: JSONValue, against type: ContractType, nullable: Bool, at place: String, in object: ContractObject,
        into findings: inout [ContractObject: FieldFindings]
    ) {
        switch (type, value) {
        case (_, .null) where nullable, (.string, .string), (.integer, .integer), (.boolean, .bool),
            (.array(nil), .array):
            return
        case (.object(let nested), .object):
            inspect(value, as: nested, at: place, into: &findings)
        case (.array(let item?), .array(let items)):
            for (index, element) in items.enumerated() {
                let elementPlace = "\(place)[\(index)]\(label(of: element))"
                if case .object(let nested) = item {
                    inspect(element, as: nested, at: elementPlace, into: &findings)
                } else {
                    check(element, against: item, nullable: false, at: elementPlace, in: object, into: &findings)
                }
            }
        default:
            let expected = type.text + (nullable ? " or null" : "")
            findings[object, default: FieldFindings()].add(
                problem: "\(place): \(value.kind), the contract says \(expected)")
        }
    }

    /// ` "acme"` for an object with a string name, else nothing.
    static func label(of value: JSONValue) -> String {
        value["name"]?.string.map { " " + LiveStateFetcher.quoted($0) } ?? ""
    }

    /// The verdict on `findings` (the objects of `what`, e.g. `organizations`).
    public static func check(_ topic: DoctorTopic, _ findings: FieldFindings, what: String) -> DoctorCheck {
        guard findings.objects > 0 || findings.problemCount > 0 else {
            return DoctorCheck(topic, .notChecked, "no \(what) to look at")
        }
        let extra =
            findings.extraFields.isEmpty
            ? "no field beyond the contract's"
            : "fields beyond the contract's: \(findings.extraFields.sorted().joined(separator: ", "))"
        guard findings.problemCount == 0 else {
            let more =
                findings.problemCount > findings.problems.count
                ? "; and \(findings.problemCount - findings.problems.count) more" : ""
            return DoctorCheck(
                topic, .contradicted,
                "\(findings.problemCount) field(s) differ from openapi.yaml in \(findings.objects) \(what): "
                    + findings.problems.joined(separator: "; ") + more + "; \(extra)")
        }
        return DoctorCheck(
            topic, .confirmed,
            "\(findings.objects) \(what) have every field of openapi.yaml with its JSON type; \(extra)")
    }
}
