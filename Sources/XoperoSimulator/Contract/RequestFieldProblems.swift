import Foundation
import XoperoContract

/// What a request field must be, in words for a 400 answer. Answers are built from these words and the
/// field's path only, never from a decoder's own text, which names Swift types
/// (`Components.Schemas...`, `Swift.Int`, `OpenAPIValueContainer`).
enum RequestFieldProblems {
    /// The 400 message for a body the generated decoder refused: the field's path and what it must be.
    static func describe(_ error: DecodingError) -> (field: String, message: String) {
        switch error {
        case .keyNotFound(let key, let context):
            return (DecodingErrorDescription.path(context.codingPath + [key]), "is required but missing")
        case .valueNotFound(_, let context), .typeMismatch(_, let context):
            let field = DecodingErrorDescription.path(context.codingPath)
            guard field != "body" else { return ("body", "must be a JSON object") }
            return (field, "must be \(expectation(for: field))")
        case .dataCorrupted(let context):
            let field = DecodingErrorDescription.path(context.codingPath)
            guard field != "body" else { return ("body", unreadable) }
            return (field, "must be \(expectation(for: field))")
        @unknown default:
            return ("body", unreadable)
        }
    }

    static let unreadable =
        "must be a JSON object as the contract describes; it is not valid JSON, or a number in it is out of range"

    /// A body the JSON parser refuses because of a number no field can hold (`1e400`): the message names
    /// the number. Nil for any other body.
    static func numberOutOfRange(_ data: Data) -> String? {
        guard let text = JSONSyntax.problem(in: data), text.hasPrefix("Number "),
            let end = text.range(of: " is not representable")
        else { return nil }
        let number = text[text.index(text.startIndex, offsetBy: 7)..<end.lowerBound].prefix(40)
        return "holds the number \(number), which is out of range for every field"
    }

    /// A field given as `null` where the contract's type has no null (`"limit": null`, a filter's
    /// `"value": null`): the generated decoder would read it as left out, so it is refused here, to hold
    /// clients to the contract. The fields of `RequestKeyNormalizer.nullableTopLevelKeys` may be null.
    static func checkNulls(_ body: JSONValue) -> (field: String, message: String)? {
        guard case .object(let fields) = body else { return nil }
        // Only the contract's own fields: any other key is ignored, whatever its value.
        let nullable = Set(RequestKeyNormalizer.nullableTopLevelKeys)
        for name in RequestKeyNormalizer.canonicalTopLevelKeys where fields[name] == .null && !nullable.contains(name) {
            return (name, "must not be null; leave it out instead")
        }
        guard case .array(let filters)? = fields["filters"] else { return nil }
        for (index, filter) in filters.enumerated() {
            guard case .object(let filterFields) = filter else { continue }
            for name in RequestKeyNormalizer.canonicalFilterKeys where filterFields[name] == .null {
                return ("filters[\(index)].\(name)", "must not be null; leave it out instead")
            }
        }
        return nil
    }

    /// The whole-number fields of the request bodies, bound to 32 bits
    /// (`XoperoAssumptions.requestIntegersAre32Bit`): a value outside that range, or with a fraction, is
    /// refused naming the field.
    static let wholeNumberFields = ["limit", "page", "backupType"]

    /// The first whole-number field that is not a whole number in the 32-bit range (`1e20`, `2.5`).
    static func checkNumbers(_ body: JSONValue) -> (field: String, message: String)? {
        guard case .object(let fields) = body else { return nil }
        for name in wholeNumberFields {
            switch fields[name] {
            case .integer(let value)? where value < Int64(Int32.min) || value > Int64(Int32.max):
                return (name, "must be \(expectation(for: name)), got \(value)")
            case .number(let value)?:
                return (name, "must be \(expectation(for: name)), got \(value)")
            default:
                continue
            }
        }
        return nil
    }

    /// What the field at `path` must be (`limit`, `filters[0].operator`, `ids[3]`, `settings.Retention`).
    static func expectation(for path: String) -> String {
        let parts = path.split(separator: ".")
        let last = String(parts.last ?? "")
        let name = String(last.prefix { $0 != "[" })
        let isElement = last.contains("[")
        switch name {
        case "limit":
            return
                "a whole number from 1 to \(Int32.max) (at most \(XoperoAssumptions.maximumPageSize) are served a page)"
        case "page": return "a whole number from 1 to \(Int32.max) (pages are 1-based)"
        case "backupType": return "a whole number from \(Int32.min) to \(Int32.max)"
        case "ordertype": return "one of \(names(Components.Schemas.SortOrder.self))"
        case "operator": return "one of \(names(Components.Schemas.FilterOperator.self))"
        case "value": return "a string, a number or true or false (left out, it matches a field without a value)"
        case "filters": return isElement ? "an object {property, operator, value}" : "a list of filters"
        case "ids": return isElement ? "a string (a repository id)" : "a list of repository ids"
        case "settings": return "an object whose values are strings"
        case "rememberMe", "includeAllRepositories", "includeMetadata": return "true or false"
        case "email", "password", "id", "planId", "repositoryId", "workerId", "property", "orderby": return "a string"
        default:
            // A key inside `settings` is user data: its value must be a string.
            return parts.count >= 2 && parts[parts.count - 2] == "settings" ? "a string" : "a value of the right type"
        }
    }

    private static func names<T: CaseIterable & RawRepresentable<String>>(_ type: T.Type) -> String {
        T.allCases.map(\.rawValue).joined(separator: ", ")
    }
}
