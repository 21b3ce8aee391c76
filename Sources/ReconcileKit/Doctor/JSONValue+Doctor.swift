import ReconcileCore
import XoperoContract

/// How `doctor` reads an answer's JSON as the server sent it, before any typed decoding: `JSONValue`
/// keeps its types (an integer is not a fractional number, a boolean is not an integer), so that the
/// answer can be compared with the contract.
extension JSONValue {
    /// The JSON type, as a message names it.
    public var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .number: "a fractional number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The value of the field `key` of an object; nil when this is not an object or has no such field.
    public subscript(_ key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    /// The text of a string; nil for any other JSON type.
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// An integer that fits in `Int`; nil for any other JSON type, fractional numbers included.
    public var integer: Int? {
        if case .integer(let whole) = self { return Int(exactly: whole) }
        return nil
    }

    /// The items of an array; nil for any other JSON type.
    public var items: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}

/// One page of a listing, read untyped: the envelope's numbers where they are integers, and the items.
public struct RawPage: Sendable, Hashable {
    public var currentPage: Int?
    public var pageCount: Int?
    public var totalEntries: Int?
    public var items: [JSONValue]
    /// The whole answer, for the field check.
    public var answer: JSONValue

    public init(_ answer: JSONValue) {
        self.answer = answer
        currentPage = answer["currentPage"]?.integer
        pageCount = answer["pageCount"]?.integer
        totalEntries = answer["totalEntries"]?.integer
        items = answer["result"]?.items ?? []
    }

    /// The items' `id`s (an item without a string id counts as an empty one) and `name`s.
    public var ids: [String] { items.map { $0["id"]?.string ?? "" } }
    public var names: [String] { items.map { $0["name"]?.string ?? "" } }

    /// As `ListingConsistency` reads a page; nil when the envelope's numbers are missing.
    public func served(page: Int, limit: Int) -> ServedPage? {
        guard let currentPage, let pageCount, let totalEntries else { return nil }
        return ServedPage(
            requestedPage: page, requestedLimit: limit, currentPage: currentPage, pageCount: pageCount,
            totalEntries: totalEntries, ids: ids)
    }
}
