/// Text from a server (a name, a problem title, a field name, an error code) made safe to print: at most
/// `limit` characters, then `…`, and every character `TerminalText.isUnsafe` refuses shown as
/// `TerminalText.escape` spells it (`\u{1B}`), as names from the files are, so an answer can neither
/// flood nor steer a terminal nor break a line.
public enum ServerText {
    /// `text` cut after `limit` characters (then `…`), its unsafe characters escaped.
    public static func bounded(_ text: String, limit: Int = 200) -> String {
        var result = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            result += TerminalText.isUnsafe(scalar) ? TerminalText.escape(scalar) : String(scalar)
        }
        return text.unicodeScalars.count > limit ? result + "…" : result
    }
}
