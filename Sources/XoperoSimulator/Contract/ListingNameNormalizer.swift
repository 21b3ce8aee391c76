import XoperoContract

/// Why a listing's field name (`orderby`, filter `property`) cannot be served.
struct ListingNameError: Error, Sendable, Hashable {
    var field: String
    var message: String
}

/// Rewrites the field names a listing body gives in `orderby` and in each filter's `property` to the
/// contract's spelling (`name` → `Name`), ignoring case as the vendor's server does
/// (`XoperoAssumptions.comparisonsIgnoreCase`), before the generated decoder, which knows only the exact
/// enum values, reads them. An unknown name is refused naming the field and the names there are.
enum ListingNameNormalizer {
    /// Normalizes a body whose keys are already canonical (see `RequestKeyNormalizer`); `names` are the
    /// listing's field names. An empty `orderby` is dropped: it asks for no particular order.
    static func normalize(_ body: JSONValue, names: [String]) throws(ListingNameError) -> JSONValue {
        guard case .object(var fields) = body else { return body }
        let canonical = Dictionary(names.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        if let orderBy = fields["orderby"] {
            if case .string(let text) = orderBy, text.isEmpty {
                fields["orderby"] = nil
            } else if orderBy != .null {
                fields["orderby"] = try name(orderBy, field: "orderby", canonical: canonical, names: names)
            }
        }
        if case .array(let items)? = fields["filters"] {
            var normalized: [JSONValue] = []
            normalized.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                guard case .object(var filter) = item, let property = filter["property"], property != .null else {
                    normalized.append(item)
                    continue
                }
                filter["property"] = try name(
                    property, field: "filters[\(index)].property", canonical: canonical, names: names)
                normalized.append(.object(filter))
            }
            fields["filters"] = .array(normalized)
        }
        return .object(fields)
    }

    private static func name(
        _ value: JSONValue, field: String, canonical: [String: String], names: [String]
    ) throws(ListingNameError) -> JSONValue {
        let known = names.joined(separator: ", ")
        guard case .string(let text) = value else {
            throw ListingNameError(field: field, message: "must be a field name, one of \(known)")
        }
        guard let match = canonical[text.lowercased()] else {
            throw ListingNameError(field: field, message: "unknown property \(quoted(text)); use one of \(known)")
        }
        return .string(match)
    }

    /// `text` in quotes for a message, cut after 80 characters: an answer never echoes a huge input.
    static func quoted(_ text: String) -> String {
        text.count <= 80 ? "\"\(text)\"" : "\"\(text.prefix(80))...\" (\(text.count) characters)"
    }
}
