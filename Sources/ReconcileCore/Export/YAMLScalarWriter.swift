import PrintableText

/// Writes strings as YAML scalars that read back as the same string through `DesiredStateParser`:
/// plain when that is unambiguous, double-quoted otherwise.
enum YAMLScalarWriter {
    /// `text` as a YAML scalar. `$${` is written for `${`, so interpolation gives the text back.
    static func scalar(_ text: String) -> String {
        let escaped = text.replacing("${", with: "$${")
        return canBePlain(escaped) ? escaped : doubleQuoted(escaped)
    }

    /// Plain only when every character is ordinary, the first one starts no YAML construct, and
    /// YAML would not read the text as a number, boolean, null or date.
    static func canBePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, case .string = ScalarResolver.resolvePlain(text) else {
            return false
        }
        let ordinary: (Unicode.Scalar) -> Bool = { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || "-_./+@$()".unicodeScalars.contains(scalar)
        }
        guard first.properties.isAlphabetic || ("0"..."9").contains(first) || first == "_" || first == "." else {
            return false
        }
        return text.unicodeScalars.allSatisfy(ordinary)
    }

    /// A double-quoted scalar with `"`, `\`, control and bidirectional characters escaped.
    static func doubleQuoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            default:
                if TerminalText.isUnsafe(scalar) || scalar.value == 0xFEFF {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    output += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    /// A repository name as a `repositories` entry that matches that name: glob characters are put
    /// in brackets (`a*b` → `a[*]b`) and a leading `!` becomes `[]!]` (there is no escape character in
    /// the glob syntax, and `[!...]` negates, so no class holds `!` alone: `[]!]x` also matches `]x`).
    /// Returns nil when the name needed no change.
    static func exactPattern(forName name: String) -> String? {
        var output = ""
        for (index, character) in name.enumerated() {
            switch character {
            case "*", "?", "[": output += "[\(character)]"
            case "!" where index == 0: output += "[]!]"
            default: output.append(character)
            }
        }
        return output == name ? nil : output
    }
}
