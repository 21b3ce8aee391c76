/// Bounds that keep hostile or accidental input from hanging or crashing the parser.
struct ParsingLimits: Sendable, Hashable {
    /// Files larger than this many bytes (UTF-8) are refused before parsing.
    var maximumFileBytes: Int = 10 * 1024 * 1024
    /// Nodes that aliases (`*name`) may add to a document when expanded; a "billion laughs"
    /// document adds billions from a few hundred bytes.
    var maximumAliasExpansion: Int = 100_000
    /// Bytes of scalar text that aliases may add when expanded: with the node budget, this keeps
    /// the work after composing linear in the file's size even when large values are aliased.
    var maximumAliasExpansionBytes: Int = 10 * 1024 * 1024
    /// Deepest nesting of lists and mappings; the format itself needs fewer than ten levels.
    var maximumDepth: Int = 64

    static let standard = ParsingLimits()

    /// `10 MB` style text for messages.
    static func describeBytes(_ bytes: Int) -> String {
        let megabytes = Double(bytes) / (1024 * 1024)
        if megabytes >= 1 {
            let tenths = (megabytes * 10).rounded() / 10
            return tenths == tenths.rounded() ? "\(Int(tenths)) MB" : "\(tenths) MB"
        }
        return "\(bytes) bytes"
    }
}
