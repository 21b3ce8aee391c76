import Foundation
import XoperoContract

/// Why a request body's field names could not be normalized.
public enum RequestKeyNormalizationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Two keys of one object differ only in case (`page` and `Page`), so which one counts is ambiguous.
    case duplicateField(path: String, spellings: [String])

    public var description: String {
        switch self {
        case .duplicateField(let path, let spellings):
            "\(path): given more than once (\(spellings.joined(separator: ", "))); field names are case-insensitive, send it once"
        }
    }
}

/// Rewrites the field names of a request body to the contract's canonical camelCase spelling.
///
/// The vendor's server binds input field names case-insensitively (its own samples send `Page`), while
/// the generated types decode exact names. This pure function bridges the two: it renames the keys at
/// the top level of the body and inside each item of `filters`, and nowhere else. In particular the
/// keys of `settings` are user data and are kept exactly as sent. Keys the contract does not know are
/// left as they are.
public enum RequestKeyNormalizer {
    /// Every top-level field name of every request body in openapi.yaml.
    public static let canonicalTopLevelKeys: [String] = [
        "email", "password", "rememberMe",
        "id", "ids", "limit", "page", "orderby", "ordertype", "filters",
        "planId", "repositoryId",
        "backupType", "workerId", "settings", "includeAllRepositories", "includeMetadata",
    ]

    /// The field names of one item of `filters`.
    public static let canonicalFilterKeys: [String] = ["property", "operator", "value"]

    /// The request fields whose type in openapi.yaml admits `null` (all of modifygitplan's optional
    /// fields); every other field given as `null` is refused, as the contract's type has no null.
    public static let nullableTopLevelKeys: [String] = [
        "backupType", "workerId", "settings", "includeAllRepositories", "includeMetadata",
    ]

    private static let topLevelByLowercase = lookup(canonicalTopLevelKeys)
    private static let filterByLowercase = lookup(canonicalFilterKeys)

    /// Normalizes a parsed body. A body that is not an object is returned unchanged.
    public static func normalize(_ body: JSONValue) throws(RequestKeyNormalizationError) -> JSONValue {
        guard case .object(let fields) = body else { return body }
        var renamed = try rename(fields, using: topLevelByLowercase, path: "")
        if case .array(let items)? = renamed["filters"] {
            var normalizedItems: [JSONValue] = []
            normalizedItems.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                if case .object(let itemFields) = item {
                    let path = "filters[\(index)]."
                    normalizedItems.append(.object(try rename(itemFields, using: filterByLowercase, path: path)))
                } else {
                    normalizedItems.append(item)
                }
            }
            renamed["filters"] = .array(normalizedItems)
        }
        return .object(renamed)
    }

    /// Normalizes raw body bytes. Bytes that are not JSON, or not a JSON object, are returned unchanged
    /// so that the decoder reports them as they are.
    public static func normalize(jsonData: Data) throws(RequestKeyNormalizationError) -> Data {
        guard let parsed = JSONValue.parse(jsonData), case .object = parsed else { return jsonData }
        let normalized = try normalize(parsed)
        if normalized == parsed { return jsonData }
        return normalized.canonicalData()
    }

    private static func rename(
        _ fields: [String: JSONValue], using canonical: [String: String], path: String
    ) throws(RequestKeyNormalizationError) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        var spellings: [String: [String]] = [:]
        for key in fields.keys.sorted() {
            let name = canonical[key.lowercased()] ?? key
            spellings[name, default: []].append(key)
        }
        for (name, keys) in spellings.sorted(by: { $0.key < $1.key }) {
            guard keys.count == 1, let key = keys.first, let value = fields[key] else {
                throw .duplicateField(path: path + name, spellings: keys)
            }
            result[name] = value
        }
        return result
    }

    private static func lookup(_ keys: [String]) -> [String: String] {
        Dictionary(keys.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }
}
