import Foundation
import ReconcileCore

/// An answer's JSON as the server sent it, kept with its types (an integer is not a number, a boolean
/// is not an integer), so that `doctor` can compare it with the contract before any typed decoding.
public indirect enum RawJSON: Sendable, Hashable, Decodable {
    case null
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([RawJSON])
    case object([String: RawJSON])

    /// The JSON type, as a message names it.
    public var kind: String {
        switch self {
        case .null: "null"
        case .boolean: "a boolean"
        case .integer: "an integer"
        case .number: "a fractional number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .boolean(flag)
        } else if let whole = try? container.decode(Int64.self) {
            self = .integer(whole)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([RawJSON].self) {
            self = .array(items)
        } else {
            self = .object(try container.decode([String: RawJSON].self))
        }
    }

    /// Parses an answer's bytes; nil when they are not JSON.
    public static func parse(_ data: Data) -> RawJSON? {
        try? JSONDecoder().decode(RawJSON.self, from: data)
    }

    public subscript(_ key: String) -> RawJSON? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var integer: Int? {
        if case .integer(let whole) = self { return Int(exactly: whole) }
        return nil
    }

    public var items: [RawJSON]? {
        if case .array(let items) = self { return items }
        return nil
    }
}

/// One page of a listing, read untyped: the envelope's numbers where they are integers, and the items.
public struct RawPage: Sendable, Hashable {
    public var currentPage: Int?
    public var pageCount: Int?
    public var totalEntries: Int?
    public var items: [RawJSON]
    /// The whole answer, for the field check.
    public var answer: RawJSON

    public init(_ answer: RawJSON) {
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
