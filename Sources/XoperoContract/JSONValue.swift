import Foundation

/// A JSON document as a plain value, used where a body must be inspected or rewritten outside the
/// generated types (key normalization, canonical hashing of request bodies, the simulator's explicit
/// nulls in answers, `doctor`'s reading of answers before any typed decoding).
///
/// Integers are kept apart from other numbers so that ids, counters and Unix-millisecond times survive
/// a decode/encode round trip unchanged.
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses `data` as JSON; nil when it is not JSON. `JSONValueScanner` reads the plain documents without a
    /// single thrown error; what it declines, Foundation's `JSONDecoder` reads.
    public static func parse(_ data: Data) -> JSONValue? {
        scanned(data) ?? (try? JSONDecoder().decode(JSONValue.self, from: data))
    }

    /// The document as compact JSON with sorted keys: equal documents give equal bytes.
    public func canonicalData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail: every case maps to a JSON value (non-finite doubles
        // cannot come out of a JSON parser).
        return (try? encoder.encode(self)) ?? Data()
    }
}
