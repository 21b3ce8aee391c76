import PrintableText

/// A JSON value whose objects keep their keys in the order given, so documents have a stable,
/// documented key order (Foundation's encoder can only sort keys alphabetically).
public indirect enum OrderedJSON: Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([OrderedJSON])
    case object([(String, OrderedJSON)])
}

/// Pretty-prints a `OrderedJSON`: two-space indentation, `"key": value`, a final newline.
public enum JSONWriter {
    /// `string` as a JSON string literal, quotes included, escaped exactly as every document is written.
    public static func stringLiteral(_ string: String) -> String {
        var output = ""
        writeString(string, into: &output)
        return output
    }

    public static func prettyPrinted(_ value: OrderedJSON) -> String {
        var output = ""
        write(value, indent: 0, into: &output)
        output += "\n"
        return output
    }

    private static func write(_ value: OrderedJSON, indent: Int, into output: inout String) {
        switch value {
        case .string(let string): writeString(string, into: &output)
        case .int(let number): output += String(number)
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        case .array(let elements):
            guard !elements.isEmpty else {
                output += "[]"
                return
            }
            output += "[\n"
            for (offset, element) in elements.enumerated() {
                output += indentation(indent + 1)
                write(element, indent: indent + 1, into: &output)
                output += offset == elements.count - 1 ? "\n" : ",\n"
            }
            output += indentation(indent) + "]"
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}"
                return
            }
            output += "{\n"
            for (offset, (key, element)) in members.enumerated() {
                output += indentation(indent + 1)
                writeString(key, into: &output)
                output += ": "
                write(element, indent: indent + 1, into: &output)
                output += offset == members.count - 1 ? "\n" : ",\n"
            }
            output += indentation(indent) + "}"
        }
    }

    private static let indentations = (0..<16).map { String(repeating: "  ", count: $0) }

    private static func indentation(_ depth: Int) -> String {
        depth < indentations.count ? indentations[depth] : String(repeating: "  ", count: depth)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, and so are DEL, the
    /// C1 controls and the bidirectional overrides (`TerminalText.isUnsafe`), as `\uXXXX`, so that the
    /// document is safe to print too; other text as is (UTF-8).
    public static func writeString(_ string: String, into output: inout String) {
        output += "\""
        // Fast path: most names need no escaping, so append them whole. Only bytes from 0x7F up can
        // start an unsafe character that is not ASCII control.
        let quote = UInt8(ascii: "\"")
        let backslash = UInt8(ascii: "\\")
        let needsEscaping =
            string.utf8.contains { $0 < 0x20 || $0 == quote || $0 == backslash }
            || (string.utf8.contains { $0 >= 0x7F } && TerminalText.containsUnsafe(string))
        if !needsEscaping {
            output += string
            output += "\""
            return
        }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if TerminalText.isUnsafe(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
