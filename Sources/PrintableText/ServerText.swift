/// Text from a server (a name, a problem title, a field name, an error code) made safe to print: at most
/// `limit` characters, then `…`, and every character `TerminalText.isUnsafe` refuses shown as
/// `TerminalText.escape` spells it (`\u{1B}`), as names from the files are, so an answer can neither
/// flood nor steer a terminal nor break a line.
public enum ServerText {
    /// `text` cut after `limit` characters (then `…`), its unsafe characters escaped.
    public static func bounded(_ text: String, limit: Int = 200) -> String {
        let scalars = text.unicodeScalars
        let limit = max(0, limit)
        let kept = TerminalText.escaped(String(String.UnicodeScalarView(scalars.prefix(limit))))
        // Whether more follows, without counting the whole of an answer that may be huge.
        return scalars.dropFirst(limit).isEmpty ? kept : kept + "…"
    }
}
