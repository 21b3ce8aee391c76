import Foundation
import XoperoContract
import Yams

/// The contract's `openapi.yaml`, parsed once per test (a suite holds one as a stored property), with the
/// few lookups the consistency tests make.
struct OpenAPIDocument {
    /// `(path, operationId, response statuses)` of one operation.
    typealias Operation = (path: String, id: String, statuses: Set<String>)

    let paths: [String: [String: Any]]
    let schemas: [String: [String: Any]]

    struct Unreadable: Error, CustomStringConvertible, Sendable {
        let description: String
    }

    /// `Sources/XoperoContract/openapi.yaml`, parsed once for the whole run (each test case builds its own
    /// suite, and parsing the YAML for each was most of this target's time).
    static let parsed: Result<JSONValue, Unreadable> = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/XoperoContract/openapi.yaml")
        do {
            let text = try String(contentsOf: url, encoding: .utf8)
            guard let document = try Yams.load(yaml: text).flatMap(JSONValue.init(yaml:)), case .object = document
            else { return .failure(Unreadable(description: "\(url.path) is not a YAML mapping")) }
            return .success(document)
        } catch {
            return .failure(Unreadable(description: "\(url.path): \(error)"))
        }
    }()

    /// The parsed contract, as the plain dictionaries the lookups read.
    init() throws {
        let document = try Self.parsed.get().plain as? [String: Any] ?? [:]
        paths = document["paths"] as? [String: [String: Any]] ?? [:]
        schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]] ?? [:]
    }

    /// Every operation, by path; every one is a POST.
    var operations: [Operation] {
        paths.keys.sorted().compactMap { path in
            guard let post = paths[path]?["post"] as? [String: Any], let id = post["operationId"] as? String else {
                return nil
            }
            let responses = (post["responses"] as? [String: Any]).map { Set($0.keys) } ?? []
            return (path, id, responses)
        }
    }

    /// Resolves `{$ref: "#/components/schemas/X"}` one level.
    func resolved(_ schema: [String: Any]) -> [String: Any] {
        guard let reference = schema["$ref"] as? String else { return schema }
        return schemas[String(reference.split(separator: "/").last ?? "")] ?? [:]
    }

    func properties(of schema: [String: Any]) -> [String: [String: Any]] {
        resolved(schema)["properties"] as? [String: [String: Any]] ?? [:]
    }

    /// The top-level properties of each operation's JSON request body, resolved one level.
    var requestBodies: [[String: [String: Any]]] {
        operations.map { operation in
            let post = paths[operation.path]?["post"] as? [String: Any]
            let body = ((post?["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"]
            let schema = (body as? [String: Any])?["schema"] as? [String: Any] ?? [:]
            return properties(of: schema).mapValues(resolved)
        }
    }

    /// Required fields whose type admits null: the vendor writes them as `null`, the generated encoder
    /// would leave them out.
    func requiredNullableFields(_ name: String) -> Set<String> {
        let schema = schemas[name] ?? [:]
        let required = Set(schema["required"] as? [String] ?? [])
        let nullable = properties(of: schema).filter { _, property in
            (property["type"] as? [String])?.contains("null") == true
        }
        return required.intersection(nullable.keys)
    }
}

extension JSONValue {
    /// A value from what `Yams.load` returns; nil for anything JSON has no value for.
    init?(yaml: Any) {
        switch yaml {
        case let value as Bool: self = .bool(value)
        case let value as Int: self = .integer(Int64(value))
        case let value as Double: self = .number(value)
        case let value as String: self = .string(value)
        case let values as [Any]:
            var elements: [JSONValue] = []
            for value in values {
                guard let element = JSONValue(yaml: value) else { return nil }
                elements.append(element)
            }
            self = .array(elements)
        case let values as [String: Any]:
            var fields: [String: JSONValue] = [:]
            for (key, value) in values {
                guard let field = JSONValue(yaml: value) else { return nil }
                fields[key] = field
            }
            self = .object(fields)
        default:
            if yaml is NSNull { self = .null } else { return nil }
        }
    }

    /// The value as Foundation's plain types, as `Yams.load` gave it.
    var plain: Any {
        switch self {
        case .null: NSNull()
        case .bool(let value): value
        case .integer(let value): Int(value)
        case .number(let value): value
        case .string(let value): value
        case .array(let values): values.map(\.plain)
        case .object(let fields): fields.mapValues(\.plain)
        }
    }
}
