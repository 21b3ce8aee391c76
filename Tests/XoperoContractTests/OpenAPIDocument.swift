import Foundation
import Yams

/// The contract's `openapi.yaml`, parsed once per test (a suite holds one as a stored property), with the
/// few lookups the consistency tests make.
struct OpenAPIDocument {
    /// `(path, operationId, response statuses)` of one operation.
    typealias Operation = (path: String, id: String, statuses: Set<String>)

    let paths: [String: [String: Any]]
    let schemas: [String: [String: Any]]

    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    /// Reads and parses `Sources/XoperoContract/openapi.yaml`.
    init() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/XoperoContract/openapi.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let document = try Yams.load(yaml: text) as? [String: Any] else {
            throw Unreadable(description: "\(url.path) is not a YAML mapping")
        }
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
