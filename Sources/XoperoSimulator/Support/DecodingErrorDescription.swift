/// Turns a `DecodingError` into the field it is about (`organizations[0].repositories[2].name`) and a
/// short message, for the state-file loader and for 400 answers.
enum DecodingErrorDescription {
    static func describe(_ error: DecodingError) -> (field: String, message: String) {
        switch error {
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "is required but missing")
        case .valueNotFound(_, let context):
            return (path(context.codingPath), "must not be null")
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "must be \(expectation(for: type))")
        case .dataCorrupted(let context):
            return (path(context.codingPath), context.debugDescription)
        @unknown default:
            return ("body", String(describing: error))
        }
    }

    /// A coding path as a dotted path with `[index]` for array elements; `body` for the root.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var result = ""
        for key in codingPath {
            if let index = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == "\(index)" {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return result.isEmpty ? "body" : result
    }

    private static func expectation(for type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type: "a whole number"
        case is Double.Type: "a number"
        default:
            String(describing: type).hasPrefix("Array") ? "a list" : "an object or value of the right type"
        }
    }
}
