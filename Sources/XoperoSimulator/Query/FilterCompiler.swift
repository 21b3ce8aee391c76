import XoperoContract

/// Turns one `{property, operator, value}` filter into a predicate, refusing combinations that make no
/// sense (`contains` on a number, `gt` on a boolean, a string compared with a number) with a 400 that
/// names the filter.
enum FilterCompiler {
    static func predicate<Item, Field>(
        for filter: ListingFilter<Field>, field: QueryField<Item>, index: Int
    ) throws(ListingError) -> @Sendable (Item) -> Bool {
        let comparison = filter.comparison
        let read = field.read
        switch field.kind {
        case .flag:
            guard comparison == .eq || comparison == .neq else {
                throw ListingError(
                    field: "filters[\(index)].operator",
                    message: "\(comparison.rawValue) does not apply to \(field.name), a boolean; use eq or neq")
            }
            guard let wanted = flag(filter.value) else {
                throw valueError(index, field, "true or false")
            }
            let equal = comparison == .eq
            return { item in
                guard case .flag(let value) = read(item) else { return false }
                return (value == wanted) == equal
            }
        case .integer:
            guard ![.contains, .startswith, .endswith].contains(comparison) else {
                throw ListingError(
                    field: "filters[\(index)].operator",
                    message:
                        "\(comparison.rawValue) does not apply to \(field.name), a number; use eq, neq, gt, lt, gte or lte"
                )
            }
            let wanted: Int64?
            if case .null = filter.value {
                wanted = nil
            } else if let number = integer(filter.value) {
                wanted = number
            } else {
                throw valueError(index, field, "a whole number")
            }
            return { item in
                guard case .integer(let value) = read(item) else { return false }
                return matches(
                    SortKey.compare(value.map { .integer($0) } ?? .none, wanted.map { .integer($0) } ?? .none),
                    comparison)
            }
        case .text:
            let wanted: String?
            switch filter.value {
            case .null: wanted = nil
            case .text(let text): wanted = text.lowercased()
            default: throw valueError(index, field, "a string")
            }
            guard let wanted else {
                guard comparison == .eq || comparison == .neq else {
                    throw valueError(index, field, "a string (null only works with eq and neq)")
                }
                let equal = comparison == .eq
                return { item in
                    guard case .text(let value) = read(item) else { return false }
                    return (value == nil) == equal
                }
            }
            return { item in
                guard case .text(let value) = read(item) else { return false }
                guard let value = value?.lowercased() else { return comparison == .neq }
                switch comparison {
                case .contains: return value.contains(wanted)
                case .startswith: return value.hasPrefix(wanted)
                case .endswith: return value.hasSuffix(wanted)
                default: return matches(SortKey.compare(.text(value), .text(wanted)), comparison)
                }
            }
        }
    }

    /// Whether a three-way comparison result satisfies an ordering operator.
    private static func matches(_ order: Int, _ comparison: Components.Schemas.FilterOperator) -> Bool {
        switch comparison {
        case .eq: order == 0
        case .neq: order != 0
        case .gt: order > 0
        case .lt: order < 0
        case .gte: order >= 0
        case .lte: order <= 0
        case .contains, .startswith, .endswith: false
        }
    }

    private static func flag(_ value: FilterValue) -> Bool? {
        switch value {
        case .flag(let flag): flag
        case .text(let text) where text.lowercased() == "true": true
        case .text(let text) where text.lowercased() == "false": false
        default: nil
        }
    }

    private static func integer(_ value: FilterValue) -> Int64? {
        switch value {
        case .integer(let number): number
        case .number(let number) where number.rounded() == number && abs(number) < 9e15: Int64(number)
        case .text(let text): Int64(text)
        default: nil
        }
    }

    private static func valueError<Item>(_ index: Int, _ field: QueryField<Item>, _ expected: String) -> ListingError {
        ListingError(field: "filters[\(index)].value", message: "must be \(expected) to compare with \(field.name)")
    }
}
