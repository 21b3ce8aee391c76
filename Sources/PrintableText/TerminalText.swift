/// Text from outside (names from the server, names, patterns and tags from the files) made safe to
/// print on a terminal or in a log: characters that could move the cursor, end a line, start an
/// escape sequence or reverse the reading order are shown as Swift-style escapes (`\u{1B}`), so a
/// name can neither forge output lines nor hide what it is.
public enum TerminalText {
    /// True for the characters shown escaped: C0 controls (tab, CR and LF included), DEL, C1
    /// controls, the bidirectional embeddings and overrides U+202A-U+202E and the isolates
    /// U+2066-U+2069, and the line and paragraph separators U+2028 and U+2029.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }

    /// True when `text` holds a character `isUnsafe` refuses.
    public static func containsUnsafe(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains(where: isUnsafe)
    }

    /// `text` with every unsafe character as `\u{…}` (hexadecimal, upper case); other text as it is.
    /// Backslashes are not doubled: the output is for people, and the JSON plan keeps exact names.
    public static func escaped(_ text: String) -> String {
        guard containsUnsafe(text) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                result.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// `\u{1B}`.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// At most `limit` characters of `text`, with `...` in place of the rest.
    public static func truncated(_ text: String, to limit: Int) -> String {
        guard text.unicodeScalars.count > limit else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(max(0, limit - 3)))) + "..."
    }
}
